//! The price sources a publisher has, as the feed's tickers: a CoinGecko `/coins/markets` or
//! `/simple/price` response, a Binance `/ticker/24hr` response (one object or the array), or a
//! CSV. JSON numbers are read from their literal digits, never through `f64`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::logic::decimal::Decimal;
use crate::logic::feed::{parse_rfc3339, TickerEntry, Timestamp, MAX_HISTORY};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PriceFormat {
    /// Told apart by the response's shape.
    Auto,
    CoingeckoMarkets,
    CoingeckoSimple,
    Binance,
    Csv,
}

/// How a source's prices become tickers.
pub struct PriceOptions<'a> {
    pub format: PriceFormat,
    /// Binance pairs end with it (`BTCUSDT` for `USDT`); CoinGecko's simple prices are keyed
    /// by it in lower case (`usd`).
    pub quote: &'a str,
    /// CoinGecko ids to symbols (`bitcoin` = `BTC`), for `/simple/price`, which has no symbols.
    pub ids: &'a BTreeMap<String, String>,
}

/// The tickers read, in the source's order, and what was left out of them.
pub struct Prices {
    pub tickers: Vec<TickerEntry>,
    pub notes: Vec<String>,
}

pub fn read(text: &str, options: &PriceOptions) -> Result<Prices, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err("empty".into());
    }
    if trimmed.starts_with('<') {
        return Err(format!(
            "an HTML page, not a price response{}: the API may be down, rate-limiting or asking for a key",
            html_title(trimmed).map(|t| format!(" (\"{t}\")")).unwrap_or_default()
        ));
    }
    let format = match options.format {
        PriceFormat::Auto if !trimmed.starts_with(['[', '{']) => PriceFormat::Csv,
        PriceFormat::Auto => detect(trimmed)?,
        format => format,
    };
    let prices = match format {
        PriceFormat::Csv => csv(trimmed),
        PriceFormat::CoingeckoMarkets => markets(trimmed),
        PriceFormat::CoingeckoSimple => simple(trimmed, options),
        PriceFormat::Binance => binance(trimmed, options.quote),
        PriceFormat::Auto => unreachable!("detected above"),
    }?;
    if prices.tickers.is_empty() {
        return Err(format!(
            "no prices in it{}",
            prices
                .notes
                .first()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ));
    }
    Ok(prices)
}

/// Which API a JSON response is from, by its members; an API's error object is said as such.
fn detect(text: &str) -> Result<PriceFormat, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    if let Some(error) = api_error(&value) {
        return Err(error);
    }
    let first = match &value {
        serde_json::Value::Array(items) => match items.first() {
            Some(first) => first,
            None => return Err("an empty list: no prices in it".into()),
        },
        object => object,
    };
    if first.get("current_price").is_some() {
        Ok(PriceFormat::CoingeckoMarkets)
    } else if first.get("lastPrice").is_some() {
        Ok(PriceFormat::Binance)
    } else if value
        .as_object()
        .is_some_and(|o| o.values().all(serde_json::Value::is_object))
    {
        Ok(PriceFormat::CoingeckoSimple)
    } else {
        Err("not a CoinGecko or Binance price response (see --prices-format)".into())
    }
}

/// CoinGecko's `{"status": {"error_code", "error_message"}}` or `{"error": …}`, Binance's
/// `{"code", "msg"}`.
fn api_error(value: &serde_json::Value) -> Option<String> {
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v.to_string())
    };
    if let Some(status) = value
        .get("status")
        .filter(|s| s.get("error_code").is_some())
    {
        return Some(format!(
            "the API answered with error {}: {}",
            status["error_code"],
            status.get("error_message").map(text).unwrap_or_default()
        ));
    }
    if let Some(error) = value.get("error") {
        return Some(format!("the API answered with an error: {}", text(error)));
    }
    if let (Some(code), Some(message)) = (value.get("code"), value.get("msg")) {
        return Some(format!(
            "the API answered with error {code}: {}",
            text(message)
        ));
    }
    None
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title = super::html::text(&html[start..end]);
    (!title.is_empty()).then_some(title)
}

