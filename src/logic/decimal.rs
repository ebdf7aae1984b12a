//! Exact decimal numbers as publishers write them.
//!
//! Prices arrive as strings (`"0.00001234"`) or JSON numbers; going through `f64` would turn
//! `0.1` into `0.1000000000000000055…` and lose the publisher's digits, so a price is kept as
//! its decimal digits and a power of ten.

use std::fmt;

/// The longest decimal text accepted: far beyond any real price, short enough that a hostile
/// feed cannot make formatting expensive.
const MAX_TEXT_LEN: usize = 64;
/// Exponents beyond this are not prices (and would not fit an `f64` either).
const MAX_EXPONENT: i32 = 300;

/// A finite decimal: `(-1)^negative × coefficient × 10^exponent`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    negative: bool,
    /// Coefficient digits, most significant first, each 0..=9, without leading or trailing
    /// zeros; empty for zero.
    digits: Vec<u8>,
    exponent: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    TooLong,
    /// Not of the form `-12.34`, `1e-8`, `+5`.
    Malformed,
    OutOfRange,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "empty number",
            Self::TooLong => "number longer than 64 characters",
            Self::Malformed => "not a decimal number",
            Self::OutOfRange => "number out of range",
        })
    }
}

impl Decimal {
    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`; at least one digit before the exponent.
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DecimalError::Empty);
        }
        if text.len() > MAX_TEXT_LEN {
            return Err(DecimalError::TooLong);
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        let negative = match bytes[0] {
            b'-' => {
                i = 1;
                true
            }
            b'+' => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut digits = Vec::new();
        let mut exponent: i32 = 0;
        let mut seen_digit = false;
        let mut seen_point = false;
        while i < bytes.len() {
            match bytes[i] {
                b @ b'0'..=b'9' => {
                    seen_digit = true;
                    digits.push(b - b'0');
                    if seen_point {
                        exponent -= 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                b'e' | b'E' => break,
                _ => return Err(DecimalError::Malformed),
            }
            i += 1;
        }
        if !seen_digit {
            return Err(DecimalError::Malformed);
        }
        if i < bytes.len() {
            let exp_text = &text[i + 1..];
            let exp: i64 = match exp_text.as_bytes().first() {
                Some(b'+') | Some(b'-') | Some(b'0'..=b'9') => {
                    exp_text.parse().map_err(|_| DecimalError::Malformed)?
                }
                _ => return Err(DecimalError::Malformed),
            };
            // Far beyond any price; refusing it here keeps the arithmetic below from overflowing.
            if exp.abs() > 10_000 {
                return Err(DecimalError::OutOfRange);
            }
            let exp = exp as i32;
            exponent += exp;
        }
        let value = Self::normalized(negative, digits, exponent);
        if !(-MAX_EXPONENT..=MAX_EXPONENT).contains(&value.magnitude()) {
            return Err(DecimalError::OutOfRange);
        }
        Ok(value)
    }

    /// Strips leading and trailing zeros (moving the exponent), so equal values are equal.
    fn normalized(negative: bool, mut digits: Vec<u8>, mut exponent: i32) -> Self {
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            return Self::zero();
        }
        Self {
            negative,
            digits,
            exponent,
        }
    }

    pub fn zero() -> Self {
        Self {
            negative: false,
            digits: Vec::new(),
            exponent: 0,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative && !self.is_zero()
    }

    /// Coefficient digits, most significant first, without leading or trailing zeros.
    pub fn digits(&self) -> &[u8] {
        &self.digits
    }

    /// The power of ten of the last coefficient digit.
    pub fn exponent(&self) -> i32 {
        self.exponent
    }

    /// The power of ten of the first significant digit plus one: 3 for 123.4, 0 for 0.5,
    /// -4 for 0.00001234. Zero for zero.
    pub fn magnitude(&self) -> i32 {
        if self.is_zero() {
            0
        } else {
            self.exponent + self.digits.len() as i32
        }
    }

    pub fn abs(&self) -> Self {
        Self {
            negative: false,
            ..self.clone()
        }
    }

    /// An `f64` close to the value (within a few units in the last place), for drawing and
    /// speeds, never for display text. Computed from the digits: going through `f64::from_str`
    /// would pull its parsing tables into the bundle.
    pub fn to_f64(&self) -> f64 {
        let coefficient = self
            .digits
            .iter()
            .fold(0.0, |acc, &d| acc * 10.0 + f64::from(d));
        let value = coefficient * 10f64.powi(self.exponent);
        if self.negative {
            -value
        } else {
            value
        }
    }

    /// Rounds half away from zero to `places` digits after the point (negative `places` round
    /// to tens, hundreds…).
    pub fn round_to(&self, places: i32) -> Self {
        if -self.exponent <= places {
            return self.clone();
        }
        // The exponent is bounded by parsing; `places` may be anything a caller passes.
        let keep = (self.digits.len() as i32 + self.exponent).saturating_add(places);
        if keep < 0 {
            return Self::zero();
        }
        let keep = keep as usize;
        let round_up = self.digits.get(keep).is_some_and(|&d| d >= 5);
        let mut digits = self.digits[..keep].to_vec();
        let exponent = -places;
        if round_up {
            let mut carry = true;
            for d in digits.iter_mut().rev() {
                if *d == 9 {
                    *d = 0;
                } else {
                    *d += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                digits.insert(0, 1);
            }
        }
        Self::normalized(self.negative, digits, exponent)
    }

    /// Rounds half away from zero to `n` significant digits (`n` ≥ 1).
    pub fn round_significant(&self, n: u32) -> Self {
        if self.is_zero() {
            return self.clone();
        }
        let places = (n.clamp(1, 1000) as i32) - self.magnitude();
        self.round_to(places)
    }

    /// Digits of the integer part and of `places` fractional digits (padded with zeros), for a
    /// value already rounded to at most `places` places.
    pub fn split_fixed(&self, places: u32) -> (String, String) {
        let places = places as i32;
        let mut int_part = String::new();
        let mut frac_part = String::new();
        let top = self.magnitude().max(1);
        for pos in (-places..top).rev() {
            // `pos` is the power of ten of the digit being written.
            let index = self.digits.len() as i32 - 1 - (pos - self.exponent);
            let digit = if index >= 0 && (index as usize) < self.digits.len() {
                self.digits[index as usize]
            } else {
                0
            };
            let c = char::from(b'0' + digit);
            if pos >= 0 {
                int_part.push(c);
            } else {
                frac_part.push(c);
            }
        }
        (int_part, frac_part)
    }
}

impl fmt::Display for Decimal {
    /// Plain notation with every digit and no exponent: `-0.00001234`, `77124.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = (-self.exponent).max(0) as u32;
        let (int_part, frac_part) = self.split_fixed(places);
        if self.is_negative() {
            f.write_str("-")?;
        }
        f.write_str(&int_part)?;
        if !frac_part.is_empty() {
            write!(f, ".{frac_part}")?;
        }
        Ok(())
    }
}

