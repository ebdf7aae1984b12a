//! The price ticker: a `role="marquee"` region whose track loops seamlessly.
//!
//! It writes its own nodes through web-sys, with no view library: the ticker embed's whole
//! bundle must stay under 64 KB gzip, and Leptos's runtime and views alone came to more than
//! that (BENCHMARKS.md). The whole app mounts this same ticker inside its Leptos page.

mod catch_up;
mod motion;
mod row;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Text};

use crate::browser::watch_reduced_motion;
use crate::config::ScrollDirection;
use crate::dom::{append, attr_or_none, attrs, element, listen, svg, text, Listener};
use crate::feed;
use crate::format::NumberStyle;
use crate::marquee::{copies_needed, items_in_last_copy};
use crate::merge::merge_keyed;
use catch_up::CatchUp;
use motion::Motion;
use row::Row;

/// How the ticker moves; from the page's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TickerOptions {
    /// Pixels per second; 0 keeps the ticker still.
    pub speed: f64,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    /// A small line of each ticker's recent prices beside it.
    pub sparkline: bool,
}

/// Items per chunk of a copy. Each chunk contains its layout and paint, so a price written into
/// one lays out and repaints that chunk, not the whole track: with a thousand tickers, the frame
/// after a poll went from about 60 ms to under 10 (BENCHMARKS.md). Smaller chunks repaint less
/// around the view (25 rather than 50: 0.4 ms less in that frame) but take more idle periods to
/// catch up (a thousand tickers: 40 periods, half a second); 10 repainted no less.
const CHUNK: usize = 25;

/// The ticker. It moves unless the reader paused it, points at it or into it, or prefers
/// reduced motion; still, it is a row that scrolls by hand. Dropping the last handle takes it
/// off the page.
#[derive(Clone)]
pub struct Ticker(Rc<Inner>);

struct Inner {
    options: TickerOptions,
    section: Element,
    viewport: Element,
    track: Element,
    /// The pause button, on the page only while the ticker moves and has prices.
    toggle: Element,
    toggle_icon: Element,
    /// "Prices delayed · updated 4 min ago", on the page only while the data is delayed.
    note: Element,
    note_age: Text,
    rows: RefCell<Vec<Row>>,
    /// How prices are written.
    style: RefCell<NumberStyle>,
    /// The copies of the list on the track, and the chunks of each.
    copies: RefCell<Vec<Copy>>,
    /// Copies wanted while moving (to fill the viewport), and how many items the last holds.
    copies_wanted: Cell<usize>,
    last_copy_items: Cell<usize>,
    motion: RefCell<Option<Motion>>,
    reduced_motion: Cell<bool>,
    paused: Cell<bool>,
    hovered: Cell<bool>,
    focused: Cell<bool>,
    catch_up: CatchUp,
    /// Kept for as long as the ticker: the page calls into them.
    listeners: RefCell<Vec<Listener>>,
    resizing: RefCell<Option<SizeWatch>>,
}

/// Calls back while the viewport or the first copy changes size.
struct SizeWatch {
    observer: web_sys::ResizeObserver,
    /// Called by the observer until it is disconnected: the two go together.
    _callback: Closure<dyn Fn()>,
}

/// One copy of the list and its chunks.
struct Copy {
    element: Element,
    chunks: Vec<Element>,
}

impl Ticker {
    /// Builds the ticker, empty, at the end of `parent`.
    pub fn mount(parent: &Element, options: TickerOptions) -> Self {
        let section = element("section", "tw-ticker");
        attrs(
            &section,
            &[("role", "marquee"), ("aria-label", "Cryptocurrency prices")],
        );
        let viewport = element("div", "tw-ticker__viewport");
        let track = element("div", "tw-ticker__track");
        append(&viewport, &[&track]);
        append(&section, &[&viewport]);
        append(parent, &[&section]);
        let (toggle, toggle_icon) = pause_button();
        let (note, note_age) = delayed_note();
        let inner = Rc::new(Inner {
            options,
            section,
            viewport,
            track: track.clone(),
            toggle,
            toggle_icon,
            note,
            note_age,
            rows: RefCell::default(),
            style: RefCell::new(NumberStyle::en_us()),
            copies: RefCell::default(),
            copies_wanted: Cell::new(2),
            last_copy_items: Cell::new(usize::MAX),
            motion: RefCell::new(Some(Motion::new(track, options.speed, options.direction))),
            reduced_motion: Cell::new(false),
            paused: Cell::new(false),
            hovered: Cell::new(false),
            focused: Cell::new(false),
            catch_up: CatchUp::default(),
            listeners: RefCell::default(),
            resizing: RefCell::default(),
        });
        let weak = Rc::downgrade(&inner);
        inner
            .reduced_motion
            .set(watch_reduced_motion(move |reduced| {
                if let Some(inner) = weak.upgrade() {
                    inner.reduced_motion.set(reduced);
                    inner.arrange();
                }
            }));
        inner.listen();
        inner.arrange();
        inner.observe_size();
        Self(inner)
    }

