//! The embed builder's output: the `<iframe>` a publisher pastes, and the few lines of script
//! that let an article or news embed size its frame.

use crate::logic::config::{Embed, ScrollDirection, Theme, UpColors, DEFAULT_REFRESH_SECS};
use crate::logic::flashes::Filters;

/// What the publisher picked in the builder. Numbers are whole: a builder offers whole pixels
/// per second and whole seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    pub embed: Embed,
    /// `embed=article`: which article; empty for the latest.
    pub id: String,
    /// As typed: `ETH,BTC`; empty for all.
    pub symbols: String,
    /// Another feed's absolute URL; empty for the bundled feed.
    pub feed: String,
    pub refresh: u32,
    pub speed: u32,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    pub theme: Theme,
    pub transparent: bool,
    /// Empty for the reader's.
    pub locale: String,
    /// Empty for the reader's.
    pub tz: String,
    pub colors: UpColors,
    pub sparkline: bool,
    /// A ticker's click target, `{symbol}` for its symbol; empty for the feed's own links.
    pub link: String,
    /// `embed=news`: the list's filters (`filter=important`, `coin=`, `tag=`); empty for none.
    pub filters: Filters,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        Self {
            embed: Embed::Ticker,
            id: String::new(),
            symbols: String::new(),
            feed: String::new(),
            refresh: DEFAULT_REFRESH_SECS,
            speed: 50,
            direction: ScrollDirection::Left,
            pause_on_hover: true,
            theme: Theme::Auto,
            transparent: false,
            locale: String::new(),
            tz: String::new(),
            colors: UpColors::GreenUp,
            sparkline: false,
            link: String::new(),
            filters: Filters::default(),
        }
    }
}

/// A ticker embed's height in CSS pixels: the ticker bar's own.
pub const TICKER_HEIGHT: u32 = 44;
/// An article or news embed's height until its first resize message.
pub const INITIAL_HEIGHT: u32 = 600;

impl EmbedOptions {
    /// `(name, value)` of every parameter that differs from its default and matters for this
    /// embed, in the order the README lists them.
    pub fn parameters(&self) -> Vec<(&'static str, String)> {
        let defaults = EmbedOptions::default();
        let ticker = self.embed == Embed::Ticker;
        let mut out = vec![(
            "embed",
            match self.embed {
                Embed::Ticker => "ticker",
                Embed::Article => "article",
                Embed::News => "news",
            }
            .to_owned(),
        )];
        let mut add = |name, value: String, wanted: bool| {
            if wanted {
                out.push((name, value));
            }
        };
        let id = self.id.trim();
        add(
            "id",
            id.to_owned(),
            self.embed == Embed::Article && !id.is_empty(),
        );
        let symbols: Vec<&str> = self
            .symbols
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        add("symbols", symbols.join(","), ticker && !symbols.is_empty());
        add(
            "feed",
            self.feed.trim().to_owned(),
            !self.feed.trim().is_empty(),
        );
        add(
            "refresh",
            self.refresh.to_string(),
            self.refresh != defaults.refresh,
        );
        add(
            "speed",
            self.speed.to_string(),
            ticker && self.speed != defaults.speed,
        );
        add(
            "direction",
            "right".to_owned(),
            ticker && self.direction == ScrollDirection::Right,
        );
        add(
            "pause_on_hover",
            "0".to_owned(),
            ticker && !self.pause_on_hover,
        );
        let theme = match self.theme {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        };
        add(
            "theme",
            theme.unwrap_or_default().to_owned(),
            theme.is_some(),
        );
        add("transparent", "1".to_owned(), self.transparent);
        add(
            "locale",
            self.locale.trim().to_owned(),
            ticker && !self.locale.trim().is_empty(),
        );
        add(
            "tz",
            self.tz.trim().to_owned(),
            !ticker && !self.tz.trim().is_empty(),
        );
        add(
            "colors",
            "red-up".to_owned(),
            ticker && self.colors == UpColors::RedUp,
        );
        add("sparkline", "1".to_owned(), ticker && self.sparkline);
        add(
            "link",
            self.link.trim().to_owned(),
            ticker && !self.link.trim().is_empty(),
        );
        // As the page reads them back (trimmed; an empty one is none).
        let filters = Filters::from_query(
            self.filters
                .pairs()
                .iter()
                .map(|(name, value)| (*name, value.as_str())),
        );
        for (name, value) in filters.pairs() {
            add(name, value, self.embed == Embed::News);
        }
        out
    }

