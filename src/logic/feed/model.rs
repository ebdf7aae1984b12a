use crate::logic::decimal::Decimal;

/// A feed that passed validation: everything in it can be shown as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    /// `version` as the publisher wrote it (1 today; higher is read as far as it is understood).
    pub version: u64,
    /// `updated_at`, kept as the publisher's RFC 3339 text; `None` when absent or malformed.
    pub updated_at: Option<Timestamp>,
    pub publisher: Option<Publisher>,
    /// ISO 4217 code (`USD`) or a symbol like `USDT`; `USD` when the feed names none.
    pub quote_currency: String,
    /// In display order, unique by symbol.
    pub tickers: Vec<TickerEntry>,
    /// Newest first, unique by id.
    pub articles: Vec<Article>,
    /// An older page of articles (http(s), or relative to the feed's own URL).
    pub next_url: Option<String>,
}

/// An RFC 3339 timestamp: the text as written, and the instant in milliseconds since the Unix
/// epoch (for ordering and ages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub text: String,
    pub unix_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Publisher {
    pub name: Option<String>,
    pub tagline: Option<String>,
    /// http(s) or relative.
    pub icon: Option<String>,
    /// http(s) only.
    pub download_url: Option<String>,
    /// http(s) only.
    pub home_url: Option<String>,
}

/// One entry of the feed's `tickers` list: a symbol's price, as the ticker component
/// ([`crate::views::ticker`]) shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TickerEntry {
    /// 1 to 12 characters, unique in the feed.
    pub symbol: String,
    pub name: Option<String>,
    /// `None` when the publisher sent none or one that is not a finite, non-negative decimal:
    /// the ticker then shows a dash, never a made-up zero.
    pub price: Option<Decimal>,
    /// 24-hour change in percent.
    pub change_24h: Option<Decimal>,
    /// Recent prices, oldest first (finite values only).
    pub history: Vec<f64>,
    /// http(s) only.
    pub url: Option<String>,
    pub updated_at: Option<Timestamp>,
    /// The coin's square logo: http(s) or relative.
    pub logo: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// URL-safe: ASCII letters, digits, `-`, `_`, `.`, `~`.
    pub id: String,
    pub title: String,
    pub published_at: Timestamp,
    pub author: Option<String>,
    pub source: Option<String>,
    /// http(s) only.
    pub url: Option<String>,
    /// A flash that matters: marked, and kept by the "important only" filter.
    pub important: bool,
    /// Ticker symbols the flash is about, each once.
    pub coins: Vec<String>,
    pub tags: Vec<String>,
    pub body: Vec<Block>,
}

/// A body block. Every text is plain text, never HTML.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    List {
        items: Vec<String>,
        ordered: bool,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    /// `src` is http(s) or relative.
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
    },
    /// `href` is http(s).
    Link {
        text: String,
        href: String,
    },
}
