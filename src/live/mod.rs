//! The live feed, for the page and every embed: the [`Poller`] fills signals that the views
//! read, and a clock ages the data on screen while polls fail.

pub(crate) mod browser;
pub mod intake;
pub mod poll;
pub(crate) mod setup;

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::live::intake::Intake;
use crate::live::poll::Poller;
use crate::logic::feed::{Article, Feed, FeedError, Parsed, Publisher, TickerEntry};
use crate::logic::format::NumberStyle;
use crate::logic::freshness::delayed_text;
use crate::logic::reception::Shows;

/// Where the feed stands, as the reader should be told.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedStatus {
    Loading,
    /// Good data is on screen.
    Live,
    /// No good data has ever arrived: why.
    Failed(String),
}

/// The feed as signals, provided as context by [`start`].
#[derive(Clone, Copy)]
pub struct LiveFeed {
    /// The tickers of the latest good poll, selected by `symbols=`; notifies on every one.
    pub tickers: RwSignal<Vec<TickerEntry>>,
    /// How prices are written: the reader's locale, in the feed's quote currency.
    pub style: RwSignal<NumberStyle>,
    /// "updated 4 min ago" once failing polls have left the data on screen unconfirmed for a
    /// few refresh periods; `None` while it is current.
    pub delayed: Signal<Option<String>>,
    /// Newest first. Replaced only when an article changed, so views of unchanged articles
    /// stay as they are.
    pub articles: RwSignal<Vec<Article>>,
    pub publisher: RwSignal<Option<Publisher>>,
    pub status: RwSignal<FeedStatus>,
    /// When the data on screen was last confirmed current (a good poll, or an unchanged feed),
    /// in ms since the epoch; whether polls are failing now; and the clock that ages the data
    /// while they do (it only ticks then).
    confirmed_at: RwSignal<Option<f64>>,
    failing: RwSignal<bool>,
    now: RwSignal<f64>,
    ticking: StoredValue<Option<IntervalHandle>>,
    intake: StoredValue<Intake>,
    /// Asks for a poll now (the Retry button).
    poller: StoredValue<Option<Rc<Poller>>, LocalStorage>,
}

impl LiveFeed {
    /// An empty feed, loading.
    pub fn new(intake: Intake, refresh_ms: u64) -> Self {
        let confirmed_at = RwSignal::new(None::<f64>);
        let failing = RwSignal::new(false);
        let now = RwSignal::new(0.0_f64);
        let delayed = Signal::derive(move || {
            if !failing.get() {
                return None;
            }
            let age = (now.get() - confirmed_at.get()?).max(0.0) as u64;
            delayed_text(age, refresh_ms)
        });
        Self {
            style: RwSignal::new(intake.style().clone()),
            delayed,
            tickers: RwSignal::new(Vec::new()),
            articles: RwSignal::new(Vec::new()),
            publisher: RwSignal::new(None),
            status: RwSignal::new(FeedStatus::Loading),
            confirmed_at,
            failing,
            now,
            ticking: StoredValue::new(None),
            intake: StoredValue::new(intake),
            poller: StoredValue::new_local(None),
        }
    }

    pub fn retry(&self) {
        if let Some(poller) = self.poller.get_value() {
            poller.poll_now();
        }
    }

    /// The feed's own URL, once polling has started.
    pub fn feed_url(&self) -> Option<String> {
        self.poller
            .with_value(|poller| poller.as_ref().map(|p| p.url.clone()))
    }

    /// A feed's URL for an image or icon: relative ones are relative to the feed itself.
    pub fn asset_url(&self, url: &str) -> String {
        match self.feed_url() {
            Some(feed) => browser::resolve_against(url, &feed),
            None => browser::resolve(url),
        }
    }
}

impl Shows for LiveFeed {
    /// Puts a validated feed on screen: the tickers always (the ticker writes what changed),
    /// articles and publisher when they changed.
    fn show(&self, feed: Feed) -> bool {
        let Some((feed, style)) = self
            .intake
            .try_update_value(|intake| Some((intake.accept(feed)?, intake.style().clone())))
            .flatten()
        else {
            return false;
        };
        set_if_changed(self.style, style);
        self.tickers.set(feed.tickers);
        set_if_changed(self.articles, feed.articles);
        set_if_changed(self.publisher, feed.publisher);
        set_if_changed(self.status, FeedStatus::Live);
        true
    }

    fn fail(&self, reason: String) {
        web_sys::console::error_1(&format!("Tapewire: {reason}").into());
        if !self.intake.with_value(Intake::has_shown) {
            self.status.set(FeedStatus::Failed(reason));
        }
        if !self.failing.get_untracked() {
            self.failing.set(true);
            self.now.set(js_sys::Date::now());
            let now = self.now;
            let tick = set_interval_with_handle(
                move || now.set(js_sys::Date::now()),
                Duration::from_secs(1),
            );
            self.ticking.set_value(tick.ok());
        }
    }

    fn confirm(&self) {
        self.confirmed_at.set(Some(js_sys::Date::now()));
        if self.failing.get_untracked() {
            self.failing.set(false);
            if let Some(tick) = self.ticking.get_value() {
                tick.clear();
            }
        }
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// Where the feed comes from and how it is shown.
pub struct Source {
    pub url: String,
    /// Between polls (while the page is visible).
    pub refresh: Duration,
    /// Which tickers, in which order; `None`: all.
    pub symbols: Option<Vec<String>>,
    /// How numbers are written; `None`: the reader's locale.
    pub locale: Option<String>,
    /// How a body is read: [`crate::logic::feed::parse_feed`], or [`crate::logic::feed::parse_ticker_feed`]
    /// for a view that shows prices only.
    pub read: fn(&str) -> Result<Parsed, FeedError>,
}

/// Starts polling the feed (paused while the page is hidden) and provides the resulting
/// [`LiveFeed`] as context.
pub fn start(source: Source) -> LiveFeed {
    let refresh_ms = u64::try_from(source.refresh.as_millis()).unwrap_or(u64::MAX);
    let live = LiveFeed::new(Intake::new(source.locale, source.symbols), refresh_ms);
    let poller = Poller::start(source.url, refresh_ms, source.read, Rc::new(live));
    live.poller.set_value(Some(poller));
    provide_context(live);
    live
}