/// A decimal from a JSON number's digits or a string; `None` for `null` or anything else.
fn decimal(raw: Option<&RawValue>) -> Option<Decimal> {
    let raw = raw?.get();
    let text = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    Decimal::parse(text).ok()
}

fn unix_ms(ms: i64) -> Option<Timestamp> {
    let time = chrono::DateTime::from_timestamp_millis(ms)?;
    parse_rfc3339(&time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn ticker(symbol: String, price: Decimal) -> TickerEntry {
    TickerEntry {
        symbol,
        name: None,
        price: Some(price),
        change_24h: None,
        history: Vec::new(),
        url: None,
        updated_at: None,
        logo: None,
    }
}

#[derive(Deserialize)]
struct Market<'a> {
    symbol: Option<String>,
    name: Option<String>,
    image: Option<String>,
    #[serde(borrow)]
    current_price: Option<&'a RawValue>,
    #[serde(borrow)]
    price_change_percentage_24h: Option<&'a RawValue>,
    last_updated: Option<String>,
    sparkline_in_7d: Option<Sparkline>,
}

#[derive(Deserialize)]
struct Sparkline {
    price: Vec<Option<f64>>,
}

fn markets(text: &str) -> Result<Prices, String> {
    let entries: Vec<&RawValue> = serde_json::from_str(text)
        .map_err(|e| format!("not a CoinGecko /coins/markets response (a list of coins): {e}"))?;
    let mut prices = Prices {
        tickers: Vec::new(),
        notes: Vec::new(),
    };
    for (i, raw) in entries.into_iter().enumerate() {
        let Ok(market) = serde_json::from_str::<Market>(raw.get()) else {
            prices
                .notes
                .push(format!("[{i}]: not a coin object; skipped"));
            continue;
        };
        let Some(symbol) = market
            .symbol
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
        else {
            prices.notes.push(format!("[{i}]: no symbol; skipped"));
            continue;
        };
        let Some(price) = decimal(market.current_price) else {
            prices
                .notes
                .push(format!("[{i}] ({symbol}): no current_price; skipped"));
            continue;
        };
        let mut entry = ticker(symbol, price);
        entry.name = market.name;
        entry.logo = market
            .image
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
        entry.change_24h = decimal(market.price_change_percentage_24h);
        entry.updated_at = market.last_updated.as_deref().and_then(parse_rfc3339);
        if let Some(sparkline) = market.sparkline_in_7d {
            entry.history = sparkline
                .price
                .into_iter()
                .flatten()
                .filter(|p| p.is_finite())
                .collect();
            let extra = entry.history.len().saturating_sub(MAX_HISTORY);
            entry.history.drain(..extra);
        }
        prices.tickers.push(entry);
    }
    Ok(prices)
}

fn simple(text: &str, options: &PriceOptions) -> Result<Prices, String> {
    let coins: BTreeMap<String, BTreeMap<String, &RawValue>> = serde_json::from_str(text)
        .map_err(|e| format!("not a CoinGecko /simple/price response: {e}"))?;
    let quote = options.quote.to_ascii_lowercase();
    let mut prices = Prices {
        tickers: Vec::new(),
        notes: Vec::new(),
    };
    for (id, values) in coins {
        let Some(symbol) = options.ids.get(&id) else {
            prices.notes.push(format!(
                "{id}: no symbol given for this CoinGecko id (--id {id}=SYMBOL); skipped"
            ));
            continue;
        };
        let Some(price) = decimal(values.get(&quote).copied()) else {
            prices
                .notes
                .push(format!("{id}: no price in {quote}; skipped"));
            continue;
        };
        let mut entry = ticker(symbol.clone(), price);
        entry.change_24h = decimal(values.get(&format!("{quote}_24h_change")).copied());
        entry.updated_at = values
            .get("last_updated_at")
            .and_then(|at| at.get().parse::<i64>().ok())
            .and_then(|secs| unix_ms(secs * 1000));
        prices.tickers.push(entry);
    }
    // The response is keyed by id, in no useful order: the symbols' order is the ids'.
    let order: Vec<&String> = options.ids.values().collect();
    prices
        .tickers
        .sort_by_key(|t| order.iter().position(|s| **s == t.symbol));
    Ok(prices)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pair<'a> {
    symbol: String,
    #[serde(borrow)]
    last_price: Option<&'a RawValue>,
    #[serde(borrow)]
    price_change_percent: Option<&'a RawValue>,
    close_time: Option<i64>,
}

fn binance(text: &str, quote: &str) -> Result<Prices, String> {
    let entries: Vec<&RawValue> = match serde_json::from_str::<Vec<&RawValue>>(text) {
        Ok(entries) => entries,
        Err(_) => vec![serde_json::from_str::<&RawValue>(text)
            .map_err(|e| format!("not a Binance /ticker/24hr response: {e}"))?],
    };
    let quote = quote.to_ascii_uppercase();
    let mut prices = Prices {
        tickers: Vec::new(),
        notes: Vec::new(),
    };
    let mut other_quotes = 0;
    for (i, raw) in entries.into_iter().enumerate() {
        let Ok(pair) = serde_json::from_str::<Pair>(raw.get()) else {
            prices
                .notes
                .push(format!("[{i}]: not a ticker object; skipped"));
            continue;
        };
        let Some(base) = pair
            .symbol
            .strip_suffix(quote.as_str())
            .filter(|b| !b.is_empty())
        else {
            other_quotes += 1;
            continue;
        };
        let Some(price) = decimal(pair.last_price) else {
            prices
                .notes
                .push(format!("[{i}] ({}): no lastPrice; skipped", pair.symbol));
            continue;
        };
        let mut entry = ticker(base.to_owned(), price);
        entry.change_24h = decimal(pair.price_change_percent);
        entry.updated_at = pair.close_time.and_then(unix_ms);
        prices.tickers.push(entry);
    }
    if prices.tickers.is_empty() && other_quotes > 0 {
        prices.notes.push(format!(
            "none of its {other_quotes} pairs is quoted in {quote} (--quote)"
        ));
    }
    Ok(prices)
}

#[derive(Deserialize)]
struct Row {
    symbol: String,
    price: String,
    name: Option<String>,
    change_24h: Option<String>,
    url: Option<String>,
    logo: Option<String>,
    updated_at: Option<String>,
}

/// A CSV with a header row: `symbol,price` and, if wanted, `name`, `change_24h`, `url`,
/// `logo`, `updated_at` (RFC 3339), in any order.
fn csv(text: &str) -> Result<Prices, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("not a CSV: {e}"))?
        .clone();
    for needed in ["symbol", "price"] {
        if !headers.iter().any(|h| h == needed) {
            return Err(format!(
                "a CSV without a \"{needed}\" column (its header: {})",
                headers.iter().collect::<Vec<_>>().join(",")
            ));
        }
    }
    let mut prices = Prices {
        tickers: Vec::new(),
        notes: Vec::new(),
    };
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                prices.notes.push(format!("line {line}: {e}; skipped"));
                continue;
            }
        };
        let Ok(price) = Decimal::parse(&row.price) else {
            prices.notes.push(format!(
                "line {line} ({}): price \"{}\" is not a decimal number; skipped",
                row.symbol, row.price
            ));
            continue;
        };
        let empty_none = |v: Option<String>| v.filter(|v| !v.is_empty());
        let mut entry = ticker(row.symbol.to_uppercase(), price);
        entry.name = empty_none(row.name);
        entry.change_24h = empty_none(row.change_24h).and_then(|c| Decimal::parse(&c).ok());
        entry.url = empty_none(row.url);
        entry.logo = empty_none(row.logo);
        entry.updated_at = empty_none(row.updated_at)
            .as_deref()
            .and_then(parse_rfc3339);
        prices.tickers.push(entry);
    }
    Ok(prices)
}
