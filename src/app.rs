//! The application: reads its configuration, starts the live feed and lays out the page.

use std::time::Duration;

use leptos::prelude::*;

use crate::browser;
use crate::config::Config;
use crate::live::{self, FeedStatus, LiveFeed};
use crate::ticker::{Ticker, TickerOptions};

/// The feed served next to the app: the bundled sample until a publisher replaces it.
const DEFAULT_FEED: &str = "feed.json";

#[component]
pub fn App() -> impl IntoView {
    let query = browser::query_pairs();
    let read = Config::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    for warning in &read.warnings {
        browser::warn(warning);
    }
    let config = read.config;
    // Prices are written the reader's way, in dollars until a feed names another currency.
    let style = browser::number_style("USD");
    live::start(
        browser::resolve(DEFAULT_FEED),
        Duration::from_secs(config.refresh_secs.into()),
        style,
    );
    let options = TickerOptions {
        speed: config.speed,
        direction: config.direction,
        pause_on_hover: config.pause_on_hover,
    };

    view! {
        <h1 class="tw-sr-only">"Tapewire: live crypto prices"</h1>
        <Ticker options />
        <FeedProblem />
    }
}

/// Says why nothing could be shown, with a way to try again. Once good data has arrived a
/// failing feed leaves it on screen instead.
#[component]
fn FeedProblem() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let reason = move || match live.status.get() {
        FeedStatus::Failed(reason) => Some(reason),
        _ => None,
    };
    view! {
        {move || reason().map(|reason| view! {
            <div class="tw-problem" role="alert">
                <p>{reason}</p>
                <button type="button" class="tw-button" on:click=move |_| live.retry()>"Retry"</button>
            </div>
        })}
    }
}
