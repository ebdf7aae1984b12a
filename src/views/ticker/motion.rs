//! Drives the track, and flashes moved prices, with the Web Animations API.
//!
//! The animation moves only `transform`, so the compositor runs it: no per-frame work in Rust
//! or JavaScript. When the period changes (a price gained a digit, a symbol came or went) the
//! animation is re-timed for it at the same offset, so the motion never restarts or jumps.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Animation, Element};

use crate::logic::config::ScrollDirection;
use crate::logic::format::Direction;
use crate::logic::marquee::{cycle_ms, elapsed_for, offset_at};

pub struct Motion {
    track: Element,
    speed: f64,
    direction: ScrollDirection,
    period: f64,
    playing: bool,
    animation: Option<Animation>,
}

impl Motion {
    pub fn new(track: Element, speed: f64, direction: ScrollDirection) -> Self {
        Self {
            track,
            speed,
            direction,
            period: 0.0,
            playing: false,
            animation: None,
        }
    }

    /// Re-times the motion for a track whose copies are `period` pixels wide, keeping the
    /// current offset.
    pub fn set_period(&mut self, period: f64) {
        if (period - self.period).abs() < 0.01 {
            return;
        }
        let offset = self.offset();
        self.period = period;
        self.restart_at(offset);
    }

    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        match (&self.animation, playing) {
            (Some(animation), true) => {
                let _ = animation.play();
            }
            (Some(animation), false) => {
                let _ = animation.pause();
            }
            (None, true) => self.restart_at(0.0),
            (None, false) => {}
        }
    }

    /// Ends the motion and puts the track back at its start (reduced motion, speed 0).
    pub fn stop(&mut self) {
        self.playing = false;
        if let Some(animation) = self.animation.take() {
            animation.cancel();
        }
    }

    /// How far the track has travelled into its cycle, in pixels.
    fn offset(&self) -> f64 {
        let elapsed = self
            .animation
            .as_ref()
            .and_then(Animation::current_time)
            .unwrap_or(0.0);
        offset_at(elapsed, self.speed, self.period)
    }

    /// Runs the motion from `offset` pixels into its cycle, at the current period. A running
    /// animation is re-timed in place rather than replaced: a new one would wait a frame or
    /// more for the compositor before it moved (a visible stall on a busy machine).
    fn restart_at(&mut self, offset: f64) {
        if !(self.playing || offset > 0.0) || self.period <= 0.0 || self.speed <= 0.0 {
            if let Some(animation) = self.animation.take() {
                animation.cancel();
            }
            return;
        }
        let (from, to) = match self.direction {
            ScrollDirection::Left => (0.0, -self.period),
            ScrollDirection::Right => (-self.period, 0.0),
        };
        // The browser writes the numbers: Rust's float formatting would cost bundle bytes.
        let px = |x: f64| {
            String::from(
                js_sys::Number::from(x)
                    .to_string_with_radix(10)
                    .unwrap_or_default(),
            )
        };
        let keyframes = js_sys::JSON::parse(&format!(
            r#"[{{"transform":"translate3d({}px,0,0)"}},{{"transform":"translate3d({}px,0,0)"}}]"#,
            px(from),
            px(to)
        ))
        .unwrap_or(JsValue::NULL);
        let options = Object::new();
        let _ = Reflect::set(
            &options,
            &"duration".into(),
            &cycle_ms(self.speed, self.period).into(),
        );
        let _ = Reflect::set(&options, &"iterations".into(), &f64::INFINITY.into());
        let elapsed = elapsed_for(offset, self.speed, self.period);
        if let Some(effect) = self
            .animation
            .as_ref()
            .and_then(Animation::effect)
            .map(JsCast::unchecked_into::<Keyframes>)
        {
            effect.set_keyframes(&keyframes);
            effect.update_timing(&options);
        } else {
            let animation = self
                .track
                .unchecked_ref::<Animatable>()
                .animate(&keyframes, &options);
            self.animation = Some(animation);
        }
        if let Some(animation) = &self.animation {
            animation.set_current_time(Some(elapsed));
            if !self.playing {
                let _ = animation.pause();
            }
        }
    }
}

#[wasm_bindgen]
extern "C" {
    // web-sys offers `animate` with options only behind its unstable APIs; the method itself
    // has been in every browser for years.
    #[wasm_bindgen(extends = Element)]
    type Animatable;

    #[wasm_bindgen(method)]
    fn animate(this: &Animatable, keyframes: &JsValue, options: &Object) -> Animation;

    // The same for a keyframe effect's setters (in every engine since 2020).
    #[wasm_bindgen(extends = web_sys::AnimationEffect)]
    type Keyframes;

    #[wasm_bindgen(method, js_name = setKeyframes)]
    fn set_keyframes(this: &Keyframes, keyframes: &JsValue);

    #[wasm_bindgen(method, js_name = updateTiming)]
    fn update_timing(this: &Keyframes, timing: &Object);
}

/// Flashes a ticker up or down once, as a Web Animation of its background (`id`
/// `tw-flash-up` or `tw-flash-down`). The browser ends it: no class to add and remove, no
/// timer, and no DOM mutation at all.
pub fn flash(element: &Element, direction: Direction) -> Animation {
    thread_local! {
        // Made once: a poll may flash a thousand tickers.
        static FLASHES: [(JsValue, Object); 2] = ["up", "down"].map(|way| {
            let keyframes = js_sys::JSON::parse(&format!(
                r#"[{{"backgroundColor":"var(--tw-flash-{way}-bg)"}},{{"backgroundColor":"transparent"}}]"#
            ))
            .unwrap_or(JsValue::NULL);
            let options = Object::new();
            let _ = Reflect::set(&options, &"duration".into(), &FLASH_MS.into());
            let _ = Reflect::set(&options, &"easing".into(), &"ease-out".into());
            let _ = Reflect::set(&options, &"id".into(), &format!("tw-flash-{way}").into());
            (keyframes, options)
        });
    }
    let index = usize::from(direction == Direction::Down);
    FLASHES.with(|flashes| {
        let (keyframes, options) = &flashes[index];
        element
            .unchecked_ref::<Animatable>()
            .animate(keyframes, options)
    })
}

/// How long a changed price stays highlighted.
const FLASH_MS: f64 = 600.0;

impl Drop for Motion {
    fn drop(&mut self) {
        self.stop();
    }
}
