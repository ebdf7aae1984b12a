//! The feed as it is written (FEED.md), read by serde. Nothing here judges a value: every
//! member is read on its own ([`Member`]) and every list entry from its own text
//! ([`object`]), so that a broken part costs only itself, and `parse` decides what is shown
//! and says what was left out.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny};
use serde_json::value::RawValue;

/// A member of an object: absent, or its JSON text, read as a `T` only when asked. So a value
/// of the wrong type is not an error, which would have serde give up on the whole object (and
/// at the top level, on every ticker of the feed); and every struct's visitor reads each of
/// its members with the same small code, whatever its type.
pub struct Member<'a, T> {
    raw: Option<&'a RawValue>,
    read: PhantomData<fn() -> T>,
}

impl<T> Default for Member<'_, T> {
    fn default() -> Self {
        Member {
            raw: None,
            read: PhantomData,
        }
    }
}

impl<'de: 'a, 'a, T> Deserialize<'de> for Member<'a, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Not `Option<&RawValue>`, which would read `null` as absent.
        Ok(Member {
            raw: Some(<&RawValue>::deserialize(deserializer)?),
            read: PhantomData,
        })
    }
}

impl<'a, T: Deserialize<'a>> Member<'a, T> {
    /// `None` when absent, `Some(None)` when present with a value of another type (`null`
    /// included).
    pub fn present(self) -> Option<Option<T>> {
        self.raw.map(|raw| T::deserialize(raw).ok())
    }

    pub fn value(self) -> Option<T> {
        self.present().flatten()
    }
}

/// A decimal as the contract writes one: a string, or a JSON number as the literal text that
/// [`RawValue`] keeps (`77124.50` with its zero, `1e-7` with its exponent), for
/// [`crate::logic::decimal::Decimal::parse`] in either case. Never through `f64`, which would change
/// the publisher's digits.
pub enum Number<'a> {
    Text(String),
    Literal(&'a str),
}

impl<'de: 'a, 'a> Deserialize<'de> for Number<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'"') => String::deserialize(raw)
                .map(Number::Text)
                .map_err(D::Error::custom),
            // RawValue holds valid JSON: what starts so is a number.
            Some(b'-' | b'0'..=b'9') => Ok(Number::Literal(text)),
            _ => Err(D::Error::custom("not a decimal string or number")),
        }
    }
}

impl Number<'_> {
    pub fn text(&self) -> &str {
        match self {
            Number::Text(text) => text,
            Number::Literal(text) => text,
        }
    }
}

// Every member borrows from the feed's text: `'de: 'a`.
#[derive(Default, serde::Deserialize)]
#[serde(default, bound(deserialize = "'de: 'a"))]
pub struct Document<'a> {
    pub version: Member<'a, u64>,
    pub updated_at: Member<'a, String>,
    pub quote_currency: Member<'a, String>,
    /// Read as a [`Publisher`] only for the news: the ticker embed neither needs nor carries it.
    pub publisher: Member<'a, &'a RawValue>,
    pub tickers: Member<'a, Vec<&'a RawValue>>,
    pub articles: Member<'a, Vec<&'a RawValue>>,
    pub next_url: Member<'a, String>,
}

#[derive(Default, serde::Deserialize)]
#[serde(default, bound(deserialize = "'de: 'a"))]
pub struct Publisher<'a> {
    pub name: Member<'a, String>,
    pub tagline: Member<'a, String>,
    pub icon: Member<'a, String>,
    pub download_url: Member<'a, String>,
    pub home_url: Member<'a, String>,
}

#[derive(Default, serde::Deserialize)]
#[serde(default, bound(deserialize = "'de: 'a"))]
pub struct Ticker<'a> {
    pub symbol: Member<'a, String>,
    pub name: Member<'a, String>,
    pub price: Member<'a, Number<'a>>,
    pub change_24h: Member<'a, Number<'a>>,
    /// Each point judged on its own: one that is not a number is left out, not the history.
    pub history: Member<'a, Vec<Member<'a, Number<'a>>>>,
    pub url: Member<'a, String>,
    pub updated_at: Member<'a, String>,
    pub logo: Member<'a, String>,
}

#[derive(Default, serde::Deserialize)]
#[serde(default, bound(deserialize = "'de: 'a"))]
pub struct Article<'a> {
    pub id: Member<'a, String>,
    pub title: Member<'a, String>,
    pub published_at: Member<'a, String>,
    pub author: Member<'a, String>,
    pub source: Member<'a, String>,
    pub url: Member<'a, String>,
    pub tags: Member<'a, Vec<Member<'a, String>>>,
    pub important: Member<'a, bool>,
    pub coins: Member<'a, Vec<Member<'a, String>>>,
    /// Blocks are read one by one ([`object`]): one that is broken is skipped, not the body.
    pub body: Member<'a, Vec<&'a RawValue>>,
}

/// One block of a body, whatever its type: which fields a type needs is `parse`'s to say. (An
/// enum tagged by `type` would have serde buffer every block to find its tag.)
#[derive(Default, serde::Deserialize)]
#[serde(default, bound(deserialize = "'de: 'a"))]
pub struct Block<'a> {
    #[serde(rename = "type")]
    pub kind: Member<'a, String>,
    pub text: Member<'a, String>,
    pub items: Member<'a, Vec<Member<'a, String>>>,
    pub ordered: Member<'a, bool>,
    pub cite: Member<'a, String>,
    pub src: Member<'a, String>,
    pub alt: Member<'a, String>,
    pub caption: Member<'a, String>,
    pub href: Member<'a, String>,
}

/// Why an entry was not read.
pub enum Unread {
    NotAnObject,
    /// serde's reason, such as "duplicate field `price`".
    Broken(String),
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unread::NotAnObject => f.write_str("not an object"),
            Unread::Broken(reason) => f.write_str(reason),
        }
    }
}

/// Reads the whole feed; `Ok(None)` when it is JSON but not an object (see [`object`]).
pub fn document(text: &str) -> Result<Option<Document<'_>>, serde_json::Error> {
    if text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        serde_json::from_str(text).map(Some)
    } else {
        serde_json::from_str::<IgnoredAny>(text).map(|_| None)
    }
}

/// Reads one entry of a list from its own text, so that a broken entry costs only itself.
pub fn object<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Result<T, Unread> {
    // A derived struct would read an array too, as its fields in order: `["BTC"]` would be a
    // ticker. Valid JSON that starts with `{` is an object.
    if !raw.get().starts_with('{') {
        return Err(Unread::NotAnObject);
    }
    T::deserialize(raw).map_err(|error| Unread::Broken(message(&error)))
}

/// serde_json's message without the " at line 3 column 7" it appends: the place is given
/// apart, or (within an entry read from its own text) would be wrong.
pub fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(place.as_str()) {
        Some(message) => message.to_owned(),
        None => text,
    }
}
