//! The widget's configuration, read from the page's query string.
//!
//! Every parameter is optional; a bad value falls back to its default and says why, so a typo
//! in a publisher's embed code never blanks the widget.

use crate::logic::decimal::Decimal;
use crate::logic::feed::is_allowed_url;
use crate::logic::link::LinkTemplate;

/// Seconds between feed polls.
pub const DEFAULT_REFRESH_SECS: u32 = 30;
pub const REFRESH_RANGE: std::ops::RangeInclusive<u32> = 1..=3600;
/// Pixels per second of ticker motion.
pub const DEFAULT_SPEED: f64 = 50.0;
/// Faster than this is unreadable on any screen.
pub const MAX_SPEED: f64 = 2000.0;
/// More symbols than a feed could sensibly carry in a ticker someone reads.
const MAX_SYMBOLS: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `None`: the whole page.
    pub embed: Option<Embed>,
    /// Which tickers, in which order (symbols as given, matched without regard to case);
    /// `None`: all, in feed order.
    pub symbols: Option<Vec<String>>,
    pub feed: FeedSource,
    pub refresh_secs: u32,
    /// 0 stops the motion.
    pub speed: f64,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    pub theme: Theme,
    /// No background of the widget's own: the host page shows through.
    pub transparent: bool,
    /// A BCP 47 tag for numbers (`de-DE`); `None` is the reader's. Only its shape is checked
    /// here: whether the browser knows it is asked there.
    pub locale: Option<String>,
    /// An IANA time zone for publication times (`Asia/Shanghai`); `None` is the reader's own.
    /// Only its shape is checked here, as for `locale`.
    pub tz: Option<String>,
    pub colors: UpColors,
    /// A small line of each ticker's `history` beside its price.
    pub sparkline: bool,
    /// Where a click on a ticker goes.
    pub link: TickerLink,
}

/// The part of the app an `<iframe>` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embed {
    Ticker,
    /// The article `id` names, or the latest.
    Article,
    /// The latest article and the list of the others.
    News,
}

/// Where the feed comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedSource {
    /// `feed.json` next to the app.
    Bundled,
    /// Another feed, absolute http(s) (served with CORS).
    Url(String),
    /// `feed=` held something that is not an absolute http(s) URL (kept to tell the reader);
    /// the bundled feed is used.
    Refused(String),
}

/// Where a click on a ticker goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TickerLink {
    /// Each ticker's own `url` in the feed, if it has one.
    Feed,
    /// `link=`: every ticker to this template, its symbol filled in.
    Template(LinkTemplate),
    /// `link=` held something that is not an absolute http(s) URL with a host of its own (kept
    /// to tell the reader); the feed's `url`s are used.
    Refused(String),
}

/// Which way the ticker's items travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollDirection {
    /// Right to left, as text is read in left-to-right scripts.
    Left,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's system setting.
    Auto,
    Light,
    Dark,
}

/// Which colour means "up": green in Western markets, red in Chinese and Japanese ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpColors {
    GreenUp,
    RedUp,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            embed: None,
            symbols: None,
            feed: FeedSource::Bundled,
            refresh_secs: DEFAULT_REFRESH_SECS,
            speed: DEFAULT_SPEED,
            direction: ScrollDirection::Left,
            pause_on_hover: true,
            theme: Theme::Auto,
            transparent: false,
            locale: None,
            tz: None,
            colors: UpColors::GreenUp,
            sparkline: false,
            link: TickerLink::Feed,
        }
    }
}

/// A configuration and the reasons any parameter was not taken as given.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadConfig {
    pub config: Config,
    pub warnings: Vec<String>,
}

