//! Puts a poll's new prices on screen without a stutter. Writing a thousand moved prices in one
//! task (formatting each, rewriting two thousand text nodes, laying out and painting the whole
//! track again) took about 150 ms of main thread. So the chunks in view, and half a screen
//! either side, are written at once, and the others one chunk per idle period: each write then
//! lays out and repaints one chunk (see [`super::CHUNK`]).

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

    /// Writes the waiting rows in view now, and the others later.
    pub fn prices_arrived(self: &Rc<Self>) {
        let later = self.live.tickers.with_untracked(|rows| {
            if rows.len() <= CHUNK {
                for row in rows {
                    self.live.put_on_screen(row);
                }
                return false;
            }
            let mut later = false;
            for (chunk, near) in rows.chunks(CHUNK).zip(self.chunks_near_view()) {
                if near {
                    for row in chunk {
                        self.live.put_on_screen(row);
                    }
                } else {
                    later |= chunk.iter().any(TickerRow::is_pending);
                }
            }
            later
        });
        if later {
            self.schedule();
        }
    }

    /// For each chunk of the first copy, whether it or its repeat in another copy is within
    /// half a screen of the viewport. Should a new list not be rendered yet, the chunks missing
    /// wait for an idle period, which costs nothing but a little time.
    fn chunks_near_view(&self) -> Vec<bool> {
        let (Some(viewport), Some(track)) =
            (self.viewport.get_untracked(), self.track.get_untracked())
        else {
            return Vec::new();
        };
        let view = viewport.get_bounding_client_rect();
        let margin = view.width() / 2.0;
        let (from, to) = (view.left() - margin, view.right() + margin);
        let copies = track.children();
        let Some(first) = copies.item(0) else {
            return Vec::new();
        };
        let left = |element: &Element| element.get_bounding_client_rect().left();
        let origin = left(&first);
        // Copies repeat the first at a fixed distance.
        let shifts: Vec<f64> = (0..copies.length())
            .filter_map(|index| copies.item(index))
            .map(|copy| left(&copy) - origin)
            .collect();
        let chunks = first.children();
        (0..chunks.length())
            .filter_map(|index| chunks.item(index))
            .map(|chunk| {
                let rect = chunk.get_bounding_client_rect();
                shifts
                    .iter()
                    .any(|shift| rect.right() + shift > from && rect.left() + shift < to)
            })
            .collect()
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
