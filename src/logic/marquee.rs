//! The arithmetic of a seamless marquee.
//!
//! The track holds copies of the ticker list side by side and slides left by exactly one copy's
//! width (the period) per cycle; at the cycle's end the second copy stands where the first
//! began, so restarting is invisible. Enough copies must follow the first to cover the viewport
//! at every point of the cycle; the last of them needs only the items that reach into the
//! viewport (with a thousand tickers, that halves the track).

/// Beyond this many copies an item is narrower than a few pixels: nothing readable is lost by
/// leaving part of an absurdly wide viewport empty, and the DOM stays bounded.
pub const MAX_COPIES: usize = 64;

/// How many copies of a list `period` pixels wide fill a viewport `viewport` pixels wide at
/// every offset of the cycle: the viewport plus one period must be covered. At least two, so
/// that one copy always trails the other.
pub fn copies_needed(viewport: f64, period: f64) -> usize {
    if !(period.is_finite() && period > 0.0 && viewport.is_finite() && viewport > 0.0) {
        return 2;
    }
    let needed = (viewport / period).ceil() + 1.0;
    (needed as usize).clamp(2, MAX_COPIES)
}

/// How many items the last copy needs: those starting within the part of `viewport + period`
/// that the full copies before it leave uncovered. `starts` are the items' left edges within a
/// copy, in order.
pub fn items_in_last_copy(
    starts: impl IntoIterator<Item = f64>,
    viewport: f64,
    period: f64,
) -> usize {
    let full = copies_needed(viewport, period) - 1;
    let uncovered = viewport + period - full as f64 * period;
    starts
        .into_iter()
        .take_while(|start| *start < uncovered)
        .count()
}

/// The track's offset into its cycle after `elapsed_ms` of motion at `speed` pixels per second.
pub fn offset_at(elapsed_ms: f64, speed: f64, period: f64) -> f64 {
    if !(period > 0.0 && speed > 0.0 && elapsed_ms.is_finite()) {
        return 0.0;
    }
    wrap(elapsed_ms * speed / 1000.0, period)
}

/// The time into a cycle of `period` pixels at `speed` that shows `offset`: how a restarted
/// animation (the list grew or shrank) continues from where the old one stood, without a jump.
pub fn elapsed_for(offset: f64, speed: f64, period: f64) -> f64 {
    if !(period > 0.0 && speed > 0.0 && offset.is_finite()) {
        return 0.0;
    }
    wrap(offset, period) * 1000.0 / speed
}

/// `x` wrapped into `0..period` (`period` > 0), as `f64::rem_euclid` would: that links a
/// software `fmod` into the bundle (2 KB of wasm), where `floor` is one instruction.
fn wrap(x: f64, period: f64) -> f64 {
    let wrapped = x - (x / period).floor() * period;
    // Rounding can land a hair outside the range.
    if wrapped >= period {
        wrapped - period
    } else {
        wrapped.max(0.0)
    }
}

/// How long one cycle lasts: the speed is in pixels per second whatever the list's length.
pub fn cycle_ms(speed: f64, period: f64) -> f64 {
    if speed > 0.0 && period > 0.0 {
        period * 1000.0 / speed
    } else {
        f64::INFINITY
    }
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn copies_cover_viewport_plus_one_period() {
        assert_eq!(copies_needed(320.0, 2000.0), 2);
        assert_eq!(copies_needed(2560.0, 150.0), 19);
        assert_eq!(copies_needed(1000.0, 1000.0), 2);
        assert_eq!(copies_needed(1000.0, 0.0), 2);
        assert_eq!(copies_needed(100_000.0, 1.0), MAX_COPIES);
    }

    #[test]
    fn the_last_copy_holds_the_items_reaching_into_the_viewport() {
        let starts = || (0..1000).map(|i| f64::from(i) * 100.0);
        // 100,000 px of items in a 1,280 px viewport: the first copy, then 13 items.
        assert_eq!(items_in_last_copy(starts(), 1280.0, 100_000.0), 13);
        // Three items, 300 px, in a 1,000 px viewport: four full copies cover 1,200 of the
        // 1,300 px needed; the last needs one item.
        assert_eq!(items_in_last_copy([0.0, 100.0, 200.0], 1000.0, 300.0), 1);
        assert_eq!(items_in_last_copy([0.0, 100.0, 200.0], 1000.0, 0.0), 3);
    }

    #[test]
    fn offsets_wrap_and_invert() {
        assert_eq!(offset_at(3000.0, 50.0, 100.0), 50.0);
        assert_eq!(elapsed_for(50.0, 50.0, 100.0), 1000.0);
        assert_eq!(elapsed_for(150.0, 50.0, 100.0), 1000.0);
        assert_eq!(cycle_ms(50.0, 100.0), 2000.0);
        assert_eq!(cycle_ms(0.0, 100.0), f64::INFINITY);
    }

    proptest! {
        #[test]
        fn wrapping_agrees_with_rem_euclid(x in -1e9f64..1e9, period in 1.0f64..1e5) {
            let wrapped = wrap(x, period);
            prop_assert!((0.0..period).contains(&wrapped));
            let diff = (wrapped - x.rem_euclid(period)).abs();
            prop_assert!(diff < 1e-6 || (period - diff).abs() < 1e-6);
        }

        #[test]
        // One ticker item (symbol, price, change) is never narrower than 60 px, so up to 3000 px
        // the cap on copies is never reached.
        fn copies_always_cover(viewport in 1.0f64..3000.0, period in 60.0f64..5000.0) {
            let copies = copies_needed(viewport, period) as f64;
            prop_assert!(copies * period >= viewport + period);
        }

        #[test]
        // Items of equal width: the track (full copies, then the last's items) reaches the end
        // of the cycle's last view, and no item more than it needs.
        fn the_last_copy_covers_exactly(viewport in 1.0f64..3000.0, width in 60.0f64..400.0, items in 1usize..200) {
            let period = width * items as f64;
            let starts = (0..items).map(|i| i as f64 * width);
            let last = items_in_last_copy(starts, viewport, period);
            let full = copies_needed(viewport, period) - 1;
            let end = full as f64 * period + last as f64 * width;
            prop_assert!(end >= viewport + period);
            prop_assert!(last >= 1 && last <= items);
            prop_assert!(end - width < viewport + period);
        }

        #[test]
        fn restarting_keeps_the_offset(offset in 0.0f64..5000.0, speed in 1.0f64..2000.0, period in 10.0f64..5000.0) {
            let kept = offset_at(elapsed_for(offset, speed, period), speed, period);
            let expected = offset.rem_euclid(period);
            let diff = (kept - expected).abs();
            prop_assert!(diff < 1e-6 || (period - diff).abs() < 1e-6);
        }
    }
}