    /// `?embed=…&…`, percent-encoded.
    pub fn query(&self) -> String {
        let mut query = String::new();
        for (name, value) in self.parameters() {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(name);
            query.push('=');
            query.push_str(&encode(&value));
        }
        query
    }

    /// The `<iframe>` to paste, pointing at the app at `app_url` (its `index.html` or folder).
    pub fn iframe(&self, app_url: &str) -> String {
        let src = format!("{app_url}{}", self.query());
        let (title, height) = match self.embed {
            Embed::Ticker => ("Cryptocurrency prices", TICKER_HEIGHT),
            Embed::Article => ("News article", INITIAL_HEIGHT),
            Embed::News => ("News", INITIAL_HEIGHT),
        };
        let mut html = format!(
            "<iframe src=\"{}\" title=\"{title}\" width=\"100%\" height=\"{height}\" \
             style=\"border: 0; display: block\" loading=\"lazy\"",
            escape(&src)
        );
        if self.embed != Embed::Ticker {
            html.push_str(" id=\"tapewire-frame\"");
        }
        html.push_str("></iframe>");
        html
    }

    /// For article and news embeds: the host-side script that sizes the frame to the height
    /// the widget reports, accepting messages only from that frame and the app's origin.
    pub fn resize_script(&self, app_origin: &str) -> Option<String> {
        (self.embed != Embed::Ticker).then(|| {
            format!(
                "<script>\n\
                 addEventListener(\"message\", (event) => {{\n  \
                   const frame = document.getElementById(\"tapewire-frame\");\n  \
                   if (event.source !== frame.contentWindow || event.origin !== \"{}\") return;\n  \
                   if (event.data?.type === \"tapewire:resize\") frame.style.height = event.data.height + \"px\";\n\
                 }});\n\
                 </script>",
                escape_script_string(app_origin)
            )
        })
    }
}

