//! What the query sets up: the configuration, the look it gives the page, where the feed is
//! and how the ticker moves; the page, every embed and the builder start with it.

use crate::live::browser;
use crate::logic::config::{Config, Embed, FeedSource, Theme, TickerLink, UpColors};
use crate::views::ticker::TickerOptions;

/// The feed served next to the app: the bundled sample until a publisher replaces it.
const DEFAULT_FEED: &str = "feed.json";

/// The configuration in the query, its warnings on the console and its look on the page.
pub fn read_config<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Config {
    let read = Config::from_query(pairs);
    for warning in &read.warnings {
        browser::warn(warning);
    }
    apply_look(&read.config);
    read.config
}

/// Sets the embed's look on `<html>` as data attributes the CSS reads: an explicit theme (none
/// follows the system), red-up colours, transparency, and which embed this is.
fn apply_look(config: &Config) {
    let Some(root) = browser::document().document_element() else {
        return;
    };
    let theme = match config.theme {
        Theme::Auto => None,
        Theme::Light => Some("light"),
        Theme::Dark => Some("dark"),
    };
    let embed = config.embed.map(|embed| match embed {
        Embed::Ticker => "ticker",
        Embed::Article => "article",
        Embed::News => "news",
    });
    let attributes = [
        ("data-theme", theme),
        (
            "data-colors",
            (config.colors == UpColors::RedUp).then_some("red-up"),
        ),
        ("data-transparent", config.transparent.then_some("")),
        ("data-embed", embed),
    ];
    for (name, value) in attributes {
        if let Some(value) = value {
            let _ = root.set_attribute(name, value);
        }
    }
}

/// The feed's URL: a `feed=` that could not be used is the bundled feed.
pub fn feed_address(config: &Config) -> String {
    match &config.feed {
        FeedSource::Url(url) => url.clone(),
        FeedSource::Bundled | FeedSource::Refused(_) => browser::resolve(DEFAULT_FEED),
    }
}

pub fn ticker_options(config: &Config) -> TickerOptions {
    TickerOptions {
        speed: config.speed,
        direction: config.direction,
        pause_on_hover: config.pause_on_hover,
        sparkline: config.sparkline,
        link: match &config.link {
            TickerLink::Template(template) => Some(template.clone()),
            TickerLink::Feed | TickerLink::Refused(_) => None,
        },
    }
}