impl Config {
    /// Reads `(name, value)` pairs as found in a URL query (already percent-decoded). Unknown
    /// names are ignored: other issues' parameters and a host's own must not cause warnings.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ReadConfig {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            let mut refuse = |expected: &str, default: &str| {
                warnings.push(format!(
                    "{name}=\"{value}\" is not {expected}; using {default}"
                ));
            };
            match name {
                "embed" => match value {
                    "ticker" => config.embed = Some(Embed::Ticker),
                    "article" => config.embed = Some(Embed::Article),
                    "news" => config.embed = Some(Embed::News),
                    _ => refuse("ticker, article or news", "the whole page"),
                },
                "symbols" => match parse_symbols(value) {
                    Some(symbols) => config.symbols = Some(symbols),
                    None => refuse("a comma-separated list of symbols like ETH,BTC", "all"),
                },
                "feed" => {
                    if is_allowed_url(value, false) {
                        config.feed = FeedSource::Url(value.to_owned());
                    } else {
                        refuse("an absolute http(s) URL", "the bundled feed");
                        config.feed = FeedSource::Refused(value.to_owned());
                    }
                }
                "refresh" => match value.parse::<u32>() {
                    Ok(secs) if REFRESH_RANGE.contains(&secs) => config.refresh_secs = secs,
                    _ => refuse("a whole number of seconds from 1 to 3600", "30"),
                },
                "speed" => match Decimal::parse(value).map(|speed| speed.to_f64()) {
                    Ok(speed) if (0.0..=MAX_SPEED).contains(&speed) => config.speed = speed,
                    _ => refuse("a number of pixels per second from 0 to 2000", "50"),
                },
                "direction" => match value {
                    "left" => config.direction = ScrollDirection::Left,
                    "right" => config.direction = ScrollDirection::Right,
                    _ => refuse("left or right", "left"),
                },
                "pause_on_hover" => match flag(value) {
                    Some(on) => config.pause_on_hover = on,
                    None => refuse("1 or 0", "1"),
                },
                "theme" => match value {
                    "auto" => config.theme = Theme::Auto,
                    "light" => config.theme = Theme::Light,
                    "dark" => config.theme = Theme::Dark,
                    _ => refuse("light, dark or auto", "auto"),
                },
                "transparent" => match flag(value) {
                    Some(on) => config.transparent = on,
                    None => refuse("1 or 0", "0"),
                },
                "locale" => {
                    if is_locale_shaped(value) {
                        config.locale = Some(value.to_owned());
                    } else {
                        refuse("a BCP 47 language tag like de-DE", "the reader's");
                    }
                }
                "tz" => {
                    if is_zone_shaped(value) {
                        config.tz = Some(value.to_owned());
                    } else {
                        refuse("an IANA time zone like Asia/Shanghai", "the reader's");
                    }
                }
                "colors" => match value {
                    "green-up" => config.colors = UpColors::GreenUp,
                    "red-up" => config.colors = UpColors::RedUp,
                    _ => refuse("green-up or red-up", "green-up"),
                },
                "sparkline" => match flag(value) {
                    Some(on) => config.sparkline = on,
                    None => refuse("1 or 0", "0"),
                },
                "link" => match LinkTemplate::parse(value) {
                    Some(template) => config.link = TickerLink::Template(template),
                    None => {
                        refuse(
                            "an absolute http(s) URL with a host of its own, like \
                             https://example.com/coins/{symbol}",
                            "the feed's links",
                        );
                        config.link = TickerLink::Refused(value.to_owned());
                    }
                },
                _ => {}
            }
        }
        ReadConfig { config, warnings }
    }

    /// What the widget itself says of a `feed=` and a `link=` it could not use (beside the
    /// console's warning): an address in a publisher's embed code is worth telling on screen.
    pub fn refused_text(&self) -> Option<String> {
        let feed = match &self.feed {
            FeedSource::Refused(given) => Some(format!(
                "The feed address “{given}” is not an absolute http(s) URL; showing the bundled feed."
            )),
            _ => None,
        };
        let link = match &self.link {
            TickerLink::Refused(given) => Some(format!(
                "The ticker link “{given}” is not an absolute http(s) URL with a host of its own; \
                 tickers link where the feed says."
            )),
            _ => None,
        };
        match (feed, link) {
            (Some(feed), Some(link)) => Some(format!("{feed} {link}")),
            (feed, link) => feed.or(link),
        }
    }
}

