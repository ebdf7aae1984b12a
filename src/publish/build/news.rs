//! A publisher's news feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.0/1.1, through feed-rs) as the
//! feed's articles: titles, times, links, authors, tags and the body as blocks.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use url::Url;

use super::html;
use crate::logic::feed::{parse_rfc3339, Article, Block, TickerEntry, MAX_ID_CHARS};

/// The articles read, newest first, and what was left out of them.
pub struct News {
    pub articles: Vec<Article>,
    pub notes: Vec<String>,
}

/// `text` is already UTF-8 ([`super::encoding`]); `url` is where it came from, the base of
/// last resort for relative links. `tickers` are the feed's, for the coins a flash is about;
/// `zone` is the offset of times written without one.
pub fn read(
    text: &str,
    url: Option<&str>,
    tickers: &[TickerEntry],
    zone: FixedOffset,
) -> Result<News, String> {
    let trimmed = without_leading_comments(text);
    if trimmed.is_empty() {
        return Err("empty".into());
    }
    // feed-rs takes an `<rss>` without its `version` for no feed; RSS 0.9x wrote none.
    let versioned;
    let trimmed = match trimmed.strip_prefix("<rss>") {
        Some(rest) => {
            versioned = format!("<rss version=\"0.91\">{rest}");
            versioned.as_str()
        }
        None => trimmed,
    };
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(url)
        .timestamp_parser(move |text| timestamp(text, zone))
        .build()
        .parse(trimmed.as_bytes())
        .map_err(|error| {
            let looks_html = trimmed.get(..15).is_some_and(|head| {
                let head = head.to_ascii_lowercase();
                head.starts_with("<!doctype html") || head.starts_with("<html")
            });
            if looks_html {
                "an HTML page, not an RSS, Atom or JSON feed: the address may be wrong or the site down".to_owned()
            } else {
                format!("not a readable RSS, Atom or JSON feed ({error})")
            }
        })?;
    let source = parsed
        .title
        .as_ref()
        .map(|t| html::text(&t.content))
        .filter(|t| !t.is_empty());
    let site = parsed
        .links
        .iter()
        .find_map(|link| Url::parse(&link.href).ok())
        .or_else(|| url.and_then(|u| Url::parse(u).ok()));
    let mut news = News {
        articles: Vec::new(),
        notes: Vec::new(),
    };
    let entries = parsed.entries.len();
    for (i, entry) in parsed.entries.into_iter().enumerate() {
        let title = entry
            .title
            .as_ref()
            .map(|t| html::text(&t.content))
            .unwrap_or_default();
        let name = if title.is_empty() {
            format!("item {i}")
        } else {
            format!("item {i} ({title})")
        };
        if title.is_empty() {
            news.notes.push(format!("{name}: no title; skipped"));
            continue;
        }
        let Some(time) = entry.published.or(entry.updated) else {
            news.notes.push(format!("{name}: no date; skipped"));
            continue;
        };
        let Some(published_at) =
            parse_rfc3339(&time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        else {
            news.notes
                .push(format!("{name}: a date out of range; skipped"));
            continue;
        };
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .and_then(|l| Url::parse(&l.href).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        // Relative URLs in the body are relative to the item: its xml:base, its link, the
        // feed's site.
        let base = entry
            .base
            .as_deref()
            .and_then(|b| Url::parse(b).ok())
            .or_else(|| link.clone())
            .or_else(|| site.clone());
        let html_body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let mut body = html::blocks(&html_body, base.as_ref());
        if let [Block::Paragraph { text }, ..] = &body[..] {
            // Many feeds repeat the title as the body's first line.
            if *text == title {
                body.remove(0);
            }
        }
        let tags: Vec<String> = entry
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .fold(Vec::new(), |mut tags, tag| {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
                tags
            });
        news.articles.push(Article {
            id: article_id(&entry.id),
            coins: coins(&title, &tags, tickers),
            title,
            published_at,
            author: entry
                .authors
                .iter()
                .find_map(|a| a.name.clone())
                .filter(|n| !n.trim().is_empty()),
            source: source.clone(),
            url: link.map(|u| u.to_string()),
            important: false,
            tags,
            body,
        });
    }
    if entries > 0 && news.articles.is_empty() {
        return Err(format!(
            "none of its {entries} items can be used (first: {})",
            news.notes.first().map(String::as_str).unwrap_or_default()
        ));
    }
    Ok(news)
}

/// The text from its first element on: feed-rs finds no root after a comment before it.
fn without_leading_comments(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        match comment.find("-->") {
            Some(end) => rest = comment[end + 3..].trim_start(),
            None => return rest,
        }
    }
    rest
}

/// A feed's time: RFC 3339 (Atom, JSON Feed), RFC 2822 (RSS), or the local forms some CMSs
/// write (`2020/1/10 14:33:00`, `2020-01-10 14:33`), in `zone`.
fn timestamp(text: &str, zone: FixedOffset) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.to_utc());
    }
    // chrono reads RFC 2822's obsolete zones (GMT, UT, EST...) but not a trailing "UTC".
    let rfc2822 = text
        .strip_suffix(" UTC")
        .map_or_else(|| text.to_owned(), |t| format!("{t} +0000"));
    if let Ok(time) = DateTime::parse_from_rfc2822(&rfc2822) {
        return Some(time.to_utc());
    }
    [
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .and_then(|local| local.and_local_timezone(zone).single())
    .map(|time| time.to_utc())
}

