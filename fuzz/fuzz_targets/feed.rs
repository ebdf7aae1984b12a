//! Any bytes as a feed: parsing, validation and everything the ticker then computes from it
//! (formatting in two locales' styles, sparklines, selection), and the other texts the app
//! reads from outside (the stored Collection, query parameters, decimals). Nothing may panic:
//! in WebAssembly a panic kills the widget.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tapewire::logic::collection::Collection;
use tapewire::logic::config::Config;
use tapewire::logic::decimal::Decimal;
use tapewire::logic::feed::{decode_body, parse_feed, parse_ticker_feed};
use tapewire::logic::format::{format_change, format_price, NumberStyle};
use tapewire::logic::quote::Quote;
use tapewire::logic::select::select_tickers;
use tapewire::logic::sparkline::sparkline;

fn german() -> NumberStyle {
    let mut style = NumberStyle::en_us();
    style.group = ".".into();
    style.decimal = ",".into();
    style.currency_symbol = "€".into();
    style.currency_before = false;
    style.currency_space = "\u{a0}".into();
    style.percent_space = "\u{a0}".into();
    style
}

fuzz_target!(|bytes: &[u8]| {
    // As the app reads a body.
    let text = decode_body(bytes.to_vec());
    let styles = [NumberStyle::en_us(), german()];
    // The ticker embed's reading accepts the same feeds and finds the same tickers.
    let prices = parse_ticker_feed(&text).map(|parsed| parsed.feed.tickers);
    if let Ok(parsed) = parse_feed(&text) {
        assert_eq!(prices.as_ref().ok(), Some(&parsed.feed.tickers));
        let wanted: Vec<String> = parsed.feed.tickers.iter().rev().map(|t| t.symbol.clone()).collect();
        for ticker in &parsed.feed.tickers {
            for style in &styles {
                let _ = Quote::of(ticker, style);
            }
            let _ = sparkline(&ticker.history);
        }
        let _ = select_tickers(parsed.feed.tickers, &wanted);
    } else {
        assert!(prices.is_err());
    }
    if let Ok(decimal) = Decimal::parse(&text) {
        for style in &styles {
            let _ = format_price(Some(&decimal), style);
            let _ = format_change(&decimal, style);
        }
        let _ = decimal.to_f64();
    }
    // What the Collection keeps of any text, it writes back exactly.
    if let Ok(collection) = Collection::decode(&text) {
        assert_eq!(Collection::decode(&collection.encode()), Ok(collection));
    }
    let (name, value) = text.split_once('=').unwrap_or(("symbols", &text));
    let _ = Config::from_query([(name, value)]);
});
