//! `tapewire-feed build`: assembles feed.json from a price source, news feeds and the
//! publisher's details; once, or again and again (`--every`). A source that fails costs only
//! its own part: the last good data for it stays in the output, and stderr says so.

mod encoding;
pub mod html;
mod news;
mod output;
mod prices;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use prices::PriceFormat;

use crate::logic::feed::{
    is_allowed_url, parse_feed, parse_rfc3339, Article, Feed, Publisher, TickerEntry, Timestamp,
    MAX_FEED_BYTES,
};
use crate::publish::source;

/// Without `--symbols`, at most this many tickers (CoinGecko lists coins by market cap): a
/// ticker of thousands is no use to a reader, and would pass the widget's size limit.
const MAX_TICKERS: usize = 100;

/// Everything a build reads, from the command line.
pub struct Options {
    pub prices: Option<String>,
    pub prices_format: PriceFormat,
    pub ids: BTreeMap<String, String>,
    pub symbols: Vec<String>,
    pub quote: String,
    pub news: Vec<String>,
    pub max_articles: usize,
    /// The offset of news times written without one.
    pub zone: chrono::FixedOffset,
    pub publisher: Option<PathBuf>,
    pub out: PathBuf,
}

/// The publisher's details, from a small TOML file (`publisher.toml`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PublisherFile {
    name: Option<String>,
    tagline: Option<String>,
    icon: Option<String>,
    download_url: Option<String>,
    home_url: Option<String>,
}

pub fn read_publisher(path: &Path) -> Result<Publisher, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let file: PublisherFile =
        toml::from_str(&text).map_err(|e| format!("{name}: {}", e.message()))?;
    for (key, url, relative_ok) in [
        ("icon", &file.icon, true),
        ("download_url", &file.download_url, false),
        ("home_url", &file.home_url, false),
    ] {
        if let Some(url) = url
            .as_deref()
            .filter(|url| !is_allowed_url(url, relative_ok))
        {
            let allowed = if relative_ok {
                "an http(s) or relative URL"
            } else {
                "an http(s) URL"
            };
            return Err(format!("{name}: {key} \"{url}\" is not {allowed}"));
        }
    }
    Ok(Publisher {
        name: file.name,
        tagline: file.tagline,
        icon: file.icon,
        download_url: file.download_url,
        home_url: file.home_url,
    })
}

/// What one build did.
pub struct Report {
    /// Said on stderr: every source's failure, and what was left out.
    pub notes: Vec<String>,
    /// A source failed (its last good data was used, if there was any).
    pub failed: bool,
    pub written: Option<usize>,
}

/// A build that remembers each source's last good data between runs (`--every`).
pub struct Builder {
    options: Options,
    tickers: Option<Vec<TickerEntry>>,
    /// Each news source's last good articles.
    news: BTreeMap<String, Vec<Article>>,
    /// The previous output's articles: what a news source that fails before it was ever read
    /// in this process keeps.
    earlier_articles: Vec<Article>,
}

impl Builder {
    /// Starts from the previous output, if any: a source that fails on the first run still
    /// has its last good data.
    pub fn new(options: Options) -> Self {
        let previous = output::previous(&options.out);
        Builder {
            tickers: previous.as_ref().map(|feed| feed.tickers.clone()),
            earlier_articles: previous.map(|feed| feed.articles).unwrap_or_default(),
            news: BTreeMap::new(),
            options,
        }
    }

