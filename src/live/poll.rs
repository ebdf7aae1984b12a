//! Fetches the feed on a timer while the page is visible, backing off while it fails, and hands
//! each usable feed to whoever shows it.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos_use_document_visibility::use_document_visibility;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::VisibilityState;

use crate::live::browser::{self, window};
use crate::logic::feed::{decode_body, FeedError, Parsed, MAX_FEED_BYTES};
use crate::logic::freshness::next_poll_ms;
use crate::logic::reception::{Outcome, Reception, Shows};

/// A feed that has not answered by then has failed; the next poll tries again.
pub(crate) const FETCH_TIMEOUT_MS: u32 = 15_000;

pub struct Poller {
    pub url: String,
    refresh_ms: u64,
    shows: Rc<dyn Shows>,
    /// The pending poll's timeout id, and the one callback every timeout calls.
    timer: Cell<Option<i32>>,
    tick: OnceCell<Closure<dyn Fn()>>,
    in_flight: Cell<bool>,
    /// Failed polls in a row: retries back off while the feed fails.
    failures: Cell<u32>,
    /// What each answer does to the data on screen.
    reception: RefCell<Reception>,
    /// Whether the page began to unload while a request was in flight, and the listener that
    /// notices. Firefox and WebKit reject a request that a reload or a navigation cuts short
    /// as a network error: that is no failure of the feed, and nothing to tell the reader. The
    /// listener is there only while a request is: a `beforeunload` listener keeps Firefox
    /// from keeping the page for Back, and so does a pending request anyway.
    leaving: Rc<Cell<bool>>,
    on_leaving: OnceCell<Closure<dyn Fn()>>,
}

impl Poller {
    /// Polls `url` now, then every `refresh_ms` while the page is visible (at once when it
    /// shows again), reading each body with `read` ([`crate::logic::feed::parse_feed`], or
    /// [`crate::logic::feed::parse_ticker_feed`] for a view that shows prices only). Polling lasts as
    /// long as the reactive owner it starts in (the app's).
    pub fn start(
        url: String,
        refresh_ms: u64,
        read: fn(&str) -> Result<Parsed, FeedError>,
        shows: Rc<dyn Shows>,
    ) -> Rc<Self> {
        let poller = Rc::new(Self {
            url,
            refresh_ms,
            shows,
            timer: Cell::new(None),
            tick: OnceCell::new(),
            in_flight: Cell::new(false),
            failures: Cell::new(0),
            reception: RefCell::new(Reception::new(read)),
            leaving: Rc::default(),
            on_leaving: OnceCell::new(),
        });
        let visibility = use_document_visibility();
        let watched = Rc::downgrade(&poller);
        Effect::watch(
            move || visibility.get(),
            move |visibility, _, _| {
                let Some(poller) = watched.upgrade() else {
                    return;
                };
                if *visibility == VisibilityState::Visible {
                    poller.poll_now();
                } else {
                    poller.cancel_timer();
                }
            },
            false,
        );
        poller.poll_now();
        poller
    }

    /// Polls at once (unless a poll is on its way): the Retry button, a page shown again.
    pub fn poll_now(self: &Rc<Self>) {
        self.cancel_timer();
        if self.in_flight.replace(true) {
            return;
        }
        let this = self.clone();
        self.watch_unload(true);
        wasm_bindgen_futures::spawn_local(async move {
            let result = fetch_text(&this.url).await;
            this.in_flight.set(false);
            this.watch_unload(false);
            let cut_short = result.is_err() && this.leaving.get();
            let outcome = (!cut_short).then(|| {
                this.reception
                    .borrow_mut()
                    .receive(result, this.shows.as_ref(), browser::warn)
            });
            match outcome {
                Some(Outcome::Current) => this.failures.set(0),
                Some(Outcome::Failed) => this.failures.set(this.failures.get().saturating_add(1)),
                Some(Outcome::Older) | None => {}
            }
            // Unless the page does go away (an unload can be cancelled), polling goes on.
            if browser::page_is_visible() {
                this.schedule();
            }
        });
    }

    fn schedule(self: &Rc<Self>) {
        let delay = next_poll_ms(self.refresh_ms, self.failures.get(), js_sys::Math::random());
        // One callback for every poll: a closure per timeout would cost memory per poll for as
        // long as the page is open (wasm-bindgen keeps a little of each one-shot closure).
        let tick = self.tick.get_or_init(|| {
            let poller = Rc::downgrade(self);
            Closure::new(move || {
                if let Some(poller) = poller.upgrade() {
                    poller.poll_now();
                }
            })
        });
        let delay = i32::try_from(delay).unwrap_or(i32::MAX);
        if let Ok(id) = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            delay,
        ) {
            self.timer.set(Some(id));
        }
    }

    /// Starts (`true`) or stops noticing that the page unloads.
    fn watch_unload(&self, on: bool) {
        let listener = self.on_leaving.get_or_init(|| {
            let leaving = self.leaving.clone();
            Closure::new(move || leaving.set(true))
        });
        let callback = listener.as_ref().unchecked_ref();
        let window = window();
        let _ = if on {
            self.leaving.set(false);
            window.add_event_listener_with_callback("beforeunload", callback)
        } else {
            window.remove_event_listener_with_callback("beforeunload", callback)
        };
    }

    fn cancel_timer(&self) {
        if let Some(id) = self.timer.take() {
            window().clear_timeout_with_handle(id);
        }
    }
}

/// GETs the feed revalidating with the browser cache: `no-cache` sends the ETag or
/// Last-Modified it holds, so an unchanged feed costs a 304 and comes back as the cached body.
async fn fetch_text(url: &str) -> Result<String, String> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS);
    let response = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .abort_signal(Some(&timeout))
        .send()
        .await
        .map_err(|error| match &error {
            gloo_net::Error::JsError(js) if js.name == "TimeoutError" => format!(
                "The feed did not answer within {} seconds.",
                FETCH_TIMEOUT_MS / 1000
            ),
            _ => format!("The feed could not be loaded ({error})."),
        })?;
    // A feed far over the limit is refused before its body is read.
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|length| length.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|bytes| *bytes > MAX_FEED_BYTES) {
        return Err(FeedError::TooLarge { bytes }.to_string());
    }
    if !response.ok() {
        return Err(format!(
            "The feed could not be loaded: the server answered {} {}.",
            response.status(),
            response.status_text()
        ));
    }
    // The bytes, decoded here: a copy into wasm memory and a UTF-8 check cost far less than
    // handing over a JavaScript string, which wasm-bindgen re-encodes character by character.
    let bytes = response
        .binary()
        .await
        .map_err(|error| format!("The feed could not be read ({error})."))?;
    Ok(decode_body(bytes))
}
