//! What one ticker item shows, derived from a feed ticker and the reader's number style.
//!
//! The view holds these texts in signals and patches a node only when its text changed, so a
//! poll that brings the same prices touches nothing.

use crate::logic::decimal::Decimal;
use crate::logic::feed::TickerEntry;
use crate::logic::format::{
    change_direction, format_change, format_price, Direction, FormattedPrice, NumberStyle,
};

/// The texts of one ticker item.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub price: FormattedPrice,
    /// `None` when the feed gives no 24-hour change: nothing is shown rather than a made-up 0.
    pub change: Option<String>,
    pub direction: Direction,
}

impl Quote {
    pub fn of(ticker: &TickerEntry, style: &NumberStyle) -> Self {
        Self {
            price: format_price(ticker.price.as_ref(), style),
            change: ticker
                .change_24h
                .as_ref()
                .map(|change| format_change(change, style)),
            direction: change_direction(ticker.change_24h.as_ref()),
        }
    }
}

/// Which way a price moved between two polls, for the flash; `None` when it did not move or
/// either side is unknown.
pub fn price_move(before: Option<&Decimal>, after: Option<&Decimal>) -> Option<Direction> {
    let (before, after) = (before?, after?);
    if before == after {
        return None;
    }
    match before.to_f64().partial_cmp(&after.to_f64())? {
        std::cmp::Ordering::Less => Some(Direction::Up),
        std::cmp::Ordering::Greater => Some(Direction::Down),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect(text)
    }

    fn ticker(price: Option<&str>, change: Option<&str>) -> TickerEntry {
        TickerEntry {
            symbol: "BTC".into(),
            name: None,
            price: price.map(d),
            change_24h: change.map(d),
            history: vec![],
            url: None,
            updated_at: None,
            logo: None,
        }
    }

    #[test]
    fn quote_shows_price_change_and_direction() {
        let quote = Quote::of(
            &ticker(Some("77124.50"), Some("2.69")),
            &NumberStyle::en_us(),
        );
        assert_eq!(quote.price.text, "$77,124.50");
        assert_eq!(quote.change.as_deref(), Some("+2.69%"));
        assert_eq!(quote.direction, Direction::Up);

        let quote = Quote::of(&ticker(None, None), &NumberStyle::en_us());
        assert_eq!(quote.price.text, "—");
        assert_eq!(quote.change, None);
        assert_eq!(quote.direction, Direction::Flat);
    }

    #[test]
    fn moves_compare_values_not_text() {
        assert_eq!(
            price_move(Some(&d("1.10")), Some(&d("1.2"))),
            Some(Direction::Up)
        );
        assert_eq!(price_move(Some(&d("1.10")), Some(&d("1.1"))), None);
        assert_eq!(
            price_move(Some(&d("2")), Some(&d("1.99"))),
            Some(Direction::Down)
        );
        assert_eq!(price_move(None, Some(&d("1"))), None);
        // Where text and value disagree: "9" sorts after "10", "100" before "99.5".
        assert_eq!(
            price_move(Some(&d("9")), Some(&d("10"))),
            Some(Direction::Up)
        );
        assert_eq!(
            price_move(Some(&d("100")), Some(&d("99.5"))),
            Some(Direction::Down)
        );
        assert_eq!(price_move(Some(&d("1e1")), Some(&d("10.00"))), None);
    }
}
