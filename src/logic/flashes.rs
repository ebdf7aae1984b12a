//! The news as a stream of flashes: which ones the reader's filters keep (`filter=important`,
//! `coin=BTC`, `tag=…` in the query, so that a filtered list can be linked and embedded), which
//! day each belongs to ("Today", "Yesterday", a date) and how old it is ("16 min ago").

use crate::logic::datetime::CivilTime;
use crate::logic::feed::Article;

/// What the list is narrowed to. Every filter is optional; together they all apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub important: bool,
    /// A ticker symbol, as written in articles' `coins` (compared without case).
    pub coin: Option<String>,
    pub tag: Option<String>,
}

/// The query parameters the filters live in; the page's other parameters are kept as they are.
pub const FILTER_KEYS: [&str; 3] = ["filter", "coin", "tag"];

impl Filters {
    /// Reads the filters from `(name, value)` pairs of a query (percent-decoded); the first of
    /// each counts, an empty one is none, and an unknown `filter=` value is no filter.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filters = Filters::default();
        let (mut seen_filter, mut seen_coin, mut seen_tag) = (false, false, false);
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "filter" if !seen_filter => {
                    seen_filter = true;
                    filters.important = value == "important";
                }
                "coin" if !seen_coin => {
                    seen_coin = true;
                    filters.coin = (!value.is_empty()).then(|| value.to_ascii_uppercase());
                }
                "tag" if !seen_tag => {
                    seen_tag = true;
                    filters.tag = (!value.is_empty()).then(|| value.to_owned());
                }
                _ => {}
            }
        }
        filters
    }

    /// These filters as query pairs, in a stable order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.important {
            pairs.push(("filter", "important".to_owned()));
        }
        if let Some(coin) = &self.coin {
            pairs.push(("coin", coin.clone()));
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag", tag.clone()));
        }
        pairs
    }

    /// `current`'s pairs with these filters in place of any there were.
    pub fn in_query(&self, current: &[(String, String)]) -> Vec<(String, String)> {
        current
            .iter()
            .filter(|(name, _)| !FILTER_KEYS.contains(&name.as_str()))
            .cloned()
            .chain(self.pairs().into_iter().map(|(k, v)| (k.to_owned(), v)))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn keeps(&self, article: &Article) -> bool {
        (!self.important || article.important)
            && self
                .coin
                .as_ref()
                .is_none_or(|coin| article.coins.iter().any(|c| c.eq_ignore_ascii_case(coin)))
            && self
                .tag
                .as_ref()
                .is_none_or(|tag| article.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
    }
}

/// Which of `incoming` (newest first) are new to a reader who has `shown` on screen: not
/// among them, and no older than the newest of them. An edited or re-sent older flash is not
/// new: it takes its place without a word.
pub fn new_flashes(shown: &[Article], incoming: &[Article]) -> Vec<bool> {
    let Some(newest) = shown.iter().map(|a| a.published_at.unix_ms).max() else {
        return vec![false; incoming.len()];
    };
    let known: std::collections::HashSet<&str> = shown.iter().map(|a| a.id.as_str()).collect();
    incoming
        .iter()
        .map(|a| !known.contains(a.id.as_str()) && a.published_at.unix_ms >= newest)
        .collect()
}

/// The heading of a day's flashes, given the day of the flash and today's (both in the
/// reader's or the `tz` zone).
pub fn day_label(day: (i32, u8, u8), today: (i32, u8, u8)) -> String {
    let (days, today_days) = (days_of(day), days_of(today));
    match today_days - days {
        0 => "Today".to_owned(),
        1 => "Yesterday".to_owned(),
        _ => format!("{:04}-{:02}-{:02}", day.0, day.1, day.2),
    }
}

pub fn day_of(time: &CivilTime) -> (i32, u8, u8) {
    (time.year, time.month, time.day)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), to count days between two.
fn days_of((year, month, day): (i32, u8, u8)) -> i64 {
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// How long ago `at_ms` was at `now_ms`: "just now", "16 min ago", "3 h ago", "2 days ago". A
/// time ahead of the reader's clock (a skewed clock) is "just now", never "in 2 min".
pub fn age(now_ms: f64, at_ms: i64) -> String {
    let seconds = ((now_ms - at_ms as f64) / 1000.0).max(0.0) as u64;
    match seconds {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        _ => match seconds / 86_400 {
            1 => "1 day ago".to_owned(),
            days => format!("{days} days ago"),
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::logic::feed::parse_rfc3339;

    fn article(important: bool, coins: &[&str], tags: &[&str]) -> Article {
        Article {
            id: "a".into(),
            title: "T".into(),
            published_at: parse_rfc3339("2024-06-12T08:02:10Z").unwrap(),
            author: None,
            source: None,
            url: None,
            important,
            coins: coins.iter().map(|c| c.to_string()).collect(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn filters_read_from_the_query_and_written_back() {
        let filters = Filters::from_query([
            ("filter", "important"),
            ("coin", "btc"),
            ("tag", "ETF"),
            ("coin", "ETH"),
            ("theme", "dark"),
        ]);
        assert_eq!(
            filters,
            Filters {
                important: true,
                coin: Some("BTC".into()),
                tag: Some("ETF".into())
            }
        );
        let current = vec![
            ("theme".to_owned(), "dark".to_owned()),
            ("tag".to_owned(), "old".to_owned()),
        ];
        assert_eq!(
            filters.in_query(&current),
            [
                ("theme", "dark"),
                ("filter", "important"),
                ("coin", "BTC"),
                ("tag", "ETF")
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert!(Filters::from_query([("filter", "all"), ("coin", " "), ("tag", "")]).is_empty());
    }

    #[test]
    fn filters_combine() {
        let flash = article(true, &["BTC", "ETH"], &["ETF", "Markets"]);
        let quiet = article(false, &["SOL"], &[]);
        let only = |query: &[(&str, &str)]| {
            let filters = Filters::from_query(query.iter().copied());
            (filters.keeps(&flash), filters.keeps(&quiet))
        };
        assert_eq!(only(&[]), (true, true));
        assert_eq!(only(&[("filter", "important")]), (true, false));
        assert_eq!(only(&[("coin", "eth")]), (true, false));
        assert_eq!(only(&[("coin", "SOL")]), (false, true));
        assert_eq!(
            only(&[("tag", "etf"), ("filter", "important")]),
            (true, false)
        );
        assert_eq!(only(&[("tag", "etf"), ("coin", "SOL")]), (false, false));
    }

    #[test]
    fn new_flashes_are_the_unseen_newer_ones() {
        let at = |id: &str, time: &str| Article {
            id: id.into(),
            published_at: parse_rfc3339(time).unwrap(),
            ..article(false, &[], &[])
        };
        let shown = [
            at("b", "2024-06-12T08:00:00Z"),
            at("a", "2024-06-12T07:00:00Z"),
        ];
        let incoming = [
            at("c", "2024-06-12T08:30:00Z"),
            at("b", "2024-06-12T08:00:00Z"),
            at("late", "2024-06-12T07:30:00Z"),
            at("a", "2024-06-12T07:00:00Z"),
        ];
        assert_eq!(new_flashes(&shown, &incoming), [true, false, false, false]);
        assert_eq!(
            new_flashes(&[], &incoming),
            [false; 4],
            "the first feed is all shown"
        );
    }

    #[test]
    fn days_and_ages() {
        assert_eq!(day_label((2024, 6, 12), (2024, 6, 12)), "Today");
        assert_eq!(day_label((2024, 2, 29), (2024, 3, 1)), "Yesterday");
        assert_eq!(day_label((2023, 12, 31), (2024, 1, 1)), "Yesterday");
        assert_eq!(day_label((2024, 6, 10), (2024, 6, 12)), "2024-06-10");
        let at = 1_718_179_330_000_i64;
        let after = |secs: f64| age(at as f64 + secs * 1000.0, at);
        assert_eq!(after(-30.0), "just now");
        assert_eq!(after(59.0), "just now");
        assert_eq!(after(16.0 * 60.0 + 5.0), "16 min ago");
        assert_eq!(after(3.0 * 3600.0), "3 h ago");
        assert_eq!(after(86_400.0 * 1.5), "1 day ago");
        assert_eq!(after(86_400.0 * 9.0), "9 days ago");
    }
}
