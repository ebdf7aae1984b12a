//! From a publisher's JSON to a [`Feed`]: what breaks the contract is skipped or truncated with a
//! reason, everything else is kept. Only a document with nothing usable is an error.

use std::fmt;

use serde_json::value::RawValue;

use crate::logic::merge::key_order;

use super::model::*;
use super::wire::{self, Member, Number};
use crate::logic::decimal::Decimal;

/// Larger feeds are refused before parsing: a widget must not freeze its host page.
pub const MAX_FEED_BYTES: usize = 4 * 1024 * 1024;

/// A usable feed and what had to be left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub feed: Feed,
    pub warnings: Vec<Finding>,
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
    let root = At::Root;
    if version > 1 {
        w.add(
            At::Field(&root, "version"),
            format!("{version} is newer than 1; only what version 1 defines is read"),
        );
    }
    let updated_at = optional_timestamp(top.updated_at, At::Field(&root, "updated_at"), &mut w);
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
                w.add(
                    At::Field(&root, "quote_currency"),
                    "not a currency code; USD is used".into(),
                );
                "USD".to_owned()
            }
        },
    };
    let publisher = top
        .publisher
        .value()
        .filter(|_| NEWS)
        .and_then(|p| parse_publisher(p, &mut w));
    let next_url = if NEWS {
        url_field(top.next_url, true, At::Field(&root, "next_url"), &mut w)
    } else {
        None
    };

    let read: Vec<(usize, TickerEntry)> = tickers
        .iter()
        .enumerate()
        .filter_map(|(i, ticker)| Some((i, parse_ticker(ticker, At::Item("tickers", i), &mut w)?)))
        .collect();
    let kept_tickers = first_of_each(
        read,
        |(_, ticker)| &ticker.symbol,
        |(i, ticker)| {
            let at = At::Item("tickers", *i);
            w.add(
                At::Field(&At::Named(&at, &ticker.symbol), "symbol"),
                "repeats an earlier ticker's; this one is skipped".into(),
            )
        },
    );
    let read: Vec<(usize, Article)> = articles
        .iter()
        .enumerate()
        .filter(|_| NEWS)
        .filter_map(|(i, article)| {
            Some((i, parse_article(article, At::Item("articles", i), &mut w)?))
        })
        .collect();
    let kept_articles = first_of_each(
        read,
        |(_, article)| &article.id,
        |(i, article)| {
            let at = At::Item("articles", *i);
            w.add(
                At::Field(&At::Named(&at, &article.id), "id"),
                "repeats an earlier article's; this one is skipped".into(),
            )
        },
    );
    Ok(Parsed {
        feed: Feed {
            version,
            updated_at,
            publisher,
            quote_currency,
            tickers: kept_tickers.into_iter().map(|(_, t)| t).collect(),
            articles: kept_articles.into_iter().map(|(_, a)| a).collect(),
            next_url,
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

/// What the widget leaves out of a feed or changes in it, and where: `path` is the value's
/// JSON path, with a ticker's symbol or an article's id beside its index once known
/// (`tickers[3] (BTC).price`), so that a publisher finds it in either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub path: String,
    /// What is wrong and what the widget does instead: `not a decimal number; shown as —`.
    pub problem: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

#[derive(Default)]
struct Warnings(Vec<Finding>);

impl Warnings {
    fn add(&mut self, at: At, problem: String) {
        self.0.push(Finding {
            path: at.to_string(),
            problem,
        });
    }
}

/// Where in the feed a value is, for a finding. Written out only when one is given: a feed of
/// a thousand tickers would otherwise format a thousand places it never shows.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The document itself.
    Root,
    /// An item of a top-level list: `tickers[3]`.
    Item(&'static str, usize),
    /// An item once its key is known: `tickers[3] (BTC)`.
    Named(&'a At<'a>, &'a str),
    /// A member: `tickers[3] (BTC).name`; at the root, `updated_at`.
    Field(&'a At<'a>, &'a str),
    /// An entry of a list member: `articles[0] (a1).tags[2]`.
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Root => f.write_str("$"),
            Self::Item(list, index) => write!(f, "{list}[{index}]"),
            Self::Named(at, key) => write!(f, "{at} ({key})"),
            Self::Field(Self::Root, key) => f.write_str(key),
            Self::Field(at, key) => write!(f, "{at}.{key}"),
            Self::Index(at, index) => write!(f, "{at}[{index}]"),
        }
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

/// A member as read: absent (or empty, for text), of no use (with the reason), or usable.
enum Read<T> {
    Absent,
    Bad(&'static str),
    Good(T),
}

impl<T> Read<T> {
    /// For a member the widget can do without: a bad one is left out, with its reason.
    fn optional(self, at: At, w: &mut Warnings) -> Option<T> {
        match self {
            Read::Absent => None,
            Read::Bad(why) => {
                w.add(at, format!("{why}; left out"));
                None
            }
            Read::Good(value) => Some(value),
        }
    }

    /// For a member its entry cannot do without: `skipped` says what goes with it.
    fn required(self, at: At, skipped: &str, w: &mut Warnings) -> Option<T> {
        match self {
            Read::Absent => {
                w.add(at, format!("missing; {skipped}"));
                None
            }
            Read::Bad(why) => {
                w.add(at, format!("{why}; {skipped}"));
                None
            }
            Read::Good(value) => Some(value),
        }
    }
}

fn parse_ticker(raw: &RawValue, at: At, w: &mut Warnings) -> Option<TickerEntry> {
    let ticker: wire::Ticker = match wire::object(raw) {
        Ok(ticker) => ticker,
        Err(why) => {
            w.add(at, format!("{why}; skipped"));
            return None;
        }
    };
    let skipped = "the ticker is skipped";
    let symbol = match text(ticker.symbol) {
        Read::Good(symbol) if symbol.chars().count() > MAX_SYMBOL_CHARS => {
            Read::Bad("longer than 12 characters")
        }
        read => read,
    }
    .required(At::Field(&at, "symbol"), skipped, w)?;
    let at = At::Named(&at, &symbol);
    let price = match ticker.price.present().map(decimal) {
        Some(Some(price)) if !price.is_negative() => Read::Good(price),
        Some(Some(_)) => Read::Bad("negative"),
        Some(None) => Read::Bad("not a decimal number"),
        None => Read::Absent,
    }
    .required(At::Field(&at, "price"), "shown as —", w);
    let change_24h = match ticker.change_24h.present().map(decimal) {
        Some(Some(change)) => Read::Good(change),
        Some(None) => Read::Bad("not a decimal number"),
        None => Read::Absent,
    }
    .optional(At::Field(&at, "change_24h"), w);
    let history = parse_history(ticker.history, At::Field(&at, "history"), w);
    Some(TickerEntry {
        name: text_field(ticker.name, MAX_NAME_CHARS, At::Field(&at, "name"), w),
        url: url_field(ticker.url, false, At::Field(&at, "url"), w),
        logo: url_field(ticker.logo, true, At::Field(&at, "logo"), w),
        updated_at: optional_timestamp(ticker.updated_at, At::Field(&at, "updated_at"), w),
        symbol,
        price,
        change_24h,
        history,
    })
}

fn parse_history(member: Member<Vec<Member<Number>>>, at: At, w: &mut Warnings) -> Vec<f64> {
    let Some(points) = Read::from(member).optional(at, w) else {
        return Vec::new();
    };
    // FEED.md: an array of numbers. Unlike a price, a point written as a string is none.
    let mut history: Vec<f64> = points
        .into_iter()
        .enumerate()
        .filter_map(|(i, point)| {
            let value = match point.value() {
                Some(Number::Literal(text)) => Decimal::parse(text).ok().map(|d| d.to_f64()),
                _ => None,
            }
            .filter(|p| p.is_finite());
            if value.is_none() {
                w.add(At::Index(&at, i), "not a number; left out".into());
            }
            value
        })
        .collect();
    let extra = history.len().saturating_sub(MAX_HISTORY);
    if extra > 0 {
        w.add(
            at,
            format!("more than {MAX_HISTORY} points; the oldest {extra} are left out"),
        );
        history.drain(..extra);
    }
    history
}

fn parse_article(raw: &RawValue, at: At, w: &mut Warnings) -> Option<Article> {
    let article: wire::Article = match wire::object(raw) {
        Ok(article) => article,
        Err(why) => {
            w.add(at, format!("{why}; skipped"));
            return None;
        }
    };
    let skipped = "the article is skipped";
    let url_safe = |c: char| c.is_ascii_alphanumeric() || "-_.~".contains(c);
    let id = match Read::from(article.id) {
        Read::Good(id) if id.is_empty() => Read::Absent,
        Read::Good(id) if id.len() > MAX_ID_CHARS || !id.chars().all(url_safe) => {
            Read::Bad("not URL-safe (letters, digits, - _ . ~; at most 200)")
        }
        read => read,
    }
    .required(At::Field(&at, "id"), skipped, w)?;
    let at = At::Named(&at, &id);
    let title_at = At::Field(&at, "title");
    let title = text(article.title)
        .required(title_at, skipped, w)
        .map(|title| truncate(title, MAX_TITLE_CHARS, title_at, w))?;
    let published_at = match Read::from(article.published_at) {
        Read::Good(text) => {
            parse_rfc3339(&text).map_or(Read::Bad("not an RFC 3339 time"), Read::Good)
        }
        Read::Bad(_) => Read::Bad("not an RFC 3339 time"),
        Read::Absent => Read::Absent,
    }
    .required(At::Field(&at, "published_at"), skipped, w)?;
    let body_at = At::Field(&at, "body");
    let blocks = Read::from(article.body).required(body_at, skipped, w)?;
    let body = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| parse_block(b, At::Index(&body_at, i), w))
        .collect();
    let tags = text_list(article.tags, MAX_TAG_CHARS, At::Field(&at, "tags"), w);
    let coins = parse_coins(article.coins, At::Field(&at, "coins"), w);
    let important = flag(article.important, At::Field(&at, "important"), w);
    Some(Article {
        author: text_field(
            article.author,
            MAX_BYLINE_CHARS,
            At::Field(&at, "author"),
            w,
        ),
        source: text_field(
            article.source,
            MAX_BYLINE_CHARS,
            At::Field(&at, "source"),
            w,
        ),
        url: url_field(article.url, false, At::Field(&at, "url"), w),
        id,
        title,
        published_at,
        important,
        coins,
        tags,
        body,
    })
}

/// Ticker symbols, as the ticker's own are read; each kept once.
fn parse_coins(member: Member<Vec<Member<String>>>, at: At, w: &mut Warnings) -> Vec<String> {
    let mut coins: Vec<String> = Vec::new();
    for (i, coin) in text_entries(member, at, w) {
        if coin.chars().count() > MAX_SYMBOL_CHARS {
            w.add(
                At::Index(&at, i),
                "not a ticker symbol (1 to 12 characters); left out".into(),
            );
        } else if coins.contains(&coin) {
            w.add(
                At::Index(&at, i),
                "repeats an earlier coin; left out".into(),
            );
        } else {
            coins.push(coin);
        }
    }
    coins
}

fn parse_block(raw: &RawValue, at: At, w: &mut Warnings) -> Option<Block> {
    let block: wire::Block = match wire::object(raw) {
        Ok(block) => block,
        Err(why) => {
            w.add(at, format!("{why}; skipped"));
            return None;
        }
    };
    let wire::Block {
        kind,
        text: written,
        items,
        ordered,
        cite,
        src,
        alt,
        caption,
        href,
    } = block;
    let kind = text(kind).required(At::Field(&at, "type"), "the block is skipped", w)?;
    let skipped = format!("the {kind} block is skipped");
    let skipped = skipped.as_str();
    let text_at = At::Field(&at, "text");
    let required_text = |w: &mut Warnings| {
        text(written)
            .required(text_at, skipped, w)
            .map(|text| truncate(text, MAX_TEXT_CHARS, text_at, w))
    };
    match kind.as_str() {
        "paragraph" => Some(Block::Paragraph {
            text: required_text(w)?,
        }),
        "heading" => Some(Block::Heading {
            text: required_text(w)?,
        }),
        "list" => {
            // Read first: a list without items is skipped with no word on `ordered`.
            let items_at = At::Field(&at, "items");
            let items = Read::from(items)
                .required(items_at, skipped, w)
                .map(|items| text_items(items, MAX_TEXT_CHARS, items_at, w))?;
            Some(Block::List {
                items,
                ordered: flag(ordered, At::Field(&at, "ordered"), w),
            })
        }
        "quote" => Some(Block::Quote {
            text: required_text(w)?,
            cite: text_field(cite, MAX_BYLINE_CHARS, At::Field(&at, "cite"), w),
        }),
        "image" => {
            let src = url(src, true).required(At::Field(&at, "src"), skipped, w);
            let alt_at = At::Field(&at, "alt");
            let alt = text(alt)
                .required(alt_at, skipped, w)
                .map(|alt| truncate(alt, MAX_TEXT_CHARS, alt_at, w));
            Some(Block::Image {
                src: src?,
                alt: alt?,
                caption: text_field(caption, MAX_TEXT_CHARS, At::Field(&at, "caption"), w),
            })
        }
        "link" => {
            let text = required_text(w);
            let href = url(href, false).required(At::Field(&at, "href"), skipped, w);
            Some(Block::Link {
                text: text?,
                href: href?,
            })
        }
        _ => {
            w.add(
                At::Field(&at, "type"),
                format!("unknown block type \"{kind}\"; the block is skipped"),
            );
            None
        }
    }
}

fn parse_publisher(raw: &RawValue, w: &mut Warnings) -> Option<Publisher> {
    let at = At::Field(&At::Root, "publisher");
    let publisher: wire::Publisher = match wire::object(raw) {
        Ok(publisher) => publisher,
        Err(why) => {
            w.add(at, format!("{why}; left out"));
            return None;
        }
    };
    let publisher = Publisher {
        name: text_field(publisher.name, MAX_BYLINE_CHARS, At::Field(&at, "name"), w),
        tagline: text_field(
            publisher.tagline,
            MAX_BYLINE_CHARS,
            At::Field(&at, "tagline"),
            w,
        ),
        icon: url_field(publisher.icon, true, At::Field(&at, "icon"), w),
        download_url: url_field(
            publisher.download_url,
            false,
            At::Field(&at, "download_url"),
            w,
        ),
        home_url: url_field(publisher.home_url, false, At::Field(&at, "home_url"), w),
    };
    (publisher != Publisher::default()).then_some(publisher)
}

impl<'a, T: serde::Deserialize<'a> + Expected> From<Member<'a, T>> for Read<T> {
    /// Present with a value of another type (`null` included) is bad.
    fn from(member: Member<'a, T>) -> Self {
        match member.present() {
            None => Read::Absent,
            Some(None) => Read::Bad(T::WRONG_TYPE),
            Some(Some(value)) => Read::Good(value),
        }
    }
}

/// What a member of the wrong type should have been, for its finding.
trait Expected {
    const WRONG_TYPE: &'static str;
}

impl Expected for String {
    const WRONG_TYPE: &'static str = "not a string";
}

impl Expected for bool {
    const WRONG_TYPE: &'static str = "not true or false";
}

impl<T> Expected for Vec<T> {
    const WRONG_TYPE: &'static str = "not an array";
}

/// A decimal from a string or a JSON number, with the digits as written.
fn decimal(number: Option<Number>) -> Option<Decimal> {
    Decimal::parse(number?.text()).ok()
}

/// Plain text: cleaned (see [`clean`]); empty is absent.
fn text(member: Member<String>) -> Read<String> {
    match Read::from(member) {
        Read::Good(text) => {
            let text = clean(&text);
            if text.is_empty() {
                Read::Absent
            } else {
                Read::Good(text)
            }
        }
        read => read,
    }
}

/// An optional plain text field, truncated to `limit` characters.
fn text_field(member: Member<String>, limit: usize, at: At, w: &mut Warnings) -> Option<String> {
    text(member)
        .optional(at, w)
        .map(|text| truncate(text, limit, at, w))
}

/// `true` or `false`; anything else is `false`, with a finding.
fn flag(member: Member<bool>, at: At, w: &mut Warnings) -> bool {
    match Read::from(member) {
        Read::Good(value) => value,
        Read::Absent => false,
        Read::Bad(why) => {
            w.add(at, format!("{why}; read as false"));
            false
        }
    }
}

/// The strings of an optional list of strings, cleaned, each with its index; a member that is
/// not a string or is empty is left out.
fn text_entries(
    member: Member<Vec<Member<String>>>,
    at: At,
    w: &mut Warnings,
) -> Vec<(usize, String)> {
    let Some(entries) = Read::from(member).optional(at, w) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .enumerate()
        .filter_map(|(i, entry)| text(entry).optional(At::Index(&at, i), w).map(|t| (i, t)))
        .collect()
}

/// An optional list of texts (tags), each truncated to `limit` characters.
fn text_list(
    member: Member<Vec<Member<String>>>,
    limit: usize,
    at: At,
    w: &mut Warnings,
) -> Vec<String> {
    text_entries(member, at, w)
        .into_iter()
        .map(|(i, t)| truncate(t, limit, At::Index(&at, i), w))
        .collect()
}

/// A required list's texts (a list block's items).
fn text_items(items: Vec<Member<String>>, limit: usize, at: At, w: &mut Warnings) -> Vec<String> {
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let item_at = At::Index(&at, i);
            text(item)
                .optional(item_at, w)
                .map(|t| truncate(t, limit, item_at, w))
        })
        .collect()
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

/// Cuts a text longer than `limit` characters to `limit`, the last one an ellipsis: a
/// truncated value still keeps to the limit, and reads as cut.
fn truncate(text: String, limit: usize, at: At, w: &mut Warnings) -> String {
    if text.chars().nth(limit).is_none() {
        return text;
    }
    w.add(at, format!("longer than {limit} characters; truncated"));
    let cut = text
        .char_indices()
        .nth(limit - 1)
        .map_or(text.len(), |(cut, _)| cut);
    format!("{}…", &text[..cut])
}

fn url(member: Member<String>, relative_ok: bool) -> Read<String> {
    match Read::from(member) {
        Read::Good(url) => {
            let url = url.trim();
            if is_allowed_url(url, relative_ok) {
                Read::Good(url.to_owned())
            } else if relative_ok {
                Read::Bad("not an http(s) or relative URL")
            } else {
                Read::Bad("not an http(s) URL")
            }
        }
        // A URL of the wrong type is no URL either: one reason for both.
        Read::Bad(_) if relative_ok => Read::Bad("not an http(s) or relative URL"),
        Read::Bad(_) => Read::Bad("not an http(s) URL"),
        Read::Absent => Read::Absent,
    }
}

fn url_field(
    member: Member<String>,
    relative_ok: bool,
    at: At,
    w: &mut Warnings,
) -> Option<String> {
    url(member, relative_ok).optional(at, w)
}

fn optional_timestamp(member: Member<String>, at: At, w: &mut Warnings) -> Option<Timestamp> {
    match Read::from(member) {
        Read::Good(text) => {
            parse_rfc3339(&text).map_or(Read::Bad("not an RFC 3339 time"), Read::Good)
        }
        Read::Bad(_) => Read::Bad("not an RFC 3339 time"),
        Read::Absent => Read::Absent,
    }
    .optional(at, w)
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
