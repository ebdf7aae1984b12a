//! The feed as the app shows it, which is also the feed as `tapewire-feed` writes it: natively,
//! these types serialize to FEED.md's JSON and describe it as a JSON Schema (`feed.schema.json`,
//! generated from them, with the limits the parser enforces).

use crate::logic::decimal::Decimal;

/// The longest text each field keeps: a longer one is truncated (with a finding).
pub const MAX_SYMBOL_CHARS: usize = 12;
pub const MAX_NAME_CHARS: usize = 64;
pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_BYLINE_CHARS: usize = 200;
pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_URL_CHARS: usize = 2048;
pub const MAX_ID_CHARS: usize = 200;
pub const MAX_HISTORY: usize = 500;

/// The URLs the parser accepts ([`super::is_allowed_url`]) as JSON Schema patterns
/// (ECMA-262, no look-around): http(s) with a host; or also a relative one, which has no
/// scheme, is not protocol-relative and does not start with a backslash.
pub const HTTP_URL_PATTERN: &str =
    r"^[hH][tT][tT][pP][sS]?://[^/?#\x00-\x20\x7f][^\x00-\x20\x7f]*$";
pub const ANY_URL_PATTERN: &str = r"^(?:[hH][tT][tT][pP][sS]?://[^/?#\x00-\x20\x7f]|[^:/?#\\\x00-\x20\x7f][^:/?#\x00-\x20\x7f]*(?:[/?#]|$)|/[^/\x00-\x20\x7f]|/$|[?#])[^\x00-\x20\x7f]*$";

/// A feed (FEED.md, version 1): prices for the ticker and news for the flash view.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "Tapewire feed, version 1")
)]
pub struct Feed {
    /// 1. A higher version is read as far as version 1 goes, with a warning.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub version: u64,
    /// When the publisher produced this file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// ISO 4217 code (`USD`) or a symbol like `USDT`: what prices are quoted in. `USD` when
    /// absent.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[A-Za-z0-9]{1,12}$"))
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub quote_currency: String,
    /// Who publishes the feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// The price ticker, in display order, unique by symbol; may be empty.
    pub tickers: Vec<TickerEntry>,
    /// News, newest first, unique by id; may be empty.
    pub articles: Vec<Article>,
    /// An older page of articles: a document of this same format whose `articles` continue
    /// this one's. http(s), or relative to this feed's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = ANY_URL_PATTERN))
    )]
    pub next_url: Option<String>,
}

/// An RFC 3339 timestamp with an offset (`2024-06-12T16:02:10+08:00`): the text as written,
/// and the instant in milliseconds since the Unix epoch (for ordering and ages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub text: String,
    pub unix_ms: i64,
}

/// Who publishes the feed: shown in the page's footer and "Scan to download" banner.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Publisher {
    /// e.g. `ChainCatcher`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_BYLINE_CHARS)))]
    pub name: Option<String>,
    /// e.g. `Building the Web3 world with innovations.`
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_BYLINE_CHARS)))]
    pub tagline: Option<String>,
    /// A square app icon: http(s) or relative.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = ANY_URL_PATTERN))
    )]
    pub icon: Option<String>,
    /// The app download page (http(s)): shown as "Scan to download" with a QR code.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = HTTP_URL_PATTERN))
    )]
    pub download_url: Option<String>,
    /// The publisher's home page (http(s)).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = HTTP_URL_PATTERN))
    )]
    pub home_url: Option<String>,
}

/// One entry of the ticker: a symbol's price, as the ticker component
/// ([`crate::views::ticker`]) shows it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TickerEntry {
    /// The unique key, e.g. `BTC`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_SYMBOL_CHARS)))]
    pub symbol: String,
    /// e.g. `Bitcoin`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_NAME_CHARS)))]
    pub name: Option<String>,
    /// The last price in the quote currency, not negative: a decimal string keeps exact digits
    /// (`"0.00001234"`). Without one (or with one that is not a decimal) the ticker shows a
    /// dash, never a made-up zero.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(required, schema_with = "super::schema::price")
    )]
    pub price: Option<Decimal>,
    /// The 24-hour change in percent: `"2.69"` is +2.69 %.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_24h: Option<Decimal>,
    /// Recent prices, oldest first, for a sparkline.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_HISTORY)))]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub history: Vec<f64>,
    /// Where a click on this ticker goes (http(s)).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = HTTP_URL_PATTERN))
    )]
    pub url: Option<String>,
    /// When this price was observed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The coin's square logo, shown small at the item's start: http(s) or relative.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = ANY_URL_PATTERN))
    )]
    pub logo: Option<String>,
}

/// A news flash.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Article {
    /// Unique and stable, used in links: ASCII letters, digits, `-`, `_`, `.`, `~`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[A-Za-z0-9._~-]{1,200}$"))
    )]
    pub id: String,
    /// Plain text.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TITLE_CHARS)))]
    pub title: String,
    pub published_at: Timestamp,
    /// Byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_BYLINE_CHARS)))]
    pub author: Option<String>,
    /// Where the flash comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_BYLINE_CHARS)))]
    pub source: Option<String>,
    /// The original article (http(s)).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = MAX_URL_CHARS), regex(pattern = HTTP_URL_PATTERN))
    )]
    pub url: Option<String>,
    /// A flash that matters: marked, and kept by the "important only" filter.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub important: bool,
    /// The ticker symbols the flash is about, each once: shown with their live price.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(inner(length(min = 1, max = MAX_SYMBOL_CHARS)), extend("uniqueItems" = true))
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub coins: Vec<String>,
    /// Topics; readers can filter by them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(inner(length(min = 1, max = MAX_TAG_CHARS))))]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub tags: Vec<String>,
    /// The text, in order.
    pub body: Vec<Block>,
}

/// A block of an article's body. Every text is plain text, never HTML.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum Block {
    Paragraph {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        text: String,
    },
    Heading {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        text: String,
    },
    List {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(inner(length(min = 1, max = MAX_TEXT_CHARS))))]
        items: Vec<String>,
        /// Numbered; `false` when absent.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
        ordered: bool,
    },
    Quote {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_BYLINE_CHARS)))]
        cite: Option<String>,
    },
    Image {
        /// http(s) or relative.
        #[cfg_attr(
            not(target_arch = "wasm32"),
            schemars(length(max = MAX_URL_CHARS), regex(pattern = ANY_URL_PATTERN))
        )]
        src: String,
        /// Required: what the image shows, for readers who cannot see it.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        alt: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        caption: Option<String>,
    },
    Link {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = MAX_TEXT_CHARS)))]
        text: String,
        /// http(s).
        #[cfg_attr(
            not(target_arch = "wasm32"),
            schemars(length(max = MAX_URL_CHARS), regex(pattern = HTTP_URL_PATTERN))
        )]
        href: String,
    },
}

/// As it was written: the feed a publisher wrote is the feed written back.
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}
