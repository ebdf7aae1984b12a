//! From a publisher's JSON to a [`Feed`]: what breaks the contract is skipped or truncated with a
//! reason, everything else is kept. Only a document with nothing usable is an error.

use std::fmt;

use serde_json::value::RawValue;

use crate::logic::merge::key_order;

use super::model::*;
use super::wire::{self, Member, Number, Unread};
use crate::logic::decimal::Decimal;

/// Larger feeds are refused before parsing: a widget must not freeze its host page.
pub const MAX_FEED_BYTES: usize = 4 * 1024 * 1024;
const MAX_SYMBOL_CHARS: usize = 12;
const MAX_NAME_CHARS: usize = 64;
const MAX_TITLE_CHARS: usize = 500;
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_BYLINE_CHARS: usize = 200;
const MAX_TAG_CHARS: usize = 64;
const MAX_URL_CHARS: usize = 2048;
const MAX_ID_CHARS: usize = 200;
const MAX_HISTORY: usize = 500;

/// A usable feed and what had to be left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub feed: Feed,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FeedError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    NotAnObject,
    BadVersion,
    MissingList(&'static str),
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "The feed is empty."),
            Self::TooLarge { bytes } => {
                write!(
                    f,
                    "The feed is too large ({bytes} bytes; at most {MAX_FEED_BYTES})."
                )
            }
            Self::NotJson {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "The feed is not valid JSON (line {line}, column {column}: {message})."
                )
            }
            Self::NotAnObject => write!(f, "The feed is not a JSON object."),
            Self::BadVersion => write!(f, "The feed has no \"version\" (a positive whole number)."),
            Self::MissingList(name) => write!(f, "The feed has no \"{name}\" list."),
        }
    }
}

/// A feed's body as text, decoded as `Response.text()` does: without a byte order mark, and
/// with any invalid sequence replaced by U+FFFD.
pub fn decode_body(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Reads and validates a feed (FEED.md): what is broken is left out with a warning; what
/// makes the whole feed unusable is an error.
pub fn parse_feed(text: &str) -> Result<Parsed, FeedError> {
    read_feed::<true>(text)
}

/// Like [`parse_feed`], for a view that shows prices only: articles and the publisher are
/// neither read nor kept, and the ticker embed's bundle carries none of that code.
pub fn parse_ticker_feed(text: &str) -> Result<Parsed, FeedError> {
    read_feed::<false>(text)
}

fn read_feed<const NEWS: bool>(text: &str) -> Result<Parsed, FeedError> {
    if text.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Err(FeedError::Empty);
    }
    let top = wire::document(text)
        .map_err(|error| FeedError::NotJson {
            line: error.line(),
            column: char_column(text, error.line(), error.column()),
            message: wire::message(&error),
        })?
        .ok_or(FeedError::NotAnObject)?;
    let version = top
        .version
        .value()
        .filter(|&v| v >= 1)
        .ok_or(FeedError::BadVersion)?;
    let tickers = top
        .tickers
        .value()
        .ok_or(FeedError::MissingList("tickers"))?;
    let articles = top
        .articles
        .value()
        .ok_or(FeedError::MissingList("articles"))?;

    let mut w = Warnings::default();
    if version > 1 {
        w.add(format!(
            "feed version {version} is newer than 1; reading what version 1 defines"
        ));
    }
    let updated_at =
        optional_timestamp(top.updated_at, "updated_at", At::Top("updated_at"), &mut w);
    let quote_currency = match top.quote_currency.present() {
        None => "USD".to_owned(),
        Some(value) => match value.as_deref().map(str::trim) {
            Some(code)
                if (1..=12).contains(&code.len())
                    && code.bytes().all(|b| b.is_ascii_alphanumeric()) =>
            {
                code.to_ascii_uppercase()
            }
            _ => {
                w.add("quote_currency is not a currency code; using USD".into());
                "USD".to_owned()
            }
        },
    };
    let publisher = top
        .publisher
        .value()
        .filter(|_| NEWS)
        .and_then(|p| parse_publisher(p, &mut w));

    let read: Vec<TickerEntry> = tickers
        .iter()
        .enumerate()
        .filter_map(|(i, ticker)| parse_ticker(ticker, At::Item("tickers", i), &mut w))
        .collect();
    let kept_tickers = first_of_each(
        read,
        |ticker| &ticker.symbol,
        |ticker| {
            w.add(format!(
                "ticker {}: duplicate symbol; the later one is skipped",
                ticker.symbol
            ))
        },
    );
    let read: Vec<Article> = articles
        .iter()
        .enumerate()
        .filter(|_| NEWS)
        .filter_map(|(i, article)| parse_article(article, At::Item("articles", i), &mut w))
        .collect();
    let kept_articles = first_of_each(
        read,
        |article| &article.id,
        |article| {
            w.add(format!(
                "article {}: duplicate id; the later one is skipped",
                article.id
            ))
        },
    );
    Ok(Parsed {
        feed: Feed {
            version,
            updated_at,
            publisher,
            quote_currency,
            tickers: kept_tickers,
            articles: kept_articles,
        },
        warnings: w.0,
    })
}

