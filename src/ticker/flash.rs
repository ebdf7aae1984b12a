//! Flashes moved prices where the reader can see them. A poll that moves a thousand prices
//! animates the dozen items on screen, not every copy of every item: requests are gathered
//! and handled in the next frame, where one layout serves every position read.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::motion::flash;
use crate::format::Direction;

/// Provided by the ticker to its items.
#[derive(Clone, Copy)]
pub struct Flasher(StoredValue<Rc<Pending>, LocalStorage>);

pub struct Pending {
    viewport: NodeRef<Div>,
    queue: RefCell<Vec<(Element, Direction)>>,
    scheduled: Cell<bool>,
    /// One callback for every frame: a closure per frame would cost memory per poll.
    frame: OnceCell<Closure<dyn Fn()>>,
}

impl Flasher {
    /// A flasher for the items inside `viewport`.
    pub fn new(viewport: NodeRef<Div>) -> Self {
        Self(StoredValue::new_local(Rc::new(Pending {
            viewport,
            queue: RefCell::default(),
            scheduled: Cell::new(false),
            frame: OnceCell::new(),
        })))
    }

    /// Flashes `element` in the next frame if it is then in view.
    pub fn request(&self, element: Element, direction: Direction) {
        let pending = self.0.get_value();
        pending.queue.borrow_mut().push((element, direction));
        if pending.scheduled.replace(true) {
            return;
        }
        let frame = pending.frame.get_or_init(|| {
            let pending: Weak<Pending> = Rc::downgrade(&pending);
            Closure::new(move || {
                if let Some(pending) = pending.upgrade() {
                    pending.flash_visible();
                }
            })
        });
        if window()
            .request_animation_frame(frame.as_ref().unchecked_ref())
            .is_err()
        {
            pending.scheduled.set(false);
        }
    }
}

impl Pending {
    fn flash_visible(&self) {
        self.scheduled.set(false);
        let queue = std::mem::take(&mut *self.queue.borrow_mut());
        let Some(viewport) = self.viewport.get_untracked() else {
            return;
        };
        let view = viewport.get_bounding_client_rect();
        // Every position first, then every animation: starting an animation invalidates style,
        // and a position read after it would lay the page out again.
        let in_view: Vec<_> = queue
            .into_iter()
            .filter(|(element, _)| {
                let item = element.get_bounding_client_rect();
                item.right() > view.left() && item.left() < view.right()
            })
            .collect();
        for (element, direction) in in_view {
            flash(&element, direction);
        }
    }
}
