//! Which tickers an embed shows: `symbols=ETH,BTC` picks and orders them.

use crate::logic::feed::TickerEntry;

/// The tickers to show, and the wanted symbols the feed does not have.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub tickers: Vec<TickerEntry>,
    pub missing: Vec<String>,
}

/// The tickers `wanted` names, in its order (symbols compared without regard to case). When
/// the feed has none of them, all of its tickers: a typo must not blank the widget.
pub fn select_tickers(mut tickers: Vec<TickerEntry>, wanted: &[String]) -> Selection {
    let mut chosen = Vec::with_capacity(wanted.len());
    let mut missing = Vec::new();
    for symbol in wanted {
        match tickers
            .iter()
            .position(|ticker| ticker.symbol.eq_ignore_ascii_case(symbol))
        {
            Some(at) => chosen.push(tickers.remove(at)),
            None => missing.push(symbol.clone()),
        }
    }
    if chosen.is_empty() {
        // `tickers` lost nothing: nothing was chosen.
        return Selection { tickers, missing };
    }
    Selection {
        tickers: chosen,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tickers(symbols: &[&str]) -> Vec<TickerEntry> {
        symbols
            .iter()
            .map(|symbol| TickerEntry {
                symbol: symbol.to_string(),
                name: None,
                price: None,
                change_24h: None,
                history: Vec::new(),
                url: None,
                updated_at: None,
                logo: None,
            })
            .collect()
    }

    fn symbols(selection: &Selection) -> Vec<&str> {
        selection
            .tickers
            .iter()
            .map(|t| t.symbol.as_str())
            .collect()
    }

    fn wanted(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn picks_in_the_wanted_order() {
        let selection = select_tickers(tickers(&["BTC", "ETH", "SOL"]), &wanted(&["ETH", "btc"]));
        assert_eq!(symbols(&selection), ["ETH", "BTC"]);
        assert!(selection.missing.is_empty());
    }

    #[test]
    fn names_what_the_feed_lacks() {
        let selection = select_tickers(tickers(&["BTC", "ETH"]), &wanted(&["NOPE", "ETH"]));
        assert_eq!(symbols(&selection), ["ETH"]);
        assert_eq!(selection.missing, ["NOPE"]);
    }

    #[test]
    fn none_found_shows_all() {
        let selection = select_tickers(tickers(&["BTC", "ETH"]), &wanted(&["NOPE"]));
        assert_eq!(symbols(&selection), ["BTC", "ETH"]);
        assert_eq!(selection.missing, ["NOPE"]);
    }
}
