//! Price and change texts, written the reader's way.
//!
//! The locale's separators and currency placement come from the browser (`Intl`) once, as a
//! [`NumberStyle`]; the digits themselves are produced here from exact decimals (never `f64`),
//! so the rules (two decimals, four significant digits, the compact form) are the same
//! everywhere and tested natively.

use crate::logic::decimal::Decimal;

/// How the reader's locale writes numbers; built in the browser from
/// `Intl.NumberFormat.formatToParts`, constructed by hand in tests.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberStyle {
    /// Between groups of three integer digits: `,` (en-US), `.` (de-DE), `\u{202f}` (fr-FR).
    pub group: String,
    /// Before the fractional digits: `.` or `,`.
    pub decimal: String,
    /// `$`, `€`, or a code such as `USDT`.
    pub currency_symbol: String,
    /// `$1.00` rather than `1,00 $`.
    pub currency_before: bool,
    /// Between the number and the currency: `""` or a no-break space.
    pub currency_space: String,
    /// Between the number and `%`: `""` (en-US) or a no-break space (de-DE).
    pub percent_space: String,
}

impl NumberStyle {
    /// `$77,124.50`, `+2.69%`.
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

    /// How a locale writes numbers, from what `Intl.NumberFormat` made of `1234.5` (two
    /// decimals at most), of `0.5` as a percentage and of `1.5` in the quote currency `code`
    /// (`priced`: empty for a code Intl cannot write, such as `USDT`).
    pub fn from_parts(decimal: &[Part], percent: &[Part], code: &str, priced: &[Part]) -> Self {
        let mut style = Self::en_us();
        if let Some(group) = part(decimal, "group") {
            style.group = group.to_owned();
        }
        if let Some(point) = part(decimal, "decimal") {
            style.decimal = point.to_owned();
        }
        style.percent_space = gap(percent, "percentSign").to_owned();
        match priced.iter().position(|(kind, _)| kind == "currency") {
            Some(at) => {
                let first_number = priced.iter().position(|(kind, _)| kind == "integer");
                style.currency_symbol.clone_from(&priced[at].1);
                style.currency_before = first_number.is_none_or(|number| at < number);
                style.currency_space = gap(priced, "currency").to_owned();
            }
            // A code Intl does not write (USDT) follows the number.
            None => {
                style.currency_symbol = code.to_owned();
                style.currency_before = false;
                style.currency_space = "\u{a0}".to_owned();
            }
        }
        style
    }
}

/// One part of an `Intl` `formatToParts` result: its type (`integer`, `group`, `currency`,
/// `literal`, …) and its text.
pub type Part = (String, String);

/// The text of the first part of `kind`.
fn part<'a>(parts: &'a [Part], kind: &str) -> Option<&'a str> {
    parts
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, v)| v.as_str())
}

/// What stands between the part of `kind` and the number beside it: the literal right after
/// a sign written before the number, right before one written after it; `""` if none. (Only
/// that one: other literals, such as the direction marks of Hebrew or Arabic, sit elsewhere.)
fn gap<'a>(parts: &'a [Part], kind: &str) -> &'a str {
    let Some(at) = parts.iter().position(|(k, _)| k == kind) else {
        return "";
    };
    let is_number = |part: Option<&Part>| {
        part.is_some_and(|(k, _)| {
            matches!(k.as_str(), "integer" | "fraction" | "decimal" | "group")
        })
    };
    let beside = |offset: isize| at.checked_add_signed(offset).and_then(|i| parts.get(i));
    [(1, 2), (-1, -2)]
        .into_iter()
        .find_map(|(literal, number)| {
            let literal = beside(literal).filter(|(k, _)| k == "literal")?;
            is_number(beside(number)).then_some(literal.1.as_str())
        })
        .unwrap_or("")
}

#[derive(Clone, Debug, PartialEq, Eq)]
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

