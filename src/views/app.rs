//! The application: reads its configuration, starts the live feed and lays out the page.

use std::time::Duration;

use leptos::prelude::*;

use crate::live::archive::Archive;
use crate::live::browser;
use crate::live::setup::{feed_address, read_config, ticker_options};
use crate::live::{self, LiveFeed, Source};
use crate::logic::config::{Config, Embed};
use crate::logic::feed::{parse_feed, parse_ticker_feed, FeedError, Parsed};
use crate::logic::route::Route;
use crate::views::builder::Builder;
use crate::views::clock::provide_clock;
use crate::views::embed::{self, InEmbed};
use crate::views::page::{ArticleEmbed, LiveTicker, NewsEmbed, Page};
use crate::views::problem::FeedProblem;
use crate::views::router::provide_router;
use crate::views::saved::provide_saved;
use crate::views::ticker::TickerOptions;

/// The whole app: the page, or the embed the query asks for.
#[component]
pub fn App() -> impl IntoView {
    let query = browser::query_pairs();
    let pairs = || query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let config = read_config(pairs());
    let notice = start_feed(&config, parse_feed);
    // The views with the news list: its older pages, on request.
    if matches!(config.embed, None | Some(Embed::News)) {
        Archive::start(expect_context::<LiveFeed>());
    }
    provide_clock(config.tz.as_deref());
    provide_router();
    provide_saved();
    provide_context(InEmbed(config.embed.is_some()));
    let ticker = ticker_options(&config);
    let body = match config.embed {
        None => view! { <Page ticker /> }.into_any(),
        // boot.js loads the ticker embed's own bundle (TickerApp) for this one.
        Some(Embed::Ticker) => view! { <TickerEmbed options=ticker /> }.into_any(),
        Some(Embed::Article) => {
            embed::report_height();
            let id = match Route::from_query(pairs()) {
                Route::Article(id) => Some(id),
                _ => None,
            };
            view! { <ArticleEmbed id /> }.into_any()
        }
        Some(Embed::News) => {
            embed::report_height();
            view! { <NewsEmbed /> }.into_any()
        }
    };
    view! {
        {notice}
        {body}
    }
}

/// `embed=ticker`, in a bundle of its own: the ticker alone, reading prices only.
#[component]
pub fn TickerApp() -> impl IntoView {
    let config = query_config();
    let notice = start_feed(&config, parse_ticker_feed);
    view! {
        {notice}
        <TickerEmbed options=ticker_options(&config) />
    }
}

/// The ticker, and why it has no prices if none ever came.
#[component]
fn TickerEmbed(options: TickerOptions) -> impl IntoView {
    view! {
        <LiveTicker options />
        <FeedProblem />
    }
}

/// `view=builder`: the embed builder, a page of its own with its own bundle.
#[component]
pub fn BuilderApp() -> impl IntoView {
    let config = query_config();
    // The feed's articles, to pick one for an article embed.
    let notice = start_feed(&config, parse_feed);
    view! {
        {notice}
        <main class="tw-page tw-page--single">
            <div class="tw-page__main">
                <Builder />
            </div>
        </main>
    }
}

/// The configuration the page's query sets.
fn query_config() -> Config {
    let query = browser::query_pairs();
    read_config(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Starts polling the configured feed, read by `read`; a `feed=` or `link=` that could not be
/// used is told in the widget.
fn start_feed(
    config: &Config,
    read: fn(&str) -> Result<Parsed, FeedError>,
) -> Option<impl IntoView> {
    live::start(Source {
        url: feed_address(config),
        refresh: Duration::from_secs(config.refresh_secs.into()),
        symbols: config.symbols.clone(),
        locale: config.locale.as_deref().and_then(browser::known_locale),
        read,
    });
    config.refused_text().map(|text| view! { <Refused text /> })
}

/// Says in the widget which of its addresses could not be used, and what it uses instead: one
/// note, which a ticker embed lays over the bar's end.
#[component]
fn Refused(text: String) -> impl IntoView {
    view! {
        <p class="tw-note tw-refused" role="status">
            {text}
        </p>
    }
}