/// A URL-safe id from a feed's own (a URL, a GUID, `tag:` URI): kept when it is URL-safe,
/// else made so, with a hash of the original so that two ids never become one.
pub fn article_id(id: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_.~".contains(c);
    if !id.is_empty() && id.len() <= MAX_ID_CHARS && id.chars().all(safe) {
        return id.to_owned();
    }
    let mut slug = String::new();
    for c in id.chars() {
        if safe(c) {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug
        .trim_matches('-')
        .chars()
        .rev()
        .take(120)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    // FNV-1a: stable across runs and machines, unlike std's hasher.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}-{hash:016x}", slug.trim_start_matches('-'))
}

/// The tickers a flash is about: a tag that is a ticker's symbol or name, or the symbol as a
/// word of the title (`BTC`, `$ETH`).
fn coins(title: &str, tags: &[String], tickers: &[TickerEntry]) -> Vec<String> {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    tickers
        .iter()
        .filter(|t| {
            tags.iter().any(|tag| {
                tag.eq_ignore_ascii_case(&t.symbol)
                    || t.name
                        .as_deref()
                        .is_some_and(|n| tag.eq_ignore_ascii_case(n))
            }) || words.contains(&t.symbol.as_str())
        })
        .map(|t| t.symbol.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_the_forms_feeds_write() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
        let at = |text, zone| timestamp(text, zone).map(|t| t.to_rfc3339());
        let expected = Some("2024-06-12T08:02:10+00:00".to_owned());
        assert_eq!(at("2024-06-12T16:02:10+08:00", utc), expected);
        assert_eq!(at("Wed, 12 Jun 2024 08:02:10 GMT", utc), expected);
        assert_eq!(at("Wed, 12 Jun 2024 08:02:10 +0000", utc), expected);
        assert_eq!(at("Wed, 12 Jun 2024 08:02:10 UTC", utc), expected);
        assert_eq!(at("2024/6/12 16:02:10", beijing), expected);
        assert_eq!(at("2024-06-12 08:02:10", utc), expected);
        assert_eq!(at("yesterday", utc), None);
    }

    #[test]
    fn ids_are_url_safe_stable_and_distinct() {
        assert_eq!(article_id("okx-2024"), "okx-2024");
        let a = article_id("https://www.coindesk.com/markets/2024/06/12/bitcoin/");
        let b = article_id("https://www.coindesk.com/markets/2024/06/12/bitcoin");
        assert!(
            a.starts_with("https-www.coindesk.com-markets-2024-06-12-bitcoin-"),
            "{a}"
        );
        assert_ne!(a, b);
        assert_eq!(
            a,
            article_id("https://www.coindesk.com/markets/2024/06/12/bitcoin/")
        );
        assert!(a.len() <= MAX_ID_CHARS);
    }
}
