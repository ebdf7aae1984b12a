//! The application: reads its configuration, starts the live feed and lays out the page.

use std::time::Duration;

use leptos::prelude::*;

use crate::browser;
use crate::clock::provide_clock;
use crate::config::Config;
use crate::live;
use crate::page::Page;
use crate::router::provide_router;
use crate::saved::provide_saved;
use crate::ticker::TickerOptions;

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
    provide_clock(config.tz.as_deref());
    provide_router();
    provide_saved();
    let ticker = TickerOptions {
        speed: config.speed,
        direction: config.direction,
        pause_on_hover: config.pause_on_hover,
    };

    view! { <Page ticker /> }
}
