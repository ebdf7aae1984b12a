//! `embed=ticker`: the ticker alone, in a bundle of its own (`src/bin/ticker.rs`, picked by
//! `boot.js`). Written with web-sys and no Leptos: Leptos's runtime and views alone weighed more
//! than the embed's whole 64 KB budget (BENCHMARKS.md).

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser::{self, document, window};
use crate::dom::{append, attrs, element, listen};
use crate::feed::{parse_ticker_feed, Feed};
use crate::freshness::delayed_text;
use crate::intake::Intake;
use crate::poll::Poller;
use crate::reception::Shows;
use crate::setup::{feed_address, read_config, refused_text, ticker_options};
use crate::ticker::Ticker;

/// Reads the query, mounts the ticker and starts polling; all of it lasts as long as the page.
pub fn run() {
    let query = browser::query_pairs();
    let config = read_config(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let Some(body) = document().body() else {
        return;
    };
    let (url, refused) = feed_address(&config);
    if let Some(given) = refused {
        let note = element("p", "tw-note tw-refused");
        attrs(&note, &[("role", "status")]);
        note.set_text_content(Some(&refused_text(&given)));
        append(&body, &[&note]);
    }
    let ticker = Ticker::mount(&body, ticker_options(&config));
    let (problem, retry) = problem();
    let refresh_ms = u64::from(config.refresh_secs) * 1000;
    let locale = config.locale.as_deref().and_then(browser::known_locale);
    let feed = Rc::new_cyclic(|this| TickerFeed {
        this: this.clone(),
        ticker,
        intake: RefCell::new(Intake::new(locale, config.symbols)),
        body: body.into(),
        problem,
        refresh_ms,
        confirmed_at: Cell::new(None),
        clock: Cell::new(None),
        tick: OnceCell::new(),
    });
    let poller = Poller::start(url, refresh_ms, parse_ticker_feed, feed);
    // The Retry button holds the poller, for as long as the page.
    listen(&retry, "click", move |_| poller.poll_now()).forget();
}

/// Shows each poll in the ticker, says why nothing could be shown, and marks prices that
/// failing polls have left unconfirmed.
struct TickerFeed {
    this: Weak<Self>,
    ticker: Ticker,
    intake: RefCell<Intake>,
    body: Element,
    /// Why no good data ever came, with a Retry button: on the page only then.
    problem: Element,
    refresh_ms: u64,
    /// When the data on screen was last confirmed current, in ms since the epoch.
    confirmed_at: Cell<Option<f64>>,
    /// While polls fail, the interval that ages the data on screen each second.
    clock: Cell<Option<i32>>,
    tick: OnceCell<Closure<dyn Fn()>>,
}

impl TickerFeed {
    fn show_age(&self) {
        let Some(confirmed_at) = self.confirmed_at.get() else {
            return;
        };
        let age = (js_sys::Date::now() - confirmed_at).max(0.0) as u64;
        self.ticker
            .set_delayed(delayed_text(age, self.refresh_ms).as_deref());
    }
}

impl Shows for TickerFeed {
    fn show(&self, feed: Feed) -> bool {
        let mut intake = self.intake.borrow_mut();
        let Some(feed) = intake.accept(feed) else {
            return false;
        };
        self.ticker.show(feed.tickers, intake.style());
        self.problem.remove();
        true
    }

    fn fail(&self, reason: String) {
        web_sys::console::error_1(&format!("Tapewire: {reason}").into());
        if !self.intake.borrow().has_shown() {
            if let Some(text) = self.problem.first_element_child() {
                text.set_text_content(Some(&reason));
            }
            append(&self.body, &[&self.problem]);
        }
        if self.clock.get().is_some() {
            return;
        }
        self.show_age();
        let tick = self.tick.get_or_init(|| {
            // The poller holds the feed; its clock, only weakly.
            let this = self.this.clone();
            Closure::new(move || {
                if let Some(feed) = this.upgrade() {
                    feed.show_age();
                }
            })
        });
        self.clock.set(
            window()
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    1000,
                )
                .ok(),
        );
    }

    fn confirm(&self) {
        self.confirmed_at.set(Some(js_sys::Date::now()));
        if let Some(clock) = self.clock.take() {
            window().clear_interval_with_handle(clock);
        }
        self.ticker.set_delayed(None);
    }
}

/// `<div class="tw-problem" role="alert"><p>{reason}</p><button>Retry</button></div>`, and its
/// button.
fn problem() -> (Element, Element) {
    let problem = element("div", "tw-problem");
    attrs(&problem, &[("role", "alert")]);
    let retry = element("button", "tw-button");
    attrs(&retry, &[("type", "button")]);
    retry.set_text_content(Some("Retry"));
    append(&problem, &[&element("p", ""), &retry]);
    (problem, retry)
}
