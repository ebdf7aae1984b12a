//! What changes when the app runs inside a publisher's `<iframe>`: links leave the frame, the
//! host learns the widget's height, and the look follows the embed's parameters.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use leptos_use_resize_observer::use_resize_observer;
use wasm_bindgen::JsValue;

/// Whether the app is an embed; provided as context by the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InEmbed(pub bool);

/// `target` and `rel` for a link: inside an embed every link opens a new tab, so the reader
/// never navigates the host's frame away from the widget.
pub fn link_target() -> (Option<&'static str>, Option<&'static str>) {
    if use_context::<InEmbed>().is_some_and(|InEmbed(embedded)| embedded) {
        (Some("_blank"), Some("noopener noreferrer"))
    } else {
        (None, None)
    }
}

/// Tells the host page the widget's height whenever it changes, as
/// `{type: "tapewire:resize", height}`, so the host can size the `<iframe>` to fit.
pub fn report_height() {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    // Not in a frame: nobody to tell.
    if parent == window() {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let mut last = -1.0;
    use_resize_observer(root.clone(), move |_, _| {
        let height = root.get_bounding_client_rect().height().ceil();
        if height != std::mem::replace(&mut last, height) {
            let message = Object::new();
            let _ = Reflect::set(&message, &"type".into(), &"tapewire:resize".into());
            let _ = Reflect::set(&message, &"height".into(), &JsValue::from_f64(height));
            let _ = parent.post_message(&message, "*");
        }
    });
}
