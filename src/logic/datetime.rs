//! Publication times as the source page writes them: `2024-06-12 16:02:10`.
//!
//! The browser says what the wall clock read at an instant in a time zone (it knows the zones'
//! rules); this module only writes it down.

use std::fmt;

/// A wall-clock reading in some time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CivilTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl CivilTime {
    /// Reads the `(type, value)` parts that `Intl.DateTimeFormat#formatToParts` gives with
    /// numeric fields and a 24-hour clock. `None` if a field is missing or out of range.
    pub fn from_parts<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Self> {
        let (mut year, mut month, mut day, mut hour, mut minute, mut second) =
            (None, None, None, None, None, None);
        for (kind, value) in parts {
            match kind {
                "year" => year = value.parse::<i32>().ok(),
                "month" => month = value.parse::<u8>().ok(),
                "day" => day = value.parse::<u8>().ok(),
                "hour" => hour = value.parse::<u8>().ok(),
                "minute" => minute = value.parse::<u8>().ok(),
                "second" => second = value.parse::<u8>().ok(),
                _ => {}
            }
        }
        let time = CivilTime {
            year: year?,
            month: month?,
            day: day?,
            // Some engines write midnight as 24 even with a 24-hour cycle.
            hour: hour? % 24,
            minute: minute?,
            second: second?,
        };
        let valid = (1..=12).contains(&time.month)
            && (1..=31).contains(&time.day)
            && time.minute < 60
            && time.second < 60;
        valid.then_some(time)
    }
}

impl fmt::Display for CivilTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Chromium's `formatToParts` gives for the seed article in Asia/Shanghai.
    const SEED_PARTS: [(&str, &str); 11] = [
        ("year", "2024"),
        ("literal", "-"),
        ("month", "06"),
        ("literal", "-"),
        ("day", "12"),
        ("literal", ", "),
        ("hour", "16"),
        ("literal", ":"),
        ("minute", "02"),
        ("literal", ":"),
        ("second", "10"),
    ];

    #[test]
    fn writes_the_source_pages_format() {
        let time = CivilTime::from_parts(SEED_PARTS).unwrap();
        assert_eq!(time.to_string(), "2024-06-12 16:02:10");
    }

    #[test]
    fn pads_every_field_and_reads_midnight_as_24() {
        let parts = [
            ("year", "987"),
            ("month", "1"),
            ("day", "2"),
            ("hour", "24"),
            ("minute", "5"),
            ("second", "9"),
        ];
        assert_eq!(
            CivilTime::from_parts(parts).unwrap().to_string(),
            "0987-01-02 00:05:09"
        );
    }

    #[test]
    fn missing_or_impossible_fields_give_none() {
        let without_second = &SEED_PARTS[..9];
        assert_eq!(CivilTime::from_parts(without_second.iter().copied()), None);
        let mut bad_month = SEED_PARTS;
        bad_month[2] = ("month", "13");
        assert_eq!(CivilTime::from_parts(bad_month), None);
        let mut not_a_number = SEED_PARTS;
        not_a_number[10] = ("second", "x");
        assert_eq!(CivilTime::from_parts(not_a_number), None);
    }
}
