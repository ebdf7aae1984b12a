//! Publication times on the reader's wall clock, or on a configured time zone's.

use js_sys::{Date, Intl, Object};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::live::browser;
use crate::logic::datetime::CivilTime;
use crate::logic::feed::Timestamp;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat(locales, options)`, which throws a RangeError for a time zone the
    /// browser does not know: caught here, never left to unwind through Rust.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn date_time_format(
        locales: &JsValue,
        options: &Object,
    ) -> Result<Intl::DateTimeFormat, JsValue>;
}

/// Reads instants in one time zone; provided as context by [`provide_clock`].
#[derive(Clone, Copy)]
pub struct Clock(StoredValue<Option<Intl::DateTimeFormat>, LocalStorage>);

/// Provides a [`Clock`] for `tz`, or for the reader's own zone when `tz` is `None` or unknown to
/// the browser (with a warning).
pub fn provide_clock(tz: Option<&str>) -> Clock {
    let format = tz
        .and_then(|tz| {
            let format = formatter(Some(tz));
            if format.is_none() {
                browser::warn(&format!(
                    "tz=\"{tz}\" is not a time zone this browser knows; using the reader's"
                ));
            }
            format
        })
        .or_else(|| formatter(None));
    let clock = Clock(StoredValue::new_local(format));
    provide_context(clock);
    clock
}

impl Clock {
    /// `2024-06-12 16:02:10`, or the feed's own text if the browser cannot say.
    pub fn show(&self, at: &Timestamp) -> String {
        self.0
            .with_value(|format| format.as_ref().and_then(|format| civil(format, at.unix_ms)))
            .map_or_else(|| at.text.clone(), |time| time.to_string())
    }

    /// The wall clock at an instant (ms since the epoch) in this zone.
    pub fn civil(&self, unix_ms: i64) -> Option<CivilTime> {
        self.0
            .with_value(|format| format.as_ref().and_then(|format| civil(format, unix_ms)))
    }
}

fn formatter(tz: Option<&str>) -> Option<Intl::DateTimeFormat> {
    let mut entries: Vec<(&str, JsValue)> = ["year", "month", "day", "hour", "minute", "second"]
        .into_iter()
        .map(|field| (field, "numeric".into()))
        .collect();
    entries.push(("hourCycle", "h23".into()));
    if let Some(tz) = tz {
        entries.push(("timeZone", tz.into()));
    }
    let options = browser::options(&entries);
    // en-US for its ASCII digits: only the numbers are read, never the locale's layout.
    date_time_format(&"en-US".into(), &options).ok()
}

fn civil(format: &Intl::DateTimeFormat, unix_ms: i64) -> Option<CivilTime> {
    let date = Date::new(&JsValue::from_f64(unix_ms as f64));
    let parts = browser::read_parts(&format.format_to_parts(&date));
    CivilTime::from_parts(parts.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// A publication time as the reader should read it, machine-readable in `datetime`.
#[component]
pub fn PublishedTime(at: Timestamp) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let shown = clock.show(&at);
    view! { <time datetime=at.text>{shown}</time> }
}
