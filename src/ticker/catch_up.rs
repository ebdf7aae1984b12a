//! Puts a poll's new prices on screen without a stutter. Writing a thousand moved prices in one
//! task (formatting each, rewriting two thousand text nodes, laying out and painting the whole
//! track again) took about 150 ms of main thread. So the items in view, and half a screen either
//! side, are written at once, and the rest one chunk per idle period: each write then lays out
//! and repaints one chunk, or nothing at all if the chunk is out of view (see [`super::CHUNK`]).

use std::cell::{Cell, OnceCell};
use std::rc::{Rc, Weak};

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::CHUNK;
use crate::live::{LiveFeed, TickerRow};

pub struct CatchUp {
    live: LiveFeed,
    viewport: NodeRef<Div>,
    track: NodeRef<Div>,
    scheduled: Cell<bool>,
    /// One callback for every idle period: a closure per call would cost memory per poll.
    idle: OnceCell<Closure<dyn Fn()>>,
}

impl CatchUp {
    pub fn new(live: LiveFeed, viewport: NodeRef<Div>, track: NodeRef<Div>) -> Rc<Self> {
        Rc::new(Self {
            live,
            viewport,
            track,
            scheduled: Cell::new(false),
            idle: OnceCell::new(),
        })
    }

    /// Writes the waiting rows near the view now, and the others later. Should a new list not
    /// be rendered yet, rows are judged by their neighbours' places, which only moves them
    /// between now and later.
    pub fn prices_arrived(self: &Rc<Self>) {
        let later = self.live.tickers.with_untracked(|rows| {
            let near = match self.view() {
                Some(view) if rows.len() > CHUNK => view,
                _ => {
                    for row in rows {
                        self.live.put_on_screen(row);
                    }
                    return false;
                }
            };
            let chunks = near.first_copy.children();
            let mut later = false;
            for (index, chunk) in rows.chunks(CHUNK).enumerate() {
                // Only a chunk near the view has items near it.
                let items = u32::try_from(index)
                    .ok()
                    .and_then(|index| chunks.item(index))
                    .filter(|element| near.holds(element))
                    .map(|element| element.children());
                for (index, row) in chunk.iter().enumerate() {
                    let item = items.as_ref().and_then(|items| {
                        u32::try_from(index)
                            .ok()
                            .and_then(|index| items.item(index))
                    });
                    if item.is_some_and(|item| near.holds(&item)) {
                        self.live.put_on_screen(row);
                    } else {
                        later |= row.is_pending();
                    }
                }
            }
            later
        });
        if later {
            self.schedule();
        }
    }

    /// The part of the track within half a screen of the viewport; `None` before the ticker
    /// is rendered.
    fn view(&self) -> Option<NearView> {
        let (viewport, track) = (self.viewport.get_untracked()?, self.track.get_untracked()?);
        let view = viewport.get_bounding_client_rect();
        let margin = view.width() / 2.0;
        let copies = track.children();
        let first_copy = copies.item(0)?;
        let left = |element: &Element| element.get_bounding_client_rect().left();
        let origin = left(&first_copy);
        Some(NearView {
            from: view.left() - margin,
            to: view.right() + margin,
            shifts: (0..copies.length())
                .filter_map(|index| copies.item(index))
                .map(|copy| left(&copy) - origin)
                .collect(),
            first_copy,
        })
    }

    fn schedule(self: &Rc<Self>) {
        if self.scheduled.replace(true) {
            return;
        }
        let idle = self.idle.get_or_init(|| {
            let catch_up: Weak<Self> = Rc::downgrade(self);
            Closure::new(move || {
                if let Some(catch_up) = catch_up.upgrade() {
                    catch_up.slice();
                }
            })
        });
        let window = window();
        let callback = idle.as_ref().unchecked_ref();
        // Safari has no requestIdleCallback: a task of its own still leaves frames free.
        let asked = window.request_idle_callback(callback).is_ok()
            || window.set_timeout_with_callback(callback).is_ok();
        if !asked {
            self.scheduled.set(false);
        }
    }

    /// Writes the first chunk still waiting; asks for another idle period while any are left.
    fn slice(self: &Rc<Self>) {
        self.scheduled.set(false);
        let more = self.live.tickers.with_untracked(|rows| {
            let mut waiting = rows
                .chunks(CHUNK)
                .filter(|chunk| chunk.iter().any(TickerRow::is_pending));
            for row in waiting.next().unwrap_or_default() {
                self.live.put_on_screen(row);
            }
            waiting.next().is_some()
        });
        if more {
            self.schedule();
        }
    }
}

/// Where the viewport is, give or take half a screen, in the first copy's terms.
struct NearView {
    from: f64,
    to: f64,
    /// How far each copy stands from the first: an element of the first copy is near the view
    /// if it or one of its repeats is.
    shifts: Vec<f64>,
    first_copy: Element,
}

impl NearView {
    fn holds(&self, element: &Element) -> bool {
        let rect = element.get_bounding_client_rect();
        self.shifts
            .iter()
            .any(|shift| rect.right() + shift > self.from && rect.left() + shift < self.to)
    }
}
