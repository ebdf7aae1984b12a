//! Price and change texts, written the reader's way.
//!
//! The locale's separators and currency placement come from the browser (`Intl`) once, as a
//! [`NumberStyle`]; the digits themselves are produced here from exact decimals, so the rules
//! (two decimals, four significant digits, the compact form) are the same everywhere and tested.

use crate::decimal::Decimal;

/// How the reader's locale writes numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberStyle {
    pub group: String,
    pub decimal: String,
    /// `$`, `€`, or a code such as `USDT`.
    pub currency_symbol: String,
    /// `$1.00` rather than `1,00 $`.
    pub currency_before: bool,
    /// Between the number and the currency: `""` or a no-break space.
    pub currency_space: String,
    /// Between the number and `%`.
    pub percent_space: String,
}

impl NumberStyle {
    pub fn en_us() -> Self {
        Self {
            group: ",".into(),
            decimal: ".".into(),
            currency_symbol: "$".into(),
            currency_before: true,
            currency_space: String::new(),
            percent_space: String::new(),
        }
    }
}

impl Default for NumberStyle {
    fn default() -> Self {
        Self::en_us()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormattedPrice {
    /// What is shown: `$77,124.50`, `$0.0₄1234`, `—`.
    pub text: String,
    /// The exact value, for a tooltip and the accessible name; equal to `text` unless compact.
    pub full: String,
    pub compact: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// Prices below this many leading zeros after the point are written compactly.
const COMPACT_ZEROS: i32 = 4;
const MISSING: &str = "—";

pub fn format_price(price: Option<&Decimal>, style: &NumberStyle) -> FormattedPrice {
    let Some(price) = price else {
        return FormattedPrice { text: MISSING.into(), full: MISSING.into(), compact: false };
    };
    let sign = if price.is_negative() { "-" } else { "" };
    let value = price.abs();
    let rounded = value.round_significant(4);
    let (number, compact) = if value.is_zero() || rounded.magnitude() > 0 {
        (fixed(&value.round_to(2), 2, style), false)
    } else if -value.magnitude() >= COMPACT_ZEROS {
        (compact_small(&rounded, style), true)
    } else {
        let places = (-rounded.exponent()).max(2) as u32;
        (fixed(&rounded, places, style), false)
    };
    let text = with_currency(&format!("{sign}{number}"), style);
    let full = if compact {
        let places = (-value.exponent()).max(0) as u32;
        with_currency(&format!("{sign}{}", fixed(&value, places, style)), style)
    } else {
        text.clone()
    };
    FormattedPrice { text, full, compact }
}

/// `+2.69%`, `-0.25%`, `0.00%`: two decimals, a sign unless it rounds to zero.
pub fn format_change(change: &Decimal, style: &NumberStyle) -> String {
    let rounded = change.round_to(2);
    let sign = match change_direction(Some(change)) {
        Direction::Up => "+",
        Direction::Down => "-",
        Direction::Flat => "",
    };
    format!("{sign}{}{}%", fixed(&rounded.abs(), 2, style), style.percent_space)
}

/// The direction of a change as shown: rounded to two decimals, so colour and text agree.
pub fn change_direction(change: Option<&Decimal>) -> Direction {
    match change.map(|c| c.round_to(2)) {
        Some(c) if c.is_zero() => Direction::Flat,
        Some(c) if c.is_negative() => Direction::Down,
        Some(_) => Direction::Up,
        None => Direction::Flat,
    }
}

/// `value` (already rounded) with exactly `places` decimals and grouped integer digits.
fn fixed(value: &Decimal, places: u32, style: &NumberStyle) -> String {
    let (int_part, frac_part) = value.split_fixed(places);
    let mut out = group(&int_part, &style.group);
    if !frac_part.is_empty() {
        out.push_str(&style.decimal);
        out.push_str(&frac_part);
    }
    out
}

fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// `0.0₄1234` for 0.00001234: the run of zeros after the point counted in subscript digits.
fn compact_small(value: &Decimal, style: &NumberStyle) -> String {
    let zeros = -value.magnitude();
    let significant: String = value.digits().iter().map(|&d| char::from(b'0' + d)).collect();
    let subscript: String = zeros
        .to_string()
        .chars()
        .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x2080 + d)))
        .collect();
    format!("0{}0{subscript}{significant}", style.decimal)
}

