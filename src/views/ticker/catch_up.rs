//! Puts a poll's new prices on screen without a stutter, and flashes the ones the reader sees
//! move. Writing a thousand moved prices in one task (formatting each, rewriting two thousand
//! text nodes, laying out and painting the whole track again) took about 150 ms of main thread.
//! So the items in view, and half a screen either side, are written at once, and the rest one
//! chunk per idle period: each write then lays out and repaints one chunk, or nothing at all if
//! the chunk is out of view (see [`super::CHUNK`]).
//!
//! The places read to choose what to write now also choose what flashes: every place is read
//! before anything is written or animated, so the task lays the page out once at most. Rows
//! written later were half a screen or more out of view when the poll came, so they do not
//! flash.

use std::cell::{Cell, OnceCell};

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element};

use super::motion::flash;
use super::{TickerState, CHUNK};
use crate::live::browser::window;

/// The longest a chunk waits for an idle period: a main thread that is never idle (a busy host
/// page, a slow machine) still gets every price, a chunk at a time.
const IDLE_WAIT_MS: u32 = 100;

#[derive(Default)]
pub struct CatchUp {
    scheduled: Cell<bool>,
    /// The first chunk that may still wait: the idle periods write chunks in order, so those
    /// before it are on screen (a poll starts it over).
    next_chunk: Cell<usize>,
    /// One callback for every idle period: a closure per call would cost memory per poll.
    idle: OnceCell<Closure<dyn Fn()>>,
}

/// The ticker's state, as the idle callback reaches it: it may outlive the ticker.
type Handle = StoredValue<TickerState, LocalStorage>;

impl TickerState {
    /// Writes the waiting rows near the view now (all of them in a short list), flashing the
    /// moved prices in view, and the other rows later. A changed list is in place before this
    /// runs, so the item at a row's place is that row's.
    pub(super) fn prices_arrived(&self, handle: Handle) {
        let view = self.view();
        let style = self.style.get_untracked();
        let mut rows = self.rows.borrow_mut();
        let all_now = rows.len() <= CHUNK;
        let near = view.as_ref().map(|view| view.near_items(rows.len()));
        let mut near = near.unwrap_or_default().into_iter().peekable();
        let mut later = false;
        for (index, row) in rows.iter_mut().enumerate() {
            let in_view = near
                .next_if(|item| item.row == index)
                .map(|item| item.in_view);
            if in_view.is_none() && !all_now {
                // One waiting row is enough to ask for an idle period.
                later = later || row.is_pending();
                continue;
            }
            let Some(direction) = row.put_on_screen(&style) else {
                continue;
            };
            // The items are Leptos's; their places, and the animation on them, are the
            // browser's alone: the moved item's link in each copy in view flashes.
            for copy in in_view.into_iter().flatten() {
                let link = view.as_ref().and_then(|view| view.item_link(copy, index));
                if let Some(link) = link {
                    row.flashing(copy, flash(&link, direction));
                }
            }
        }
        drop(rows);
        if later {
            self.catch_up.next_chunk.set(0);
            self.schedule(handle);
        }
    }

    /// The viewport and the copies' places; `None` before the ticker is on the page.
    fn view(&self) -> Option<View> {
        let track = self.track.get_untracked()?;
        let copies = track.children();
        let copies: Vec<Element> = (0..copies.length())
            .filter_map(|index| copies.item(index))
            .collect();
        let first = copies.first()?.clone();
        let left = |element: &Element| element.get_bounding_client_rect().left();
        let origin = left(&first);
        Some(View {
            rect: self.viewport.get_untracked()?.get_bounding_client_rect(),
            shifts: copies.iter().map(|copy| left(copy) - origin).collect(),
            first,
            copies,
        })
    }