/// As FEED.md writes a decimal: a string, so that every digit is kept. In plain notation
/// (`"0.00001234"`) unless that would pass the parser's length limit (a price of `1e-70`),
/// then as digits and an exponent.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plain = self.to_string();
        if plain.len() <= MAX_TEXT_LEN {
            return serializer.serialize_str(&plain);
        }
        let sign = if self.is_negative() { "-" } else { "" };
        let digits: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        serializer.serialize_str(&format!("{sign}{digits}e{}", self.exponent))
    }
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect(text)
    }

    #[test]
    fn parses_plain_and_exponent_forms() {
        assert_eq!(d("77124.50").to_string(), "77124.5");
        assert_eq!(d("0.00001234").to_string(), "0.00001234");
        assert_eq!(d("1e-8").to_string(), "0.00000001");
        assert_eq!(d("-2.5E2").to_string(), "-250");
        assert_eq!(d("+3").to_string(), "3");
        assert_eq!(d(".5").to_string(), "0.5");
        assert_eq!(d("5.").to_string(), "5");
        assert_eq!(d("-0.000").to_string(), "0");
        assert!(!d("-0").is_negative());
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "", " ", "abc", "1.2.3", "--1", "1e", "e5", ".", "NaN", "Infinity", "1,000", "0x10",
            "1e99999",
        ] {
            assert!(Decimal::parse(bad).is_err(), "{bad:?} parsed");
        }
        assert_eq!(Decimal::parse(&"1".repeat(65)), Err(DecimalError::TooLong));
        assert_eq!(Decimal::parse("1e400"), Err(DecimalError::OutOfRange));
        for huge in [
            "1e2147483647",
            "0.1e-2147483648",
            "10e2147483647",
            "1e99999999999",
        ] {
            assert!(Decimal::parse(huge).is_err(), "{huge}");
        }
    }

    #[test]
    fn magnitude_counts_integer_digits() {
        assert_eq!(d("123.4").magnitude(), 3);
        assert_eq!(d("0.5").magnitude(), 0);
        assert_eq!(d("0.00001234").magnitude(), -4);
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(d("1.005").round_to(2).to_string(), "1.01");
        assert_eq!(d("-1.005").round_to(2).to_string(), "-1.01");
        assert_eq!(d("9.999").round_to(2).to_string(), "10");
        assert_eq!(d("0.004").round_to(2).to_string(), "0");
        assert_eq!(d("1234").round_to(-2).to_string(), "1200");
        assert_eq!(d("0.099951").round_significant(4).to_string(), "0.09995");
        assert_eq!(d("0.99995").round_significant(4).to_string(), "1");
        assert_eq!(d("9.9e299").round_significant(1).magnitude(), 301);
    }

    #[test]
    fn splits_fixed_digits() {
        assert_eq!(d("77124.5").split_fixed(2), ("77124".into(), "50".into()));
        assert_eq!(d("0.05").split_fixed(4), ("0".into(), "0500".into()));
        assert_eq!(Decimal::zero().split_fixed(2), ("0".into(), "00".into()));
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in prop_oneof!["\\PC{0,80}", "[+\\- 0-9.eE]{0,70}"]) {
            let _ = Decimal::parse(&text);
        }

        #[test]
        fn display_round_trips(int in 0u64..u64::MAX, frac in 0u32..1_000_000, neg: bool) {
            let text = format!("{}{int}.{frac:06}", if neg { "-" } else { "" });
            let value = d(&text);
            prop_assert_eq!(d(&value.to_string()), value.clone());
            let expected: f64 = text.parse().unwrap();
            prop_assert!((value.to_f64() - expected).abs() <= expected.abs() * 1e-14);
        }

        #[test]
        fn rounding_is_half_away_from_zero(int in -10i128.pow(15)..10i128.pow(15), scale in 0u32..12, places in 0u32..12) {
            // `int` × 10^-scale, rounded here on integers: the digits kept, plus one where the
            // digits dropped are half a unit or more.
            let value = d(&format!("{int}e-{scale}"));
            let expected = if places >= scale {
                value.clone()
            } else {
                let unit = 10i128.pow(scale - places);
                let (kept, dropped) = (int / unit, int % unit);
                let kept = kept + if dropped.abs() * 2 >= unit { int.signum() } else { 0 };
                d(&format!("{kept}e-{places}"))
            };
            prop_assert_eq!(value.round_to(places as i32), expected, "{}e-{} to {} places", int, scale, places);
        }
    }
}
