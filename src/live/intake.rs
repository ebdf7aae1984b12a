//! What of each good feed goes on screen: feeds older than the one shown are refused, the
//! `symbols=` selection is picked out, and prices get the number style of the feed's quote
//! currency. Plain Rust over the browser's Intl, held by the live feed.

use crate::live::browser;
use crate::logic::feed::{Feed, TickerEntry};
use crate::logic::format::NumberStyle;
use crate::logic::select::select_tickers;

pub struct Intake {
    /// `locale=`, for the style of another quote currency; `None` is the reader's.
    locale: Option<String>,
    /// `symbols=`: which tickers to show, in which order; and the wanted symbols last found
    /// missing from the feed (said once per change, not on every poll).
    symbols: Option<Vec<String>>,
    missing: Vec<String>,
    /// Whether good data is on screen, and the `updated_at` it carried.
    shown: Option<Option<i64>>,
    /// The quote currency, and how its prices are written.
    currency: String,
    style: NumberStyle,
}

impl Intake {
    /// Nothing shown yet; prices are in dollars until a feed names another currency.
    pub fn new(locale: Option<String>, symbols: Option<Vec<String>>) -> Self {
        Self {
            style: browser::number_style(locale.as_deref(), "USD"),
            currency: "USD".to_owned(),
            locale,
            symbols,
            missing: Vec::new(),
            shown: None,
        }
    }

    /// `feed`, its tickers selected, to go on screen; `None` (with a warning) when it is older
    /// than the feed on screen by `updated_at`.
    pub fn accept(&mut self, mut feed: Feed) -> Option<Feed> {
        let updated_ms = feed.updated_at.as_ref().map(|at| at.unix_ms);
        if is_older(updated_ms, self.shown.flatten()) {
            browser::warn("the feed's updated_at is older than the data on screen; ignored");
            return None;
        }
        if self.currency != feed.quote_currency {
            self.style = browser::number_style(self.locale.as_deref(), &feed.quote_currency);
            self.currency.clone_from(&feed.quote_currency);
        }
        feed.tickers = self.selected(std::mem::take(&mut feed.tickers));
        self.shown = Some(updated_ms);
        Some(feed)
    }

    /// How prices are written now.
    pub fn style(&self) -> &NumberStyle {
        &self.style
    }

    /// Whether good data has been shown.
    pub fn has_shown(&self) -> bool {
        self.shown.is_some()
    }

    fn selected(&mut self, tickers: Vec<TickerEntry>) -> Vec<TickerEntry> {
        let Some(wanted) = &self.symbols else {
            return tickers;
        };
        let selection = select_tickers(tickers, wanted);
        if self.missing != selection.missing {
            if !selection.missing.is_empty() {
                let all = selection.missing.len() == wanted.len();
                browser::warn(&format!(
                    "symbols: the feed has no {}{}",
                    selection.missing.join(", "),
                    if all { "; showing every ticker" } else { "" }
                ));
            }
            self.missing = selection.missing;
        }
        selection.tickers
    }
}

/// A feed is older when both it and the shown one carry `updated_at` and it is earlier.
fn is_older(updated_ms: Option<i64>, shown_ms: Option<i64>) -> bool {
    matches!((updated_ms, shown_ms), (Some(new), Some(old)) if new < old)
}
