//! What one poll's answer does to the data on screen: a body is read and offered to whatever
//! shows it, a failure is reported, and an answer identical to the body on screen (a 304
//! revalidation) confirms it without being read again. Pure, so that the rules are tested
//! natively; [`crate::live::poll`] does the fetching and the timing.

use crate::logic::feed::{Feed, FeedError, Parsed};

/// What shows the feed: the whole app's signals, or the ticker embed.
pub trait Shows {
    /// Puts a validated feed on screen; whether it was shown (an older feed is refused).
    fn show(&self, feed: Feed) -> bool;
    /// A poll brought nothing usable: why. The data on screen stays, and ages.
    fn fail(&self, reason: String);
    /// The data on screen is current as of now (shown, or confirmed unchanged).
    fn confirm(&self);
}

/// What a poll did to the data on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Shown, or confirmed unchanged.
    Current,
    /// Nothing usable came: the data on screen ages, and the next poll backs off.
    Failed,
    /// The feed was older than what is on screen: ignored, neither failure nor confirmation.
    Older,
}

pub struct Reception {
    /// How a body is read: [`crate::logic::feed::parse_feed`], or [`crate::logic::feed::parse_ticker_feed`]
    /// for a view that shows prices only.
    read: fn(&str) -> Result<Parsed, FeedError>,
    /// The body last put on screen: the same body again is the data on screen, confirmed.
    shown_body: Option<String>,
}

impl Reception {
    pub fn new(read: fn(&str) -> Result<Parsed, FeedError>) -> Self {
        Self {
            read,
            shown_body: None,
        }
    }

    /// Hands a poll's body (or why there is none) to `shows`; `warn` hears what the feed
    /// got wrong in the parts it skipped.
    pub fn receive(
        &mut self,
        answer: Result<String, String>,
        shows: &dyn Shows,
        warn: impl Fn(&str),
    ) -> Outcome {
        let body = match answer {
            Ok(body) => body,
            Err(reason) => {
                shows.fail(reason);
                return Outcome::Failed;
            }
        };
        if self.shown_body.as_deref() == Some(body.as_str()) {
            shows.confirm();
            return Outcome::Current;
        }
        let parsed = match (self.read)(&body) {
            Ok(parsed) => parsed,
            Err(error) => {
                shows.fail(error.to_string());
                return Outcome::Failed;
            }
        };
        for warning in &parsed.warnings {
            warn(&warning.to_string());
        }
        if !shows.show(parsed.feed) {
            // Not remembered: the same refused body again must not pass for the data on screen.
            return Outcome::Older;
        }
        self.shown_body = Some(body);
        shows.confirm();
        Outcome::Current
    }
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, RefCell};

    use super::*;
    use crate::logic::feed::parse_feed;

    /// A screen that, like the app's, refuses a feed older than the one it shows.
    #[derive(Default)]
    struct Screen {
        shown_ms: Cell<Option<i64>>,
        shown: Cell<u32>,
        confirmed: Cell<u32>,
        failures: RefCell<Vec<String>>,
    }

    impl Shows for Screen {
        fn show(&self, feed: Feed) -> bool {
            let at = feed.updated_at.map(|at| at.unix_ms);
            if matches!((at, self.shown_ms.get()), (Some(new), Some(old)) if new < old) {
                return false;
            }
            self.shown_ms.set(at);
            self.shown.set(self.shown.get() + 1);
            true
        }

        fn fail(&self, reason: String) {
            self.failures.borrow_mut().push(reason);
        }

        fn confirm(&self) {
            self.confirmed.set(self.confirmed.get() + 1);
        }
    }

    fn feed_at(updated_at: &str) -> String {
        format!(r#"{{"version":1,"updated_at":"{updated_at}","tickers":[],"articles":[]}}"#)
    }

    fn receive(reception: &mut Reception, screen: &Screen, answer: Result<&str, &str>) -> Outcome {
        let answer = answer.map(str::to_owned).map_err(str::to_owned);
        reception.receive(answer, screen, |_| {})
    }

    #[test]
    fn a_new_body_is_shown_and_the_same_body_again_confirms_it_unread() {
        let mut reception = Reception::new(parse_feed);
        let screen = Screen::default();
        let body = feed_at("2024-06-12T08:00:00Z");
        assert_eq!(
            receive(&mut reception, &screen, Ok(&body)),
            Outcome::Current
        );
        assert_eq!(
            receive(&mut reception, &screen, Ok(&body)),
            Outcome::Current
        );
        assert_eq!((screen.shown.get(), screen.confirmed.get()), (1, 2));
    }

    #[test]
    fn failures_and_unreadable_bodies_say_why_and_confirm_nothing() {
        let mut reception = Reception::new(parse_feed);
        let screen = Screen::default();
        let failed = receive(&mut reception, &screen, Err("the server answered 500"));
        assert_eq!(failed, Outcome::Failed);
        assert_eq!(
            receive(&mut reception, &screen, Ok("{ oops")),
            Outcome::Failed
        );
        let failures = screen.failures.borrow();
        assert_eq!(failures[0], "the server answered 500");
        assert!(
            failures[1].starts_with("The feed is not valid JSON"),
            "{failures:?}"
        );
        assert_eq!(screen.confirmed.get(), 0);
    }

    /// A feed refused as older than the data on screen confirms nothing, however often it
    /// comes back: the data stays marked delayed until something current arrives.
    #[test]
    fn a_refused_older_feed_never_confirms_the_data_on_screen() {
        let mut reception = Reception::new(parse_feed);
        let screen = Screen::default();
        let current = feed_at("2024-06-12T08:00:00Z");
        let older = feed_at("2024-06-12T07:00:00Z");
        assert_eq!(
            receive(&mut reception, &screen, Ok(&current)),
            Outcome::Current
        );
        assert_eq!(
            receive(&mut reception, &screen, Err("down")),
            Outcome::Failed
        );
        for _ in 0..3 {
            assert_eq!(receive(&mut reception, &screen, Ok(&older)), Outcome::Older);
        }
        assert_eq!(
            screen.confirmed.get(),
            1,
            "only the current feed confirmed the data"
        );
        // The feed on screen, served again, is current again.
        assert_eq!(
            receive(&mut reception, &screen, Ok(&current)),
            Outcome::Current
        );
        assert_eq!((screen.shown.get(), screen.confirmed.get()), (1, 2));
    }

    #[test]
    fn warnings_are_passed_on() {
        let mut reception = Reception::new(parse_feed);
        let screen = Screen::default();
        let body = r#"{"version":1,"tickers":[{"symbol":"X","price":"abc"}],"articles":[]}"#;
        let warnings = RefCell::new(Vec::new());
        let warn = |w: &str| warnings.borrow_mut().push(w.to_owned());
        let outcome = reception.receive(Ok(body.to_owned()), &screen, warn);
        assert_eq!(outcome, Outcome::Current);
        let warnings = warnings.into_inner();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("tickers[0]"), "{warnings:?}");
    }
}
