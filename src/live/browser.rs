//! The few things the app asks of the browser itself: the page's query, where the feed lives,
//! how the reader's locale writes numbers, storage, the clipboard and the console.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::logic::format::{NumberStyle, Part};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// The page's query parameters, percent-decoded, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let search = window().location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&params) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let entry: Array = entry.dyn_into().ok()?;
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect()
}

/// `relative` resolved against the document's base URL (the app's own folder, whatever the
/// route), so `dist/` works at a server's root or under any sub-path.
pub fn resolve(relative: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    resolve_against(relative, &base)
}

/// `relative` resolved against `base` (a feed's relative image against the feed's own URL).
pub fn resolve_against(relative: &str, base: &str) -> String {
    web_sys::Url::new_with_base(relative, base)
        .map(|url| url.href())
        .unwrap_or_else(|_| relative.to_owned())
}

/// The page's `localStorage`, or why there is none: a sandboxed iframe without same-origin
/// throws on the mere access, and a reader may have turned storage off.
pub fn local_storage() -> Result<web_sys::Storage, String> {
    match window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no storage".to_owned()),
        Err(_) => Err("storage is not available here".to_owned()),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat.supportedLocalesOf`, which throws a RangeError for a malformed tag:
    /// caught here, never left to unwind through Rust.
    #[wasm_bindgen(catch, js_namespace = ["Intl", "NumberFormat"], js_name = supportedLocalesOf)]
    fn supported_locales_of(locales: &JsValue) -> Result<Array, JsValue>;
}

/// `tag` if this browser can write numbers in it; otherwise `None` (the reader's own locale),
/// with a warning.
pub fn known_locale(tag: &str) -> Option<String> {
    let supported = supported_locales_of(&JsValue::from_str(tag))
        .ok()
        .and_then(|found| found.get(0).as_string());
    if supported.is_none() {
        warn(&format!(
            "locale=\"{tag}\" is not a locale this browser knows; using the reader's"
        ));
    }
    supported
}

/// How `locale` (the reader's when `None`) writes prices in `currency` and percentages, read
/// from `Intl.NumberFormat` once: formatting itself is pure Rust ([`crate::logic::format`]).
pub fn number_style(locale: Option<&str>, currency: &str) -> NumberStyle {
    let locales = number_locales(locale);
    let intl_parts = |options: &Object, number: f64| {
        read_parts(&Intl::NumberFormat::new(&locales, options).format_to_parts(number))
    };
    let decimal = intl_parts(&options(&[("maximumFractionDigits", "2".into())]), 1234.5);
    let percent = intl_parts(&options(&[("style", "percent".into())]), 0.5);
    // Intl throws on a code that is not three letters (USDT), so such codes are not offered to it.
    let is_iso_shaped = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_alphabetic());
    let priced = if is_iso_shaped {
        let currency_options = options(&[
            ("style", "currency".into()),
            ("currency", currency.into()),
            ("currencyDisplay", "narrowSymbol".into()),
        ]);
        intl_parts(&currency_options, 1.5)
    } else {
        Vec::new()
    };
    NumberStyle::from_parts(&decimal, &percent, currency, &priced)
}

/// The locales to ask `Intl` for: `locale`, or the reader's. A system with no locale set
/// (`LANG=C`, as on many Linux machines) makes WebKit report the locale `C`, which Intl reads
/// as `en-US-u-va-posix`: POSIX's `$ 77124.50`, a machine's notation that no reader chose. So
/// the POSIX variant is read as the plain locale.
fn number_locales(locale: Option<&str>) -> Array {
    let asked = locale.map_or_else(Array::new, |tag| Array::of1(&JsValue::from_str(tag)));
    let resolved = Intl::NumberFormat::new(&asked, &Object::new()).resolved_options();
    let tag = Reflect::get(&resolved, &"locale".into())
        .ok()
        .and_then(|tag| tag.as_string())
        .unwrap_or_default();
    match tag.find("-u-va-posix") {
        Some(at) => Array::of1(&JsValue::from_str(&tag[..at])),
        None => asked,
    }
}

/// An options object for the `Intl` constructors.
pub fn options(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// `(type, value)` of each part of an `Intl` `formatToParts` result.
pub fn read_parts(parts: &Array) -> Vec<Part> {
    parts
        .iter()
        .filter_map(|part| {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
            Some((kind, value))
        })
        .collect()
}

/// Puts `text` on the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("Tapewire: {message}")));
}

pub fn page_is_visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}