fn with_currency(number: &str, style: &NumberStyle) -> String {
    if style.currency_before {
        format!("{}{}{number}", style.currency_symbol, style.currency_space)
    } else {
        format!("{number}{}{}", style.currency_space, style.currency_symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect(text)
    }

    fn price(text: &str) -> String {
        format_price(Some(&d(text)), &NumberStyle::en_us()).text
    }

    fn change(text: &str) -> String {
        format_change(&d(text), &NumberStyle::en_us())
    }

    fn de_de() -> NumberStyle {
        NumberStyle {
            group: ".".into(),
            decimal: ",".into(),
            currency_symbol: "$".into(),
            currency_before: false,
            currency_space: "\u{a0}".into(),
            percent_space: "\u{a0}".into(),
        }
    }

    #[test]
    fn prices_at_or_above_one_have_two_decimals() {
        assert_eq!(price("77124.50"), "$77,124.50");
        assert_eq!(price("2421.1"), "$2,421.10");
        assert_eq!(price("453.83"), "$453.83");
        assert_eq!(price("1.48"), "$1.48");
        assert_eq!(price("1.005"), "$1.01");
        assert_eq!(price("1234567.891"), "$1,234,567.89");
    }

    #[test]
    fn prices_below_one_have_four_significant_digits() {
        assert_eq!(price("0.3277"), "$0.3277");
        assert_eq!(price("0.0995"), "$0.0995");
        assert_eq!(price("0.2587"), "$0.2587");
        assert_eq!(price("0.9994"), "$0.9994");
        assert_eq!(price("0.1743"), "$0.1743");
        assert_eq!(price("0.5"), "$0.50");
        assert_eq!(price("0.123456"), "$0.1235");
        assert_eq!(price("0"), "$0.00");
        assert_eq!(price("0.99996"), "$1.00");
        assert_eq!(price("0.0001234"), "$0.0001234");
    }

    #[test]
    fn tiny_prices_are_compact_with_the_full_value_beside() {
        let tiny = format_price(Some(&d("0.00001234")), &NumberStyle::en_us());
        assert_eq!(tiny, FormattedPrice { text: "$0.0₄1234".into(), full: "$0.00001234".into(), compact: true });
        assert_eq!(price("0.000001"), "$0.0₅1");
        assert_eq!(price("1e-12"), "$0.0₁₁1");
        assert_eq!(price("0.0000123456"), "$0.0₄1235");
    }

    #[test]
    fn a_missing_price_is_a_dash() {
        let missing = format_price(None, &NumberStyle::en_us());
        assert_eq!((missing.text.as_str(), missing.compact), ("—", false));
    }

    #[test]
    fn changes_carry_a_sign_and_two_decimals() {
        assert_eq!(change("2.69"), "+2.69%");
        assert_eq!(change("-0.25"), "-0.25%");
        assert_eq!(change("-3.6"), "-3.60%");
        assert_eq!(change("0"), "0.00%");
        assert_eq!(change("-0.001"), "0.00%");
        assert_eq!(change("1234.5"), "+1,234.50%");
        assert_eq!(change_direction(Some(&d("-0.001"))), Direction::Flat);
        assert_eq!(change_direction(Some(&d("-0.25"))), Direction::Down);
        assert_eq!(change_direction(None), Direction::Flat);
    }

    #[test]
    fn follows_the_locale() {
        assert_eq!(format_price(Some(&d("77124.5")), &de_de()).text, "77.124,50\u{a0}$");
        assert_eq!(format_change(&d("2.69"), &de_de()), "+2,69\u{a0}%");
        assert_eq!(format_price(Some(&d("0.00001234")), &de_de()).text, "0,0₄1234\u{a0}$");
    }

    proptest! {
        #[test]
        fn any_decimal_formats(text in "-?[0-9]{0,20}(\\.[0-9]{0,20})?(e-?[0-9]{1,3})?") {
            if let Ok(value) = Decimal::parse(&text) {
                let shown = format_price(Some(&value), &NumberStyle::en_us());
                prop_assert!(!shown.text.is_empty() && !shown.full.is_empty());
                prop_assert_eq!(shown.compact, value.abs().round_significant(4).magnitude() <= 0 && value.magnitude() <= -4 && !value.is_zero());
                prop_assert!(!format_change(&value, &NumberStyle::en_us()).is_empty());
            }
        }

        #[test]
        fn prices_above_one_read_back_within_half_a_cent(x in 1.0f64..1e12) {
            let value = d(&format!("{x:.6}"));
            let shown = format_price(Some(&value), &NumberStyle::en_us()).text;
            let back: f64 = shown.trim_start_matches('$').replace(',', "").parse().unwrap();
            prop_assert!((back - value.to_f64()).abs() <= 0.005 + 1e-9 * x);
        }
    }
}