/// serde_json counts a column in bytes; the publisher's editor counts characters, and a line
/// of Chinese text would put the error three times too far along.
fn char_column(text: &str, line: usize, column: usize) -> usize {
    let line_text = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or_default();
    let before = column.saturating_sub(1);
    line_text
        .char_indices()
        .take_while(|&(at, _)| at < before)
        .count()
        + 1
}

#[derive(Default)]
struct Warnings(Vec<String>);

/// Where in the feed a value is, for a warning. Written out only when a warning is given: a
/// feed of a thousand tickers would otherwise format a thousand places it never shows.
#[derive(Clone, Copy)]
enum At<'a> {
    /// A top-level member: `updated_at`.
    Top(&'static str),
    /// An item of a list: `tickers[3]`.
    Item(&'static str, usize),
    /// An item once its key is known: `tickers[3] (BTC)`.
    Named(&'a At<'a>, &'a str),
    /// A block of an article's body: `articles[0] (a1) body[2]`.
    Block(&'a At<'a>, usize),
    /// A field: `tickers[3] (BTC) name`.
    Field(&'a At<'a>, &'a str),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Top(key) => f.write_str(key),
            Self::Item(list, index) => write!(f, "{list}[{index}]"),
            Self::Named(at, key) => write!(f, "{at} ({key})"),
            Self::Block(at, index) => write!(f, "{at} body[{index}]"),
            Self::Field(at, key) => write!(f, "{at} {key}"),
        }
    }
}

impl Warnings {
    fn add(&mut self, warning: String) {
        self.0.push(warning);
    }
}

/// Keeps the first item of each key, in order, and tells `repeated` of the others (found by
/// sorting: see [`key_order`]).
fn first_of_each<T>(
    items: Vec<T>,
    key: impl Fn(&T) -> &str,
    mut repeated: impl FnMut(&T),
) -> Vec<T> {
    let keys: Vec<&str> = items.iter().map(&key).collect();
    let order = key_order(&keys);
    let mut later = vec![false; items.len()];
    for pair in order.windows(2) {
        if keys[pair[0]] == keys[pair[1]] {
            later[pair[1]] = true;
        }
    }
    items
        .into_iter()
        .zip(later)
        .filter_map(|(item, later)| {
            if later {
                repeated(&item);
                None
            } else {
                Some(item)
            }
        })
        .collect()
}

fn parse_ticker(raw: &RawValue, at: At, w: &mut Warnings) -> Option<TickerEntry> {
    let ticker: wire::Ticker = match wire::object(raw) {
        Ok(ticker) => ticker,
        Err(why) => {
            w.add(format!("{at}: {why}; skipped"));
            return None;
        }
    };
    let symbol = ticker
        .symbol
        .value()
        .map(|symbol| clean(&symbol))
        .unwrap_or_default();
    let chars = symbol.chars().count();
    if chars == 0 || chars > MAX_SYMBOL_CHARS {
        w.add(format!(
            "{at}: symbol missing or longer than {MAX_SYMBOL_CHARS} characters; skipped"
        ));
        return None;
    }
    let at = At::Named(&at, &symbol);
    let price = match ticker.price.present().map(decimal) {
        Some(Some(price)) if !price.is_negative() => Some(price),
        Some(Some(_)) => {
            w.add(format!("{at}: negative price; shown as —"));
            None
        }
        Some(None) => {
            w.add(format!("{at}: price is not a decimal number; shown as —"));
            None
        }
        None => {
            w.add(format!("{at}: no price; shown as —"));
            None
        }
    };
    let change_24h = ticker.change_24h.present().and_then(|c| {
        let change = decimal(c);
        if change.is_none() {
            w.add(format!(
                "{at}: change_24h is not a decimal number; left out"
            ));
        }
        change
    });
    let mut history: Vec<f64> = Vec::new();
    if let Some(points) = ticker.history.present() {
        let list = points.is_some();
        let points = points.unwrap_or_default();
        let written = points.len();
        // FEED.md: an array of numbers. Unlike a price, a point written as a string is none.
        history = points
            .into_iter()
            .filter_map(|point| match point.value()? {
                Number::Literal(text) => Decimal::parse(text).ok().map(|d| d.to_f64()),
                Number::Text(_) => None,
            })
            .filter(|p| p.is_finite())
            .collect();
        if history.len() != written || !list {
            w.add(format!(
                "{at}: history has entries that are not numbers; they are left out"
            ));
        }
        let extra = history.len().saturating_sub(MAX_HISTORY);
        history.drain(..extra);
    }
    Some(TickerEntry {
        name: text_field(ticker.name, "name", MAX_NAME_CHARS, at, w),
        url: url_field(ticker.url, "url", false, at, w),
        updated_at: optional_timestamp(ticker.updated_at, "updated_at", at, w),
        symbol,
        price,
        change_24h,
        history,
    })
}

fn parse_article(raw: &RawValue, at: At, w: &mut Warnings) -> Option<Article> {
    let article: wire::Article = match wire::object(raw) {
        Ok(article) => article,
        Err(why) => {
            w.add(format!("{at}: {why}; skipped"));
            return None;
        }
    };
    let id = article.id.value().unwrap_or_default();
    let url_safe = |c: char| c.is_ascii_alphanumeric() || "-_.~".contains(c);
    if id.is_empty() || id.len() > MAX_ID_CHARS || !id.chars().all(url_safe) {
        w.add(format!("{at}: id missing or not URL-safe; skipped"));
        return None;
    }
    let at = At::Named(&at, &id);
    let Some(title) = text_field(article.title, "title", MAX_TITLE_CHARS, at, w) else {
        w.add(format!("{at}: no title; skipped"));
        return None;
    };
    let Some(published_at) = article
        .published_at
        .value()
        .and_then(|text| parse_rfc3339(&text))
    else {
        w.add(format!(
            "{at}: published_at missing or not an RFC 3339 time; skipped"
        ));
        return None;
    };
    let Some(blocks) = article.body.value() else {
        w.add(format!("{at}: no body; skipped"));
        return None;
    };
    let body = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| parse_block(b, At::Block(&at, i), w))
        .collect();
    let tags = article
        .tags
        .value()
        .map(|tags| {
            tags.into_iter()
                .filter_map(Member::value)
                .map(|t| truncate(clean(&t), MAX_TAG_CHARS, at, w))
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let author = text_field(article.author, "author", MAX_BYLINE_CHARS, at, w);
    let source = text_field(article.source, "source", MAX_BYLINE_CHARS, at, w);
    let url = url_field(article.url, "url", false, at, w);
    Some(Article {
        id,
        title,
        published_at,
        author,
        source,
        url,
        tags,
        body,
    })
}

fn parse_block(raw: &RawValue, at: At, w: &mut Warnings) -> Option<Block> {
    let block: wire::Block = match wire::object(raw) {
        Ok(block) => block,
        Err(Unread::NotAnObject) => return None,
        Err(why) => {
            w.add(format!("{at}: {why}; skipped"));
            return None;
        }
    };
    let wire::Block {
        kind,
        text,
        items,
        ordered,
        cite,
        src,
        alt,
        caption,
        href,
    } = block;
    let kind = kind.value().unwrap_or_default();
    let text = |w: &mut Warnings| text_field(text, "text", MAX_TEXT_CHARS, at, w);
    let block = match kind.as_str() {
        "paragraph" => text(w).map(|text| Block::Paragraph { text }),
        "heading" => text(w).map(|text| Block::Heading { text }),
        "list" => items.value().map(|items| Block::List {
            items: items
                .into_iter()
                .filter_map(Member::value)
                .map(|item| truncate(clean(&item), MAX_TEXT_CHARS, at, w))
                .filter(|item| !item.is_empty())
                .collect(),
            ordered: ordered.value().unwrap_or(false),
        }),
        "quote" => text(w).map(|text| Block::Quote {
            text,
            cite: text_field(cite, "cite", MAX_BYLINE_CHARS, at, w),
        }),
        "image" => match (
            url_field(src, "src", true, at, w),
            text_field(alt, "alt", MAX_TEXT_CHARS, at, w),
        ) {
            (Some(src), Some(alt)) => Some(Block::Image {
                src,
                alt,
                caption: text_field(caption, "caption", MAX_TEXT_CHARS, at, w),
            }),
            _ => None,
        },
        "link" => match (text(w), url_field(href, "href", false, at, w)) {
            (Some(text), Some(href)) => Some(Block::Link { text, href }),
            _ => None,
        },
        _ => {
            w.add(format!("{at}: unknown block type \"{kind}\"; skipped"));
            return None;
        }
    };
    if block.is_none() {
        w.add(format!(
            "{at}: {kind} block lacks a required field; skipped"
        ));
    }
    block
}

fn parse_publisher(raw: &RawValue, w: &mut Warnings) -> Option<Publisher> {
    let at = At::Top("publisher");
    let publisher: wire::Publisher = match wire::object(raw) {
        Ok(publisher) => publisher,
        Err(Unread::NotAnObject) => return None,
        Err(why) => {
            w.add(format!("{at}: {why}; left out"));
            return None;
        }
    };
    let publisher = Publisher {
        name: text_field(publisher.name, "name", MAX_BYLINE_CHARS, at, w),
        tagline: text_field(publisher.tagline, "tagline", MAX_BYLINE_CHARS, at, w),
        icon: url_field(publisher.icon, "icon", true, at, w),
        download_url: url_field(publisher.download_url, "download_url", false, at, w),
        home_url: url_field(publisher.home_url, "home_url", false, at, w),
    };
    (publisher != Publisher::default()).then_some(publisher)
}

/// A decimal from a string or a JSON number, with the digits as written.
fn decimal(number: Option<Number>) -> Option<Decimal> {
    Decimal::parse(number?.text()).ok()
}

/// A trimmed, non-empty plain text field, truncated to `limit` characters.
fn text_field(
    member: Member<String>,
    key: &str,
    limit: usize,
    at: At,
    w: &mut Warnings,
) -> Option<String> {
    let text = clean(&member.value()?);
    (!text.is_empty()).then(|| truncate(text, limit, At::Field(&at, key), w))
}

/// Text without control characters (other than newline and tab), trimmed.
fn clean(text: &str) -> String {
    let kept = |c: char| !c.is_control() || c == '\n' || c == '\t';
    let text = text.trim();
    // Most texts are clean already: one copy, not a character at a time.
    if text.chars().all(kept) {
        return text.to_owned();
    }
    text.chars().filter(|&c| kept(c)).collect()
}

fn truncate(text: String, limit: usize, at: At, w: &mut Warnings) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => {
            w.add(format!("{at}: longer than {limit} characters; truncated"));
            format!("{}…", &text[..cut])
        }
        None => text,
    }
}