/// A missing price is a dash, never `$0`: zero would be a (wrong) price.
const MISSING: &str = "\u{2014}";
/// Decimals shown at or above 1, and the fewest shown below it.
const CENTS: u32 = 2;
/// Below 1, more digits than this are noise in a ticker.
const SIGNIFICANT: u32 = 4;
/// From this many zeros after the point, counting them is easier than reading them.
const COMPACT_ZEROS: i32 = 4;
const SUBSCRIPTS: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/// `$77,124.50`, `$0.1235`, `$0.0₄1234` (full `$0.00001234`), or `—` for a missing price.
pub fn format_price(price: Option<&Decimal>, style: &NumberStyle) -> FormattedPrice {
    let Some(price) = price else {
        return FormattedPrice {
            text: MISSING.into(),
            full: MISSING.into(),
            compact: false,
        };
    };
    // Negative prices are rejected upstream; if one slips through, the sign leads the text.
    let sign = if price.is_negative() { "-" } else { "" };
    let value = price.abs();
    let (number, full_number) = price_number(&value, style);
    let text = format!("{sign}{}", with_currency(&number, style));
    match full_number {
        Some(full) => FormattedPrice {
            text,
            full: format!("{sign}{}", with_currency(&full, style)),
            compact: true,
        },
        None => FormattedPrice {
            full: text.clone(),
            text,
            compact: false,
        },
    }
}

/// The unsigned number shown for `value` (not negative), and its full form when compact.
fn price_number(value: &Decimal, style: &NumberStyle) -> (String, Option<String>) {
    let rounded = value.round_significant(SIGNIFICANT);
    // `magnitude() > 0` means at least 1; 0.99996 rounds to 1 and is shown as a price of 1.
    if rounded.magnitude() > 0 {
        return (fixed(&value.round_to(CENTS as i32), CENTS, style), None);
    }
    // Counted on the rounded value: 0.000099996 shows as 0.0001, which has three zeros.
    // Zero has magnitude 0, so it lands in the plain branch as "0.00".
    let zeros = -rounded.magnitude();
    if zeros < COMPACT_ZEROS {
        let places = decimals_of(&rounded).max(CENTS);
        return (fixed(&rounded, places, style), None);
    }
    let digits: String = rounded
        .digits()
        .iter()
        .map(|&d| char::from(b'0' + d))
        .collect();
    let text = format!("0{}0{}{digits}", style.decimal, subscript(zeros));
    (text, Some(fixed(value, decimals_of(value), style)))
}

/// `+2.69%`, `-0.25%`, `0.00%`: two decimals, a sign unless it rounds to zero.
pub fn format_change(change: &Decimal, style: &NumberStyle) -> String {
    let rounded = change.round_to(CENTS as i32);
    let sign = match direction_of(&rounded) {
        Direction::Up => "+",
        Direction::Down => "-",
        Direction::Flat => "",
    };
    format!(
        "{sign}{}{}%",
        fixed(&rounded.abs(), CENTS, style),
        style.percent_space
    )
}

/// The direction of a change as shown: rounded to two decimals, so colour and text agree.
pub fn change_direction(change: Option<&Decimal>) -> Direction {
    change.map_or(Direction::Flat, |c| direction_of(&c.round_to(CENTS as i32)))
}

fn direction_of(value: &Decimal) -> Direction {
    if value.is_zero() {
        Direction::Flat
    } else if value.is_negative() {
        Direction::Down
    } else {
        Direction::Up
    }
}

/// How many digits `value` has after the point.
fn decimals_of(value: &Decimal) -> u32 {
    value.exponent().min(0).unsigned_abs()
}

/// `value` (already rounded to at most `places` decimals) with exactly `places` decimals and
/// grouped integer digits.
fn fixed(value: &Decimal, places: u32, style: &NumberStyle) -> String {
    let (int_part, frac_part) = value.split_fixed(places);
    let mut out = group(&int_part, &style.group);
    if !frac_part.is_empty() {
        out.push_str(&style.decimal);
        out.push_str(&frac_part);
    }
    out
}

/// Inserts `separator` every three digits from the right: `77124` → `77,124`.
fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    // The digits are ASCII, so the byte length is the digit count.
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// `11` → `₁₁`.
fn subscript(n: i32) -> String {
    n.to_string()
        .chars()
        .filter_map(|c| {
            c.to_digit(10)
                .and_then(|d| SUBSCRIPTS.get(d as usize).copied())
        })
        .collect()
}