/// Percent-encodes a query value; `,` and `/` stay readable (they are allowed in a query).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,/:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Escapes text for an HTML attribute value in double quotes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Keeps an origin inside a JS string literal in a `<script>`.
fn escape_script_string(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || ":/.-[]".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::config::{Config, FeedSource, TickerLink};
    use crate::logic::link::LinkTemplate;
    use crate::logic::route::decode_query;

    fn read_back(query: &str) -> Config {
        let pairs = decode_query(query);
        Config::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).config
    }

    #[test]
    fn defaults_make_the_shortest_embed() {
        let options = EmbedOptions::default();
        assert_eq!(options.query(), "?embed=ticker");
        assert_eq!(
            options.iframe("https://news.example/widget/"),
            "<iframe src=\"https://news.example/widget/?embed=ticker\" title=\"Cryptocurrency prices\" \
             width=\"100%\" height=\"44\" style=\"border: 0; display: block\" loading=\"lazy\"></iframe>"
        );
        assert_eq!(options.resize_script("https://news.example"), None);
    }

    #[test]
    fn a_news_embed_takes_the_filters_and_a_ticker_none() {
        let filters = Filters {
            important: true,
            coin: Some(" btc ".into()),
            tag: Some("ETF & more".into()),
        };
        let news = EmbedOptions {
            embed: Embed::News,
            filters: filters.clone(),
            ..EmbedOptions::default()
        };
        let query = news.query();
        assert_eq!(
            query,
            "?embed=news&filter=important&coin=BTC&tag=ETF%20%26%20more"
        );
        let pairs = decode_query(&query);
        assert_eq!(
            Filters::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            Filters {
                important: true,
                coin: Some("BTC".into()),
                tag: Some("ETF & more".into())
            }
        );
        let ticker = EmbedOptions {
            filters,
            ..EmbedOptions::default()
        };
        assert_eq!(ticker.query(), "?embed=ticker");
    }

    #[test]
    fn every_choice_reads_back_as_the_same_configuration() {
        let options = EmbedOptions {
            symbols: " ETH, BTC ,".into(),
            feed: "https://cdn.example/feed.json?v=1&x=2".into(),
            refresh: 10,
            speed: 80,
            direction: ScrollDirection::Right,
            pause_on_hover: false,
            theme: Theme::Dark,
            transparent: true,
            locale: "de-DE".into(),
            colors: UpColors::RedUp,
            sparkline: true,
            link: " https://example.com/coins/{symbol}?from=ticker&v=1 ".into(),
            ..EmbedOptions::default()
        };
        let query = options.query();
        assert!(
            query.ends_with("&link=https://example.com/coins/%7Bsymbol%7D%3Ffrom%3Dticker%26v%3D1"),
            "{query}"
        );
        let config = read_back(&query);
        assert_eq!(config.embed, Some(Embed::Ticker));
        assert_eq!(config.symbols, Some(vec!["ETH".into(), "BTC".into()]));
        assert_eq!(
            config.feed,
            FeedSource::Url("https://cdn.example/feed.json?v=1&x=2".into())
        );
        assert_eq!(config.refresh_secs, 10);
        assert_eq!(config.speed, 80.0);
        assert_eq!(config.direction, ScrollDirection::Right);
        assert!(!config.pause_on_hover);
        assert_eq!(config.theme, Theme::Dark);
        assert!(config.transparent);
        assert_eq!(config.locale.as_deref(), Some("de-DE"));
        assert_eq!(config.colors, UpColors::RedUp);
        assert!(config.sparkline);
        assert_eq!(
            config.link,
            TickerLink::Template(
                LinkTemplate::parse("https://example.com/coins/{symbol}?from=ticker&v=1").unwrap()
            )
        );
    }

    #[test]
    fn an_article_embed_names_its_article_and_sizes_its_frame() {
        let options = EmbedOptions {
            embed: Embed::Article,
            id: "okx-2024".into(),
            tz: "Asia/Shanghai".into(),
            speed: 80,
            link: "https://example.com/coins/{symbol}".into(),
            ..EmbedOptions::default()
        };
        assert_eq!(
            options.query(),
            "?embed=article&id=okx-2024&tz=Asia/Shanghai",
            "ticker-only choices are left out"
        );
        let iframe = options.iframe("https://news.example/");
        assert!(iframe.contains("height=\"600\""));
        assert!(iframe.contains("id=\"tapewire-frame\""));
        let script = options.resize_script("https://news.example").unwrap();
        assert!(script.contains("event.origin !== \"https://news.example\""));
        assert!(script.contains("event.source !== frame.contentWindow"));
        assert!(script.contains("\"tapewire:resize\""));
    }

    #[test]
    fn typed_text_cannot_break_out_of_the_snippet() {
        let options = EmbedOptions {
            embed: Embed::Article,
            id: "\"><script>alert(1)</script>".into(),
            ..EmbedOptions::default()
        };
        let iframe = options.iframe("https://x.example/a\"b/");
        assert!(!iframe.contains("<script>"));
        assert_eq!(iframe.matches('"').count() % 2, 0);
        assert!(iframe.starts_with(
            "<iframe src=\"https://x.example/a&quot;b/?embed=article&amp;id=%22%3E%3Cscript%3E"
        ));
        let script = options
            .resize_script("https://x.example\";alert(1)//")
            .unwrap();
        assert!(!script.contains("\";alert"));
    }
}
