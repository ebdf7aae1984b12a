//! A few words for building and patching the DOM through web-sys: the ticker and the ticker
//! embed write their nodes by hand, with no view library in their bundle.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, Text};

use crate::browser::document;

/// `<tag class="class">`.
pub fn element(tag: &str, class: &str) -> Element {
    let element = document().create_element(tag).expect("an HTML tag");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    element
}

/// An SVG element (the pause button's icon, a sparkline).
pub fn svg(tag: &str) -> Element {
    document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .expect("an SVG tag")
}

pub fn text(data: &str) -> Text {
    document().create_text_node(data)
}

/// Sets attributes; the names are ours, so setting cannot fail.
pub fn attrs(element: &Element, pairs: &[(&str, &str)]) {
    for (name, value) in pairs {
        let _ = element.set_attribute(name, value);
    }
}

/// Sets `name` to `value`, or removes it for `None`.
pub fn attr_or_none(element: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => element.set_attribute(name, value),
        None => element.remove_attribute(name),
    };
}

/// Appends `children` (elements or text) to `parent` in order.
pub fn append(parent: &Element, children: &[&web_sys::Node]) {
    for child in children {
        let _ = parent.append_child(child);
    }
}

/// An event listener: it listens for as long as it lives.
pub type Listener = Closure<dyn FnMut(Event)>;

/// Listens for `event` on `target`.
#[must_use]
pub fn listen(target: &EventTarget, event: &str, handler: impl FnMut(Event) + 'static) -> Listener {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure
}