fn url_field(
    member: Member<String>,
    key: &str,
    relative_ok: bool,
    at: At,
    w: &mut Warnings,
) -> Option<String> {
    let written = member.present()?;
    let url = written
        .as_deref()
        .map(str::trim)
        .filter(|u| is_allowed_url(u, relative_ok));
    if url.is_none() {
        let allowed = if relative_ok {
            "http(s) or relative"
        } else {
            "http(s)"
        };
        w.add(format!("{at}: {key} is not an {allowed} URL; left out"));
    }
    url.map(str::to_owned)
}

/// http(s) with a host; or, where allowed, a relative URL (no scheme, not protocol-relative).
/// Everything else (`javascript:`, `data:`, `//host`) is refused.
pub fn is_allowed_url(url: &str, relative_ok: bool) -> bool {
    if url.is_empty()
        || url.len() > MAX_URL_CHARS
        || url.chars().any(|c| c.is_ascii_control() || c == ' ')
    {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    for scheme in ["http://", "https://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            return rest
                .split(['/', '?', '#'])
                .next()
                .is_some_and(|host| !host.is_empty());
        }
    }
    let before_path = url.split(['/', '?', '#']).next().unwrap_or_default();
    relative_ok && !url.starts_with("//") && !url.starts_with('\\') && !before_path.contains(':')
}

fn optional_timestamp(
    member: Member<String>,
    key: &str,
    at: At,
    w: &mut Warnings,
) -> Option<Timestamp> {
    let parsed = member.present()?.as_deref().and_then(parse_rfc3339);
    if parsed.is_none() {
        w.add(format!("{at}: {key} is not an RFC 3339 time; left out"));
    }
    parsed
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let b = text.as_bytes();
    if b.len() < 20 || !b.is_ascii() {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|d| d.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let fraction = format!("{:0<3}", &text[start..i.min(start + 3)]);
        millis = fraction.parse().ok()?;
    }
    let offset_minutes = match text.get(i..)? {
        "Z" | "z" => 0,
        zone if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(Timestamp {
        text: text.to_owned(),
        unix_ms: seconds * 1000 + millis,
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