fn with_currency(number: &str, style: &NumberStyle) -> String {
    if style.currency_before {
        format!("{}{}{number}", style.currency_symbol, style.currency_space)
    } else {
        format!("{number}{}{}", style.currency_space, style.currency_symbol)
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

    fn usdt() -> NumberStyle {
        NumberStyle {
            currency_symbol: "USDT".into(),
            currency_before: false,
            currency_space: "\u{a0}".into(),
            ..NumberStyle::en_us()
        }
    }

    /// `formatToParts` output as `[(type, value)]`.
    fn parts(list: &[(&str, &str)]) -> Vec<Part> {
        list.iter()
            .map(|(kind, value)| ((*kind).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// What Intl.NumberFormat (ICU 77) wrote for these locales: 1234.5, 0.5 as a percentage
    /// and $1.50, each as its parts.
    fn intl(locale: &str) -> [Vec<Part>; 3] {
        let (decimal, percent, priced): (&[_], &[_], &[_]) = match locale {
            "de-DE" => (
                &[
                    ("integer", "1"),
                    ("group", "."),
                    ("integer", "234"),
                    ("decimal", ","),
                    ("fraction", "5"),
                ],
                &[
                    ("integer", "50"),
                    ("literal", "\u{a0}"),
                    ("percentSign", "%"),
                ],
                &[
                    ("integer", "1"),
                    ("decimal", ","),
                    ("fraction", "50"),
                    ("literal", "\u{a0}"),
                    ("currency", "$"),
                ],
            ),
            "nl-NL" => (
                &[
                    ("integer", "1"),
                    ("group", "."),
                    ("integer", "234"),
                    ("decimal", ","),
                    ("fraction", "5"),
                ],
                &[("integer", "50"), ("percentSign", "%")],
                &[
                    ("currency", "$"),
                    ("literal", "\u{a0}"),
                    ("integer", "1"),
                    ("decimal", ","),
                    ("fraction", "50"),
                ],
            ),
            "he-IL" => (
                &[
                    ("integer", "1"),
                    ("group", ","),
                    ("integer", "234"),
                    ("decimal", "."),
                    ("fraction", "5"),
                ],
                &[("integer", "50"), ("percentSign", "%")],
                &[
                    ("literal", "\u{200f}"),
                    ("integer", "1"),
                    ("decimal", "."),
                    ("fraction", "50"),
                    ("literal", "\u{a0}\u{200f}"),
                    ("currency", "$"),
                ],
            ),
            "ar-EG" => (
                &[
                    ("integer", "١"),
                    ("group", "٬"),
                    ("integer", "٢٣٤"),
                    ("decimal", "٫"),
                    ("fraction", "٥"),
                ],
                &[
                    ("integer", "٥٠"),
                    ("percentSign", "٪"),
                    ("literal", "\u{61c}"),
                ],
                &[
                    ("literal", "\u{200f}"),
                    ("integer", "١"),
                    ("decimal", "٫"),
                    ("fraction", "٥٠"),
                    ("literal", "\u{a0}"),
                    ("currency", "US$"),
                ],
            ),
            _ => unreachable!("{locale}"),
        };
        [parts(decimal), parts(percent), parts(priced)]
    }

    fn style_of(locale: &str) -> NumberStyle {
        let [decimal, percent, priced] = intl(locale);
        NumberStyle::from_parts(&decimal, &percent, "USD", &priced)
    }

    #[test]
    fn styles_are_read_from_intl_parts() {
        assert_eq!(style_of("de-DE"), de_de());
        let nl = style_of("nl-NL");
        assert_eq!(
            format_price(Some(&d("77124.5")), &nl).text,
            "$\u{a0}77.124,50"
        );
        assert_eq!(format_change(&d("2.69"), &nl), "+2,69%");
        let [decimal, percent, _] = intl("de-DE");
        assert_eq!(
            NumberStyle::from_parts(&decimal, &percent, "USDT", &[]).currency_symbol,
            "USDT"
        );
        let usdt = NumberStyle::from_parts(&parts(&[]), &parts(&[]), "USDT", &[]);
        assert_eq!(usdt, self::usdt());
    }

    /// The gap is the literal between the sign and the number, not just the first literal:
    /// Hebrew and Arabic lead with a direction mark.
    #[test]
    fn the_gap_is_the_literal_beside_the_sign() {
        let he = style_of("he-IL");
        assert_eq!(
            (he.currency_before, he.currency_space.as_str()),
            (false, "\u{a0}\u{200f}")
        );
        assert_eq!(
            format_price(Some(&d("1.5")), &he).text,
            "1.50\u{a0}\u{200f}$"
        );
        let ar = style_of("ar-EG");
        assert_eq!(
            (ar.currency_symbol.as_str(), ar.currency_space.as_str()),
            ("US$", "\u{a0}")
        );
        assert_eq!((ar.group.as_str(), ar.decimal.as_str()), ("٬", "٫"));
        assert_eq!(
            ar.percent_space, "",
            "the mark after the sign is not between it and the number"
        );
    }

    #[test]
    fn prices_at_or_above_one_have_two_grouped_decimals() {
        assert_eq!(price("77124.50"), "$77,124.50");
        assert_eq!(price("2421.1"), "$2,421.10");
        assert_eq!(price("453.83"), "$453.83");
        assert_eq!(price("1.48"), "$1.48");
        assert_eq!(price("1"), "$1.00");
        assert_eq!(price("1.005"), "$1.01");
        assert_eq!(price("999.995"), "$1,000.00");
        assert_eq!(price("1234567.891"), "$1,234,567.89");
        // The largest magnitudes are still prices, not "$0.00".
        assert!(price("9.9999e299").starts_with("$999,990,000,"));
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
    fn the_compact_form_starts_at_four_zeros_after_the_point() {
        for (text, compact) in [
            ("0.0001234", false),
            ("0.00009999", true),
            ("0.00001", true),
            ("0.1", false),
            ("77124.5", false),
            ("0", false),
        ] {
            let shown = format_price(Some(&d(text)), &NumberStyle::en_us());
            assert_eq!(shown.compact, compact, "{text} shown as {}", shown.text);
        }
    }

    #[test]
    fn tiny_prices_are_compact_with_the_full_value_beside() {
        let tiny = format_price(Some(&d("0.00001234")), &NumberStyle::en_us());
        let expected = FormattedPrice {
            text: "$0.0₄1234".into(),
            full: "$0.00001234".into(),
            compact: true,
        };
        assert_eq!(tiny, expected);
        assert_eq!(price("0.000001"), "$0.0₅1");
        assert_eq!(price("1e-12"), "$0.0₁₁1");
        let rounded = format_price(Some(&d("0.0000123456")), &NumberStyle::en_us());
        assert_eq!(
            (rounded.text.as_str(), rounded.full.as_str()),
            ("$0.0₄1235", "$0.0000123456")
        );
    }

    #[test]
    fn a_tiny_price_that_rounds_up_to_three_zeros_is_not_compact() {
        let shown = format_price(Some(&d("0.000099996")), &NumberStyle::en_us());
        assert_eq!((shown.text.as_str(), shown.compact), ("$0.0001", false));
    }

    #[test]
    fn a_missing_price_is_a_dash() {
        let missing = format_price(None, &NumberStyle::en_us());
        assert_eq!(
            missing,
            FormattedPrice {
                text: "—".into(),
                full: "—".into(),
                compact: false
            }
        );
    }

    #[test]
    fn negative_prices_lead_with_a_minus() {
        assert_eq!(price("-1.5"), "-$1.50");
        assert_eq!(price("-0.5"), "-$0.50");
        let tiny = format_price(Some(&d("-0.00001234")), &NumberStyle::en_us());
        assert_eq!(
            (tiny.text.as_str(), tiny.full.as_str()),
            ("-$0.0₄1234", "-$0.00001234")
        );
        assert_eq!(
            format_price(Some(&d("-77124.5")), &de_de()).text,
            "-77.124,50\u{a0}$"
        );
    }

    #[test]
    fn changes_carry_a_sign_and_two_decimals() {
        assert_eq!(change("2.69"), "+2.69%");
        assert_eq!(change("-0.25"), "-0.25%");
        assert_eq!(change("-3.6"), "-3.60%");
        assert_eq!(change("0"), "0.00%");
        assert_eq!(change("-0.001"), "0.00%");
        assert_eq!(change("0.004"), "0.00%");
        assert_eq!(change("0.005"), "+0.01%");
        assert_eq!(change("1234.5"), "+1,234.50%");
    }

    #[test]
    fn direction_matches_the_rounded_change() {
        assert_eq!(change_direction(Some(&d("2.69"))), Direction::Up);
        assert_eq!(change_direction(Some(&d("0.005"))), Direction::Up);
        assert_eq!(change_direction(Some(&d("-0.25"))), Direction::Down);
        assert_eq!(change_direction(Some(&d("-0.001"))), Direction::Flat);
        assert_eq!(change_direction(Some(&d("0.004"))), Direction::Flat);
        assert_eq!(change_direction(Some(&d("0"))), Direction::Flat);
        assert_eq!(change_direction(None), Direction::Flat);
    }

    #[test]
    fn follows_the_locale() {
        let de = de_de();
        assert_eq!(
            format_price(Some(&d("77124.5")), &de).text,
            "77.124,50\u{a0}$"
        );
        assert_eq!(format_price(Some(&d("0.5")), &de).text, "0,50\u{a0}$");
        let tiny = format_price(Some(&d("0.00001234")), &de);
        assert_eq!(
            (tiny.text.as_str(), tiny.full.as_str()),
            ("0,0₄1234\u{a0}$", "0,00001234\u{a0}$")
        );
        assert_eq!(format_change(&d("2.69"), &de), "+2,69\u{a0}%");
        assert_eq!(format_change(&d("-1234.5"), &de), "-1.234,50\u{a0}%");
        let fr = NumberStyle {
            group: "\u{202f}".into(),
            decimal: ",".into(),
            ..de
        };
        assert_eq!(
            format_price(Some(&d("1234567")), &fr).text,
            "1\u{202f}234\u{202f}567,00\u{a0}$"
        );
    }

    #[test]
    fn codes_follow_the_style() {
        assert_eq!(
            format_price(Some(&d("77124.5")), &usdt()).text,
            "77,124.50\u{a0}USDT"
        );
    }

    /// `value`'s integer and fractional digits in plain notation, written out here from its
    /// coefficient and exponent (not through the formatting under test).
    fn plain_by_hand(value: &Decimal) -> (String, String) {
        let digits: String = value
            .digits()
            .iter()
            .map(|&d| char::from(b'0' + d))
            .collect();
        let exponent = value.exponent();
        if exponent >= 0 {
            let int_part = format!("{digits}{}", "0".repeat(exponent as usize));
            return (
                if digits.is_empty() {
                    "0".into()
                } else {
                    int_part
                },
                String::new(),
            );
        }
        let point = digits.len() as i32 + exponent;
        if point > 0 {
            let (int_part, frac_part) = digits.split_at(point as usize);
            (int_part.to_owned(), frac_part.to_owned())
        } else {
            (
                "0".to_owned(),
                format!("{}{digits}", "0".repeat((-point) as usize)),
            )
        }
    }

    /// `value` (not negative) rounded half up to two decimals, by hand: `"77124.50"`.
    fn cents_by_hand(value: &Decimal) -> String {
        let (int_part, frac_part) = plain_by_hand(value);
        let frac_part = format!("{frac_part:0<3}");
        let mut digits: Vec<u8> = format!("{int_part}{}", &frac_part[..2])
            .bytes()
            .map(|b| b - b'0')
            .collect();
        if frac_part.as_bytes()[2] >= b'5' {
            let carried = digits.iter_mut().rev().try_for_each(|digit| {
                if *digit == 9 {
                    *digit = 0;
                    Ok(())
                } else {
                    *digit += 1;
                    Err(())
                }
            });
            if carried.is_ok() {
                digits.insert(0, 1);
            }
        }
        let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
        let (int_part, cents) = text.split_at(text.len() - 2);
        format!("{int_part}.{cents}")
    }

    #[test]
    fn rounding_by_hand_carries() {
        assert_eq!(cents_by_hand(&d("999.995")), "1000.00");
        assert_eq!(cents_by_hand(&d("1.004")), "1.00");
        assert_eq!(cents_by_hand(&d("12e2")), "1200.00");
        assert_eq!(
            plain_by_hand(&d("0.00001234")),
            ("0".into(), "00001234".into())
        );
    }

    /// The number in a displayed price, back in plain `1234.5` notation.
    fn strip(text: &str, style: &NumberStyle) -> String {
        text.replace(&style.currency_symbol, "")
            .replace(&style.currency_space, "")
            .replace(&style.group, "")
            .replace(&style.decimal, ".")
    }

    fn styles() -> impl Strategy<Value = NumberStyle> {
        prop_oneof![Just(NumberStyle::en_us()), Just(de_de()), Just(usdt())]
    }

    /// Numeric-looking text; what does not parse is skipped.
    const NUMERIC: &str = "[+-]?[0-9]{0,20}(\\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?";
    /// Positive values of at least 1 (every one parses, so no case is thrown away).
    const AT_LEAST_ONE: &str = "[1-9][0-9]{0,20}(\\.[0-9]{0,20})?(e\\+?[0-9]{1,2})?";
    /// Positive values below 1, some of them tiny.
    const BELOW_ONE: &str = "0?\\.0{0,12}[1-9][0-9]{0,12}(e-[0-9]{1,2})?";

    fn parsed(text: &str) -> Result<Decimal, TestCaseError> {
        Decimal::parse(text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))
    }

    /// The value a reader sees in `shown`.
    fn read_back(shown: &str, style: &NumberStyle) -> Result<f64, TestCaseError> {
        strip(shown, style)
            .parse()
            .map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))
    }

    proptest! {
        #[test]
        fn any_decimal_formats_sanely(text in NUMERIC, style in styles()) {
            let Ok(value) = Decimal::parse(&text) else { return Ok(()) };
            let shown = format_price(Some(&value), &style);
            let change = format_change(&value, &style);
            // A change is a number with exactly two decimals, then the percent sign.
            let number = change.strip_suffix('%').and_then(|c| c.strip_suffix(style.percent_space.as_str()));
            let decimals = number.and_then(|n| n.rsplit_once(style.decimal.as_str())).map(|(_, d)| d);
            prop_assert!(decimals.is_some_and(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit())), "{}", change);
            prop_assert!(!shown.compact || value.magnitude() <= -4, "{} compact", text);
            prop_assert_eq!(shown.compact, shown.text != shown.full);
        }

        #[test]
        fn prices_at_or_above_one_read_back_within_half_a_cent(
            text in AT_LEAST_ONE,
            style in styles(),
        ) {
            let value = parsed(&text)?;
            prop_assert!(value.magnitude() > 0);
            let shown = format_price(Some(&value), &style).text;
            // Exactly the value rounded half up to the cent, so within half a cent, checked on
            // digits rounded here by hand: `f64` cannot hold a large price's cents.
            prop_assert_eq!(strip(&shown, &style), cents_by_hand(&value), "{} shown as {}", text, shown);
        }

        #[test]
        fn prices_below_one_read_back_within_four_significant_digits(text in BELOW_ONE) {
            let value = parsed(&text)?;
            prop_assert!(value.magnitude() <= 0 && !value.is_zero());
            let style = NumberStyle::en_us();
            let shown = format_price(Some(&value), &style);
            let exact = value.to_f64();
            let (int_part, frac_part) = plain_by_hand(&value);
            let back = if shown.compact {
                // Its full form is the exact value, digit for digit…
                prop_assert_eq!(strip(&shown.full, &style), format!("{int_part}.{frac_part}"));
                // …and `$0.0₄1234` reads as 0., a zero four times over, then 1234.
                let compact = shown.text.strip_prefix("$0.0").unwrap_or_default();
                let digits = compact.trim_start_matches(|c: char| SUBSCRIPTS.contains(&c));
                let zeros: String = compact[..compact.len() - digits.len()]
                    .chars()
                    .filter_map(|c| SUBSCRIPTS.iter().position(|&s| s == c))
                    .map(|d| char::from(b'0' + d as u8))
                    .collect();
                let zeros: usize = zeros.parse().map_err(|e| TestCaseError::fail(format!("{}: {e}", shown.text)))?;
                prop_assert!(zeros >= 4 && digits.len() <= 4, "{}", shown.text);
                read_back(&format!("0.{}{digits}", "0".repeat(zeros)), &style)?
            } else {
                // At most four significant digits (the zeros that pad to two decimals aside).
                let significant = strip(&shown.text, &style).trim_start_matches(['0', '.']).trim_end_matches('0').len();
                prop_assert!(significant <= 4, "{}", shown.text);
                read_back(&shown.text, &style)?
            };
            // Half a unit in the fourth significant digit, relative to the value.
            let near = (back - exact).abs() <= exact * 5e-4 * (1.0 + 1e-9);
            prop_assert!(near, "{} shown as {}", text, shown.text);
        }
    }
}