    /// Shows `tickers`, written in `style`: rows kept keep their nodes, and new prices go on
    /// screen near the view at once, the rest in idle time.
    pub fn show(&self, tickers: Vec<feed::Ticker>, style: &NumberStyle) {
        let inner = &self.0;
        if *inner.style.borrow() != *style {
            *inner.style.borrow_mut() = style.clone();
        }
        let changed = {
            let mut rows = inner.rows.borrow_mut();
            let current = std::mem::take(&mut *rows);
            let before: Vec<_> = current.iter().map(|row| row.symbol.clone()).collect();
            *rows = merge_keyed(
                current,
                tickers,
                |row| row.symbol.clone(),
                |ticker| ticker.symbol.as_str(),
                Row::file,
                |ticker| Row::new(ticker, style),
            );
            !rows.iter().map(|row| &row.symbol).eq(before.iter())
        };
        // The list is in place before the catch-up reads where its items are.
        if changed {
            inner.arrange();
        }
        inner.prices_arrived();
    }

    /// Marks the prices as delayed, with their age ("updated 4 min ago"); `None` while current.
    /// Only the words "Prices delayed" are a live region: the age ticking on is not announced.
    pub fn set_delayed(&self, age: Option<&str>) {
        let inner = &self.0;
        match age {
            Some(age) => {
                if inner.note_age.data() != age {
                    inner.note_age.set_data(age);
                }
                if !inner.note.is_connected() {
                    let _ = inner
                        .section
                        .insert_before(&inner.note, Some(&inner.viewport));
                }
            }
            None => inner.note.remove(),
        }
    }

    /// The ticker's own element.
    pub fn element(&self) -> &Element {
        &self.0.section
    }
}

impl Inner {
    fn still(&self) -> bool {
        self.reduced_motion.get() || self.options.speed <= 0.0
    }

    /// Puts the copies and their items in place, and the ticker in its state: moving or still,
    /// with a pause button or none. Runs when the list, the copies wanted or the motion
    /// setting changed, never for a new price.
    fn arrange(&self) {
        let still = self.still();
        let _ = self
            .section
            .class_list()
            .toggle_with_force("tw-ticker--still", still);
        attr_or_none(&self.viewport, "tabindex", still.then_some("0"));
        let shown = if still { 1 } else { self.copies_wanted.get() };
        let mut rows = self.rows.borrow_mut();
        let mut copies = self.copies.borrow_mut();
        for index in copies.len()..shown {
            let copy = element("div", "tw-ticker__copy");
            attrs(&copy, &[("role", "list")]);
            // Copies after the first only fill the loop: assistive technology and focus skip them.
            if index > 0 {
                attrs(&copy, &[("aria-hidden", "true"), ("inert", "")]);
            }
            append(&self.track, &[&copy]);
            copies.push(Copy {
                element: copy,
                chunks: Vec::new(),
            });
        }
        for copy in copies.drain(shown..) {
            copy.element.remove();
        }
        // The last of several copies holds only the items that reach into the viewport.
        let count = rows.len();
        let held = |index: usize| {
            if shown > 1 && index + 1 == shown {
                count.min(self.last_copy_items.get())
            } else {
                count
            }
        };
        for (index, row) in rows.iter_mut().enumerate() {
            let in_copies = (0..shown).take_while(|copy| index < held(*copy)).count();
            row.hold_items(in_copies, self.options.sparkline);
        }
        for (index, copy) in copies.iter_mut().enumerate() {
            let items = &rows[..held(index)];
            let chunks = items.len().div_ceil(CHUNK);
            while copy.chunks.len() < chunks {
                let chunk = element("div", "tw-ticker__chunk");
                append(&copy.element, &[&chunk]);
                copy.chunks.push(chunk);
            }
            for chunk in copy.chunks.drain(chunks..) {
                chunk.remove();
            }
            for (chunk, rows) in copy.chunks.iter().zip(items.chunks(CHUNK)) {
                place_items(chunk, rows.iter().map(|row| &row.items[index].root));
            }
        }
        drop((rows, copies));
        self.show_toggle();
        self.drive();
    }

    /// The pause button, while there is motion to pause.
    fn show_toggle(&self) {
        let wanted = !self.still() && !self.rows.borrow().is_empty();
        if wanted && !self.toggle.is_connected() {
            let _ = self
                .section
                .insert_before(&self.toggle, self.section.first_child().as_ref());
        } else if !wanted {
            self.toggle.remove();
        }
    }

    /// Moves the track, or holds it.
    fn drive(&self) {
        let still = self.still();
        let hold = self.options.pause_on_hover && (self.hovered.get() || self.focused.get());
        let running = !still && !self.paused.get() && !hold;
        if let Ok(mut motion) = self.motion.try_borrow_mut() {
            if let Some(motion) = motion.as_mut() {
                if still {
                    motion.stop();
                } else {
                    motion.set_playing(running);
                }
            }
        }
    }