    pub fn run(&mut self, now: Timestamp) -> Result<Report, String> {
        let options = &self.options;
        let publisher = options
            .publisher
            .as_deref()
            .map(read_publisher)
            .transpose()?;
        let mut notes = Vec::new();
        let mut failed = false;
        // A source failed with nothing earlier to keep: the output would lack its part.
        let mut lacking = false;

        if let Some(prices) = &options.prices {
            let read = source::read(prices)
                .map_err(|e| e.reason)
                .and_then(|fetched| {
                    let text = crate::logic::feed::decode_body(fetched.bytes);
                    let options = prices::PriceOptions {
                        format: options.prices_format,
                        quote: &options.quote,
                        ids: &options.ids,
                    };
                    prices::read(&text, &options)
                });
            match read {
                Ok(read) => {
                    notes.extend(read.notes.into_iter().map(|n| format!("{prices}: {n}")));
                    self.tickers = Some(select(read.tickers, &options.symbols, prices, &mut notes));
                }
                Err(reason) => {
                    failed = true;
                    lacking |= self.tickers.is_none();
                    notes.push(format!(
                        "{prices}: {reason}; {}",
                        kept(self.tickers.is_some(), "prices")
                    ));
                }
            }
        }
        let tickers = self.tickers.clone().unwrap_or_default();

        let mut use_earlier = false;
        for name in &options.news {
            let read = source::read(name)
                .map_err(|e| e.reason)
                .and_then(|fetched| {
                    let decoded = encoding::decode(&fetched.bytes, fetched.content_type.as_deref());
                    if let Some(note) = decoded.note {
                        notes.push(format!("{name}: {note}"));
                    }
                    let url = name.starts_with("http").then_some(name.as_str());
                    news::read(&decoded.text, url, &tickers, options.zone)
                });
            match read {
                Ok(read) => {
                    notes.extend(read.notes.into_iter().map(|n| format!("{name}: {n}")));
                    self.news.insert(name.clone(), read.articles);
                }
                Err(reason) => {
                    failed = true;
                    let had_own = self.news.contains_key(name);
                    let had = had_own || !self.earlier_articles.is_empty();
                    use_earlier |= !had_own;
                    lacking |= !had;
                    notes.push(format!("{name}: {reason}; {}", kept(had, "articles")));
                }
            }
        }
        if lacking {
            notes.push(format!(
                "{}: not written, as a source failed with no earlier data to keep; the previous file stays",
                options.out.display()
            ));
            return Ok(Report {
                notes,
                failed,
                written: None,
            });
        }
        let mut articles: Vec<Article> = self.news.values().flatten().cloned().collect();
        if use_earlier {
            articles.extend(self.earlier_articles.iter().cloned());
        }
        articles.sort_by(|a, b| {
            (b.published_at.unix_ms.cmp(&a.published_at.unix_ms)).then_with(|| a.id.cmp(&b.id))
        });
        articles.dedup_by(|a, b| a.id == b.id);
        if articles.len() > options.max_articles {
            notes.push(format!(
                "{} articles; the newest {} are kept (--max-articles)",
                articles.len(),
                options.max_articles
            ));
            articles.truncate(options.max_articles);
        }

        let feed = Feed {
            version: 1,
            updated_at: None,
            publisher,
            quote_currency: options.quote.to_ascii_uppercase(),
            tickers,
            articles,
            next_url: None,
        };
        let feed = fit(normalize(feed, &mut notes)?, &mut notes);
        let written = output::write(&options.out, feed, now)
            .map_err(|e| format!("{}: {e}; the previous file stays", options.out.display()))?;
        Ok(Report {
            notes,
            failed,
            written: match written {
                output::Written::Unchanged => None,
                output::Written::Written { bytes } => Some(bytes),
            },
        })
    }
}

fn kept(had: bool, what: &str) -> String {
    if had {
        format!("the last good {what} are kept")
    } else {
        format!("there are no earlier {what} to keep")
    }
}

/// The tickers in the order `symbols` gives, and only those; all of them, in the source's
/// order, when it gives none.
fn select(
    mut tickers: Vec<TickerEntry>,
    symbols: &[String],
    source: &str,
    notes: &mut Vec<String>,
) -> Vec<TickerEntry> {
    if symbols.is_empty() {
        if tickers.len() > MAX_TICKERS {
            notes.push(format!(
                "{source}: {} prices; the first {MAX_TICKERS} are kept (--symbols chooses)",
                tickers.len()
            ));
            tickers.truncate(MAX_TICKERS);
        }
        return tickers;
    }
    symbols
        .iter()
        .filter_map(|symbol| {
            let found = tickers
                .iter()
                .find(|t| t.symbol.eq_ignore_ascii_case(symbol))
                .cloned();
            if found.is_none() {
                notes.push(format!("{source}: no {symbol} in it; left out"));
            }
            found
        })
        .collect()
}

/// The feed as the widget reads it: written, parsed with the widget's own parser and taken
/// from there, so that what is written is what the widget shows, with no finding. (What the
/// parser changed, such as a text cut to its limit, is said.)
fn normalize(feed: Feed, notes: &mut Vec<String>) -> Result<Feed, String> {
    let text = serde_json::to_string(&feed).expect("a feed is JSON");
    let parsed =
        parse_feed(&text).map_err(|e| format!("the feed built is refused by the widget: {e}"))?;
    notes.extend(parsed.warnings.iter().map(|w| format!("output {w}")));
    Ok(parsed.feed)
}

/// Leaves out the oldest articles until the feed is within the widget's size limit.
fn fit(mut feed: Feed, notes: &mut Vec<String>) -> Feed {
    let before = feed.articles.len();
    while serde_json::to_string_pretty(&feed).map_or(0, |t| t.len()) + 64 > MAX_FEED_BYTES
        && !feed.articles.is_empty()
    {
        let keep = feed.articles.len() * 9 / 10;
        feed.articles.truncate(keep);
    }
    if feed.articles.len() < before {
        notes.push(format!(
            "output: larger than the widget reads ({MAX_FEED_BYTES} bytes); the newest {} of {before} articles are kept",
            feed.articles.len()
        ));
    }
    feed
}

/// Now, or `SOURCE_DATE_EPOCH` (seconds) when set: reproducible builds and tests.
pub fn now() -> Result<Timestamp, String> {
    let time = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(secs) => {
            let secs: i64 = secs
                .trim()
                .parse()
                .map_err(|_| format!("SOURCE_DATE_EPOCH \"{secs}\" is not a number of seconds"))?;
            chrono::DateTime::from_timestamp(secs, 0).ok_or("SOURCE_DATE_EPOCH is out of range")?
        }
        Err(_) => chrono::Utc::now(),
    };
    parse_rfc3339(&time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .ok_or_else(|| "the clock is out of range".into())
}
