//! A ticker's recent prices as a small line: SVG `points` in a fixed box.
//!
//! Coordinates are whole numbers in a box ten times the drawn size, so no float formatting
//! code is needed to write them (that machinery would cost the bundle more than the feature).

/// The `viewBox` is `0 0 WIDTH HEIGHT`; the line is drawn at a tenth of that in CSS pixels.
pub const WIDTH: i32 = 480;
pub const HEIGHT: i32 = 160;
/// Room for the stroke at the top and bottom.
const MARGIN: i32 = 10;

/// The points of the line, and whether it ends at or above where it started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sparkline {
    pub points: String,
    pub rising: bool,
}

/// `None` with fewer than two finite prices: one point is no line.
pub fn sparkline(history: &[f64]) -> Option<Sparkline> {
    let prices: Vec<f64> = history.iter().copied().filter(|p| p.is_finite()).collect();
    let (&first, &last) = (prices.first()?, prices.last()?);
    if prices.len() < 2 {
        return None;
    }
    let low = prices.iter().copied().fold(f64::INFINITY, f64::min);
    let high = prices.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = high - low;
    let step = f64::from(WIDTH) / (prices.len() - 1) as f64;
    let usable = f64::from(HEIGHT - 2 * MARGIN);
    let mut points = String::new();
    for (i, price) in prices.iter().enumerate() {
        // A flat history is a line across the middle.
        let rise = if span > 0.0 {
            (price - low) / span
        } else {
            0.5
        };
        let x = (i as f64 * step).round() as i32;
        let y = HEIGHT - MARGIN - (rise * usable).round() as i32;
        if !points.is_empty() {
            points.push(' ');
        }
        points.push_str(&format!("{x},{y}"));
    }
    Some(Sparkline {
        points,
        rising: last >= first,
    })
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spans_the_box_from_low_to_high() {
        let line = sparkline(&[1.0, 3.0, 2.0]).unwrap();
        assert_eq!(line.points, "0,150 240,10 480,80");
        assert!(line.rising);
    }

    #[test]
    fn a_flat_or_falling_history() {
        assert_eq!(sparkline(&[5.0, 5.0]).unwrap().points, "0,80 480,80");
        assert!(!sparkline(&[2.0, 1.0]).unwrap().rising);
    }

    #[test]
    fn too_little_to_draw() {
        assert_eq!(sparkline(&[]), None);
        assert_eq!(sparkline(&[1.0]), None);
        assert_eq!(sparkline(&[1.0, f64::NAN]), None);
    }

    proptest! {
        #[test]
        fn points_stay_in_the_box(history in proptest::collection::vec(proptest::num::f64::ANY, 0..600)) {
            if let Some(line) = sparkline(&history) {
                for point in line.points.split(' ') {
                    let (x, y) = point.split_once(',').unwrap();
                    let (x, y): (i32, i32) = (x.parse().unwrap(), y.parse().unwrap());
                    prop_assert!((0..=WIDTH).contains(&x) && (0..=HEIGHT).contains(&y), "{point}");
                }
            }
        }
    }
}