    fn schedule(&self, handle: Handle) {
        let catch_up = &self.catch_up;
        if catch_up.scheduled.replace(true) {
            return;
        }
        let idle = catch_up.idle.get_or_init(|| {
            Closure::new(move || {
                handle.try_with_value(|ticker| ticker.slice(handle));
            })
        });
        let window = window();
        let callback = idle.as_ref().unchecked_ref();
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_WAIT_MS);
        // Safari has no requestIdleCallback: a task of its own still leaves frames free.
        let asked = window
            .request_idle_callback_with_options(callback, &options)
            .is_ok()
            || window.set_timeout_with_callback(callback).is_ok();
        if !asked {
            catch_up.scheduled.set(false);
        }
    }

    /// Writes the first chunk still waiting; asks for another idle period while any are left.
    fn slice(&self, handle: Handle) {
        let catch_up = &self.catch_up;
        catch_up.scheduled.set(false);
        let style = self.style.get_untracked();
        let mut rows = self.rows.borrow_mut();
        let from = catch_up.next_chunk.get();
        let mut waiting = rows
            .chunks_mut(CHUNK)
            .enumerate()
            .skip(from)
            .filter(|(_, chunk)| chunk.iter().any(|row| row.is_pending()));
        if let Some((index, chunk)) = waiting.next() {
            for row in chunk {
                row.put_on_screen(&style);
            }
            catch_up.next_chunk.set(index + 1);
        }
        let more = waiting.next().is_some();
        drop(rows);
        if more {
            self.schedule(handle);
        }
    }
}

/// Where the viewport is, and where each copy stands from the first: an item of the first copy
/// is near the view, or in it, if it or one of its repeats is.
struct View {
    rect: DomRect,
    shifts: Vec<f64>,
    first: Element,
    copies: Vec<Element>,
}

/// A row whose item is within half a screen of the view, and the copies in which it is in view.
struct NearItem {
    row: usize,
    in_view: Vec<usize>,
}

impl View {
    /// The link of the `row`th item in copy `copy`: chunk by chunk, as the copies lay them out.
    fn item_link(&self, copy: usize, row: usize) -> Option<Element> {
        let chunk = self
            .copies
            .get(copy)?
            .children()
            .item((row / CHUNK) as u32)?;
        chunk
            .children()
            .item((row % CHUNK) as u32)?
            .first_element_child()
    }

    /// The rows (of `count`) near the view, in order.
    fn near_items(&self, count: usize) -> Vec<NearItem> {
        let margin = self.rect.width() / 2.0;
        let first_chunks = self.first.children();
        let mut near = Vec::new();
        for (chunk, start) in (0..count).step_by(CHUNK).enumerate() {
            let chunk = u32::try_from(chunk).unwrap_or(u32::MAX);
            // Only a chunk near the view has items near it.
            let Some(items) = first_chunks
                .item(chunk)
                .filter(|element| {
                    let rect = element.get_bounding_client_rect();
                    self.copies_within(&rect, margin).next().is_some()
                })
                .map(|element| element.children())
            else {
                continue;
            };
            for (offset, item) in (0..items.length()).filter_map(|i| Some((i, items.item(i)?))) {
                let rect = item.get_bounding_client_rect();
                if self.copies_within(&rect, margin).next().is_none() {
                    continue;
                }
                let in_view = self.copies_within(&rect, 0.0).collect();
                near.push(NearItem {
                    row: start + offset as usize,
                    in_view,
                });
            }
        }
        near
    }

    /// The copies in which the repeat of what stands at `rect` in the first copy comes within
    /// `margin` of the view.
    fn copies_within<'a>(
        &'a self,
        rect: &DomRect,
        margin: f64,
    ) -> impl Iterator<Item = usize> + 'a {
        let (left, right) = (rect.left(), rect.right());
        let (from, to) = (self.rect.left() - margin, self.rect.right() + margin);
        self.shifts
            .iter()
            .enumerate()
            .filter(move |(_, shift)| right + **shift > from && left + **shift < to)
            .map(|(copy, _)| copy)
    }
}