    /// The pause button, and pointing at or focusing the prices, which holds them still. The
    /// button is outside the viewport, so pressing Play with the mouse starts the motion at once.
    fn listen(self: &Rc<Self>) {
        let on = |target: &Element, event: &str, act: fn(&Inner)| {
            let weak: Weak<Inner> = Rc::downgrade(self);
            listen(target, event, move |_| {
                if let Some(inner) = weak.upgrade() {
                    act(&inner);
                    inner.drive();
                }
            })
        };
        let listeners = [
            on(&self.toggle, "click", |inner| {
                let paused = !inner.paused.get();
                inner.paused.set(paused);
                show_paused(&inner.toggle, &inner.toggle_icon, paused);
            }),
            on(&self.viewport, "mouseenter", |inner| {
                inner.hovered.set(true)
            }),
            on(&self.viewport, "mouseleave", |inner| {
                inner.hovered.set(false)
            }),
            on(&self.viewport, "focusin", |inner| inner.focused.set(true)),
            on(&self.viewport, "focusout", |inner| inner.focused.set(false)),
        ];
        self.listeners.borrow_mut().extend(listeners);
    }

    /// Measures the first copy (the period) whenever it or the viewport changes size: how many
    /// copies fill the viewport, how many items the last needs, and the motion's timing.
    fn observe_size(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let on_resize = Closure::<dyn Fn()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.measure();
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&self.viewport);
        if let Some(first) = self.copies.borrow().first() {
            observer.observe(&first.element);
        }
        *self.resizing.borrow_mut() = Some(SizeWatch {
            observer,
            _callback: on_resize,
        });
    }

    fn measure(&self) {
        let Some(first) = self
            .copies
            .borrow()
            .first()
            .map(|copy| copy.element.clone())
        else {
            return;
        };
        let copy = first.get_bounding_client_rect();
        let period = copy.width();
        let width = self.viewport.get_bounding_client_rect().width();
        let needed = copies_needed(width, period);
        // Reads the items' places only as far as the last copy needs them.
        let items = first.get_elements_by_class_name("tw-tick");
        let starts = (0..items.length())
            .map_while(|index| items.item(index))
            .map(|item| item.get_bounding_client_rect().left() - copy.left());
        let last = items_in_last_copy(starts, width, period);
        let copies_changed = self.copies_wanted.replace(needed) != needed;
        if copies_changed | (self.last_copy_items.replace(last) != last) {
            self.arrange();
        }
        if let Some(motion) = self.motion.borrow_mut().as_mut() {
            motion.set_period(period);
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(watch) = self.resizing.take() {
            watch.observer.disconnect();
        }
        self.section.remove();
    }
}

/// Makes `items` the children of `chunk`, in order, touching the chunk only if they are not.
fn place_items<'a>(chunk: &Element, items: impl Iterator<Item = &'a Element> + Clone) {
    let children = chunk.children();
    let in_place = items.clone().count() == children.length() as usize
        && items
            .clone()
            .enumerate()
            .all(|(index, item)| children.item(index as u32).as_ref() == Some(item));
    if !in_place {
        let nodes: js_sys::Array = items.collect();
        chunk.replace_children_with_node(&nodes);
    }
}

/// Stops and resumes the motion (WCAG 2.2.2): the button and its icon.
fn pause_button() -> (Element, Element) {
    let button = element("button", "tw-ticker__toggle");
    attrs(&button, &[("type", "button")]);
    let label = element("span", "tw-sr-only");
    label.set_text_content(Some("Pause prices"));
    let icon = svg("svg");
    attrs(
        &icon,
        &[
            ("viewBox", "0 0 16 16"),
            ("width", "16"),
            ("height", "16"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
        ],
    );
    let path = svg("path");
    attrs(&path, &[("fill", "currentColor")]);
    append(&icon, &[&path]);
    append(&button, &[&label, &icon]);
    show_paused(&button, &icon, false);
    (button, icon)
}

fn show_paused(button: &Element, icon: &Element, paused: bool) {
    let (pressed, title, shape) = if paused {
        ("true", "Play", "M4 2.5v11l9-5.5z")
    } else {
        ("false", "Pause", "M4 3h3v10H4zM9 3h3v10H9z")
    };
    attrs(button, &[("aria-pressed", pressed), ("title", title)]);
    if let Some(path) = icon.first_element_child() {
        attrs(&path, &[("d", shape)]);
    }
}

/// `<p class="tw-delayed"><span role="status">Prices delayed</span> · {age}</p>`, and its age.
fn delayed_note() -> (Element, Text) {
    let note = element("p", "tw-delayed");
    let status = element("span", "");
    attrs(&status, &[("role", "status")]);
    status.set_text_content(Some("Prices delayed"));
    let age = text("");
    append(&note, &[&status, &text(" · "), &age]);
    (note, age)
}
