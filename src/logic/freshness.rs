//! How fresh the data on screen is: when to poll next, and when to tell the reader that what
//! they see is delayed, and by how much.

/// Retries never wait longer than this, however long the feed has been failing.
pub const MAX_RETRY_MS: u64 = 15 * 60 * 1000;
/// Data is delayed once it has gone unconfirmed for this many refresh periods.
pub const DELAYED_AFTER_PERIODS: u64 = 3;

/// Milliseconds until the next poll: the refresh period while the feed answers; after
/// `failures` failures in a row, twice as long per failure (capped), times a factor from 0.5 to
/// 1 drawn from `jitter` (0 to 1), so that every reader's widget does not retry in step.
pub fn next_poll_ms(refresh_ms: u64, failures: u32, jitter: f64) -> u64 {
    if failures == 0 {
        return refresh_ms;
    }
    let cap = (refresh_ms.saturating_mul(10))
        .clamp(60_000, MAX_RETRY_MS)
        .max(refresh_ms);
    let grown = refresh_ms.saturating_mul(1u64 << failures.min(32)).min(cap);
    let factor = 0.5 + 0.5 * jitter.clamp(0.0, 1.0);
    ((grown as f64 * factor) as u64).max(1)
}

/// Whether data last confirmed `age_ms` ago, polled every `refresh_ms`, is to be called delayed.
pub fn is_delayed(age_ms: u64, refresh_ms: u64) -> bool {
    age_ms >= refresh_ms.saturating_mul(DELAYED_AFTER_PERIODS)
}

/// "updated 4 min ago" for data unconfirmed for `age_ms`, once that is a few refresh periods;
/// `None` before.
pub fn delayed_text(age_ms: u64, refresh_ms: u64) -> Option<String> {
    is_delayed(age_ms, refresh_ms).then(|| format!("updated {}", age_text(age_ms)))
}

/// "45 s ago", "4 min ago", "3 h ago", "2 days ago".
pub fn age_text(age_ms: u64) -> String {
    let seconds = age_ms / 1000;
    match seconds {
        0..=59 => format!("{seconds} s ago"),
        60..=3599 => format!("{} min ago", seconds / 60),
        3600..=172_799 => format!("{} h ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn delayed_after_three_periods_with_its_age() {
        assert_eq!(delayed_text(89_999, 30_000), None);
        assert_eq!(
            delayed_text(90_000, 30_000).as_deref(),
            Some("updated 1 min ago")
        );
        assert_eq!(
            delayed_text(3_000, 1_000).as_deref(),
            Some("updated 3 s ago")
        );
    }

    #[test]
    fn the_refresh_period_while_the_feed_answers() {
        assert_eq!(next_poll_ms(30_000, 0, 0.7), 30_000);
    }

    #[test]
    fn doubles_per_failure_with_jitter() {
        assert_eq!(next_poll_ms(1_000, 1, 0.0), 1_000);
        assert_eq!(next_poll_ms(1_000, 1, 1.0), 2_000);
        assert_eq!(next_poll_ms(1_000, 2, 1.0), 4_000);
        assert_eq!(next_poll_ms(1_000, 3, 0.5), 6_000);
    }

    #[test]
    fn capped() {
        // A minute at least, ten periods at most of a slow feed, and never beyond the cap.
        assert_eq!(next_poll_ms(1_000, 30, 1.0), 60_000);
        assert_eq!(next_poll_ms(30_000, 30, 1.0), 300_000);
        assert_eq!(next_poll_ms(3_600_000, 30, 1.0), 3_600_000);
        assert_eq!(next_poll_ms(30_000, u32::MAX, 1.0), 300_000);
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(age_text(999), "0 s ago");
        assert_eq!(age_text(45_000), "45 s ago");
        assert_eq!(age_text(4 * 60_000 + 59_000), "4 min ago");
        assert_eq!(age_text(3 * 3_600_000), "3 h ago");
        assert_eq!(age_text(2 * 86_400_000), "2 days ago");
    }

    proptest! {
        #[test]
        fn retries_wait_between_half_and_all_of_the_grown_period(refresh in 1u64..=3_600_000, failures in 0u32..100, jitter in -1.0f64..2.0) {
            let delay = next_poll_ms(refresh, failures, jitter);
            // Ten periods, but a minute at least and fifteen at most; never below one period.
            let cap = (10 * refresh).clamp(60_000, MAX_RETRY_MS).max(refresh);
            let grown = if failures == 0 { refresh } else { refresh.saturating_mul(1 << failures.min(32)).min(cap) };
            prop_assert!(delay <= grown, "{} > {}", delay, grown);
            prop_assert!(delay >= (grown / 2).max(1), "{} < half of {}", delay, grown);
        }

        #[test]
        fn more_failures_never_retry_sooner(refresh in 1u64..=3_600_000, failures in 1u32..40) {
            prop_assert!(next_poll_ms(refresh, failures + 1, 1.0) >= next_poll_ms(refresh, failures, 1.0));
        }
    }
}