/// `1` or `0`.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// `ETH,BTC` as symbols, in order, without blanks or repeats (compared without regard to
/// case); `None` if no usable symbol is left.
fn parse_symbols(value: &str) -> Option<Vec<String>> {
    let mut symbols: Vec<String> = Vec::new();
    for symbol in value.split(',').map(str::trim) {
        let usable = (1..=12).contains(&symbol.chars().count())
            && !symbols.iter().any(|s| s.eq_ignore_ascii_case(symbol));
        if usable && symbols.len() < MAX_SYMBOLS {
            symbols.push(symbol.to_owned());
        }
    }
    (!symbols.is_empty()).then_some(symbols)
}

/// `en`, `de-DE`, `zh-Hant-TW`, `en-US-u-nu-latn`: letters and digits in hyphenated subtags.
fn is_locale_shaped(value: &str) -> bool {
    (2..=64).contains(&value.len())
        && value.split('-').all(|tag| {
            (1..=8).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// `Area/City`-like names (`UTC`, `America/Argentina/Buenos_Aires`, `Etc/GMT+8`).
fn is_zone_shaped(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(query: &[(&str, &str)]) -> ReadConfig {
        Config::from_query(query.iter().copied())
    }

    #[test]
    fn defaults_without_parameters() {
        let read = read(&[]);
        // Written out: the README's table of defaults, value by value.
        let documented = Config {
            embed: None,
            symbols: None,
            feed: FeedSource::Bundled,
            refresh_secs: 30,
            speed: 50.0,
            direction: ScrollDirection::Left,
            pause_on_hover: true,
            theme: Theme::Auto,
            transparent: false,
            locale: None,
            tz: None,
            colors: UpColors::GreenUp,
            sparkline: false,
            link: TickerLink::Feed,
        };
        assert_eq!(read.config, documented);
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn takes_good_values() {
        let read = read(&[
            ("embed", "ticker"),
            ("symbols", " ETH, btc ,,ETH"),
            ("feed", "https://cdn.example.com/feed.json?v=2"),
            ("refresh", "5"),
            ("speed", "120.5"),
            ("direction", "right"),
            ("pause_on_hover", "0"),
            ("theme", "dark"),
            ("transparent", "1"),
            ("locale", "de-DE"),
            ("tz", "Asia/Shanghai"),
            ("colors", "red-up"),
            ("sparkline", "1"),
            ("link", " https://example.com/coins/{symbol}?from=ticker "),
            ("publisher_param", "ignored"),
        ]);
        assert_eq!(
            read.config,
            Config {
                embed: Some(Embed::Ticker),
                symbols: Some(vec!["ETH".into(), "btc".into()]),
                feed: FeedSource::Url("https://cdn.example.com/feed.json?v=2".into()),
                refresh_secs: 5,
                speed: 120.5,
                direction: ScrollDirection::Right,
                pause_on_hover: false,
                theme: Theme::Dark,
                transparent: true,
                locale: Some("de-DE".into()),
                tz: Some("Asia/Shanghai".into()),
                colors: UpColors::RedUp,
                sparkline: true,
                link: TickerLink::Template(
                    LinkTemplate::parse("https://example.com/coins/{symbol}?from=ticker").unwrap()
                ),
            }
        );
        assert!(read.warnings.is_empty());
        assert_eq!(Config::from_query([("speed", "0")]).config.speed, 0.0);
        assert_eq!(
            Config::from_query([("embed", "news")]).config.embed,
            Some(Embed::News)
        );
    }

    #[test]
    fn bad_values_fall_back_with_a_reason() {
        let read = read(&[
            ("embed", "sidebar"),
            ("symbols", " , ,"),
            ("refresh", "0"),
            ("speed", "-5"),
            ("direction", "up"),
            ("pause_on_hover", "yes"),
            ("theme", "purple"),
            ("transparent", "true"),
            ("locale", "not a locale!"),
            ("tz", "Mars/Olympus Mons"),
            ("colors", "blue-up"),
            ("sparkline", "yes"),
        ]);
        assert_eq!(read.config, Config::default());
        assert_eq!(read.warnings.len(), 12, "{:#?}", read.warnings);
        assert_eq!(
            read.warnings[6],
            "theme=\"purple\" is not light, dark or auto; using auto"
        );
        assert!(
            read.warnings[3].contains("speed=\"-5\""),
            "{:?}",
            read.warnings
        );
        for bad in ["NaN", "inf", "1e9", "fast", ""] {
            assert_eq!(
                Config::from_query([("speed", bad)]).config.speed,
                DEFAULT_SPEED,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_feed_that_is_not_absolute_http_is_refused_and_kept_to_tell() {
        for bad in [
            "javascript:alert(1)",
            "data:application/json,{}",
            "feed.json",
            "//evil.example/feed.json",
            "ftp://x/feed.json",
        ] {
            let read = Config::from_query([("feed", bad)]);
            assert_eq!(read.config.feed, FeedSource::Refused(bad.into()), "{bad}");
            assert_eq!(read.warnings.len(), 1);
        }
    }

    #[test]
    fn a_link_template_that_is_not_absolute_http_is_refused_and_kept_to_tell() {
        for bad in [
            "javascript:alert(1)",
            "coins/{symbol}",
            "//evil.example/{symbol}",
            "https://{symbol}.example.com/",
            "",
        ] {
            let read = Config::from_query([("link", bad)]);
            assert_eq!(read.config.link, TickerLink::Refused(bad.into()), "{bad}");
            assert_eq!(
                read.warnings,
                [format!(
                    "link=\"{bad}\" is not an absolute http(s) URL with a host of its own, like \
                     https://example.com/coins/{{symbol}}; using the feed's links"
                )]
            );
        }
    }

    #[test]
    fn a_refused_address_is_told_in_the_widget() {
        let told = |query: &[(&str, &str)]| read(query).config.refused_text();
        assert_eq!(told(&[("feed", "https://x.example/f.json")]), None);
        assert_eq!(told(&[("link", "https://x.example/{symbol}")]), None);
        let feed = "The feed address “feed.json” is not an absolute http(s) URL; showing the \
                    bundled feed.";
        let link = "The ticker link “javascript:alert(1)” is not an absolute http(s) URL with a \
                    host of its own; tickers link where the feed says.";
        assert_eq!(told(&[("feed", "feed.json")]).as_deref(), Some(feed));
        assert_eq!(
            told(&[("link", "javascript:alert(1)")]).as_deref(),
            Some(link)
        );
        assert_eq!(
            told(&[("link", "javascript:alert(1)"), ("feed", "feed.json")]),
            Some(format!("{feed} {link}"))
        );
    }

    proptest! {
        #[test]
        fn any_query_gives_a_usable_config(
            name in "refresh|speed|symbols|locale|tz|\\PC{0,8}",
            // Numbers in and out of range, as well as any text.
            value in prop_oneof!["-?[0-9]{1,6}(\\.[0-9]{1,3})?(e[0-9])?", "\\PC{0,20}"],
        ) {
            let config = Config::from_query([(name.as_str(), value.as_str())]).config;
            prop_assert!(REFRESH_RANGE.contains(&config.refresh_secs));
            prop_assert!((0.0..=MAX_SPEED).contains(&config.speed));
            if let Some(symbols) = config.symbols {
                prop_assert!(!symbols.is_empty());
                prop_assert!(symbols.iter().all(|s| (1..=12).contains(&s.chars().count())));
            }
        }
    }
}
