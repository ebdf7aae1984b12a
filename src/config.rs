//! The widget's configuration, read from the page's query string.
//!
//! Every parameter is optional; a bad value falls back to its default and says why, so a typo
//! in a publisher's embed code never blanks the widget.

use crate::decimal::Decimal;

/// Seconds between feed polls.
pub const DEFAULT_REFRESH_SECS: u32 = 30;
pub const REFRESH_RANGE: std::ops::RangeInclusive<u32> = 1..=3600;
/// Pixels per second of ticker motion.
pub const DEFAULT_SPEED: f64 = 50.0;
/// Faster than this is unreadable on any screen.
pub const MAX_SPEED: f64 = 2000.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub refresh_secs: u32,
    /// 0 stops the motion.
    pub speed: f64,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    /// An IANA time zone for publication times (`Asia/Shanghai`); `None` is the reader's own.
    /// Only its shape is checked here: whether the browser knows the zone is asked there.
    pub tz: Option<String>,
}

/// Which way the ticker's items travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollDirection {
    /// Right to left, as text is read in left-to-right scripts.
    Left,
    Right,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            refresh_secs: DEFAULT_REFRESH_SECS,
            speed: DEFAULT_SPEED,
            direction: ScrollDirection::Left,
            pause_on_hover: true,
            tz: None,
        }
    }
}

/// A configuration and the reasons any parameter was not taken as given.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadConfig {
    pub config: Config,
    pub warnings: Vec<String>,
}

impl Config {
    /// Reads `(name, value)` pairs as found in a URL query (already percent-decoded). Unknown
    /// names are ignored: other issues' parameters and a host's own must not cause warnings.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ReadConfig {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "refresh" => match value.parse::<u32>() {
                    Ok(secs) if REFRESH_RANGE.contains(&secs) => config.refresh_secs = secs,
                    _ => warnings.push(format!(
                        "refresh={value:?} is not a whole number of seconds from 1 to 3600; using {DEFAULT_REFRESH_SECS}"
                    )),
                },
                "speed" => match Decimal::parse(value).map(|speed| speed.to_f64()) {
                    Ok(speed) if (0.0..=MAX_SPEED).contains(&speed) => config.speed = speed,
                    _ => warnings.push(format!(
                        "speed={value:?} is not a number of pixels per second from 0 to 2000; using 50"
                    )),
                },
                "direction" => match value {
                    "left" => config.direction = ScrollDirection::Left,
                    "right" => config.direction = ScrollDirection::Right,
                    _ => warnings.push(format!(
                        "direction={value:?} is neither left nor right; using left"
                    )),
                },
                "pause_on_hover" => match value {
                    "1" => config.pause_on_hover = true,
                    "0" => config.pause_on_hover = false,
                    _ => warnings.push(format!(
                        "pause_on_hover={value:?} is neither 1 nor 0; using 1"
                    )),
                },
                "tz" => {
                    if is_zone_shaped(value) {
                        config.tz = Some(value.to_owned());
                    } else {
                        warnings.push(format!(
                            "tz={value:?} is not an IANA time zone like Asia/Shanghai; using the reader's"
                        ));
                    }
                }
                _ => {}
            }
        }
        ReadConfig { config, warnings }
    }
}

/// `Area/City`-like names (`UTC`, `America/Argentina/Buenos_Aires`, `Etc/GMT+8`).
fn is_zone_shaped(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(query: &[(&str, &str)]) -> ReadConfig {
        Config::from_query(query.iter().copied())
    }

    #[test]
    fn defaults_without_parameters() {
        let read = read(&[]);
        assert_eq!(
            read.config,
            Config {
                refresh_secs: 30,
                speed: 50.0,
                direction: ScrollDirection::Left,
                pause_on_hover: true,
                tz: None,
            }
        );
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn takes_good_values() {
        let read = read(&[
            ("refresh", "5"),
            ("speed", "120.5"),
            ("embed", "ticker"),
            ("direction", "right"),
            ("pause_on_hover", "0"),
            ("tz", "Asia/Shanghai"),
        ]);
        assert_eq!(
            read.config,
            Config {
                refresh_secs: 5,
                speed: 120.5,
                direction: ScrollDirection::Right,
                pause_on_hover: false,
                tz: Some("Asia/Shanghai".into()),
            }
        );
        assert!(read.warnings.is_empty());
        assert_eq!(
            super::Config::from_query([("speed", "0")]).config.speed,
            0.0
        );
    }

    #[test]
    fn bad_values_fall_back_with_a_reason() {
        let read = read(&[
            ("refresh", "0"),
            ("speed", "-5"),
            ("direction", "up"),
            ("pause_on_hover", "yes"),
            ("tz", "Mars/Olympus Mons"),
        ]);
        assert_eq!(read.config, Config::default());
        assert_eq!(read.warnings.len(), 5);
        assert!(
            read.warnings[0].contains("refresh=\"0\""),
            "{:?}",
            read.warnings
        );
        assert!(
            read.warnings[1].contains("speed=\"-5\""),
            "{:?}",
            read.warnings
        );
        for bad in ["NaN", "inf", "1e9", "fast", ""] {
            assert_eq!(
                super::Config::from_query([("speed", bad)]).config.speed,
                DEFAULT_SPEED,
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_query_gives_a_usable_config(name in "refresh|speed|\\PC{0,8}", value in "\\PC{0,20}") {
            let config = Config::from_query([(name.as_str(), value.as_str())]).config;
            prop_assert!(REFRESH_RANGE.contains(&config.refresh_secs));
            prop_assert!((0.0..=MAX_SPEED).contains(&config.speed));
        }
    }
}
