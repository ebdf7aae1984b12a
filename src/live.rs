//! The live-update engine: polls the feed, validates it and merges it into signals.
//!
//! Each ticker is a [`TickerRow`] of signals, so a new price patches one text node per copy of
//! the track; the list itself is replaced only when symbols come, go or change order. A poll
//! only files each row's new prices; the ticker decides when they go on screen
//! ([`LiveFeed::put_on_screen`]): those in view at once, the rest in idle time.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::decimal::Decimal;
use crate::feed::{
    decode_body, Article, Feed, FeedError, Parsed, Publisher, Ticker, MAX_FEED_BYTES,
};
use crate::format::{Direction, FormattedPrice, NumberStyle};
use crate::freshness::{age_text, is_delayed, next_poll_ms};
use crate::merge::merge_keyed;
use crate::quote::{price_move, Quote};
use crate::select::select_tickers;

/// A feed that has not answered by then has failed; the next poll tries again.
const FETCH_TIMEOUT_MS: u32 = 15_000;

/// One ticker on screen. Cloning shares the same signals.
#[derive(Clone)]
pub struct TickerRow {
    pub symbol: Arc<str>,
    pub name: RwSignal<Option<String>>,
    pub url: RwSignal<Option<String>>,
    pub quote: QuoteSignals,
    /// Recent prices, oldest first, for a sparkline.
    pub history: RwSignal<Vec<f64>>,
    /// The price on screen, and the newest data not yet there.
    price: StoredValue<Option<Decimal>>,
    pending: StoredValue<Option<Ticker>>,
}

impl TickerRow {
    fn new(ticker: Ticker, style: &NumberStyle) -> Self {
        Self {
            symbol: ticker.symbol.as_str().into(),
            quote: QuoteSignals::new(Quote::of(&ticker, style)),
            name: RwSignal::new(ticker.name),
            history: RwSignal::new(ticker.history),
            url: RwSignal::new(ticker.url),
            price: StoredValue::new(ticker.price),
            pending: StoredValue::new(None),
        }
    }

    /// Whether newer data waits to go on screen.
    pub fn is_pending(&self) -> bool {
        self.pending.with_value(Option::is_some)
    }

    /// Patches only what changed: setting a signal to an equal value would still notify.
    /// Returns the way the price moved, if it did.
    fn update(&self, ticker: Ticker, style: &NumberStyle) -> Option<Direction> {
        let quote = Quote::of(&ticker, style);
        let moved = price_move(self.price.get_value().as_ref(), ticker.price.as_ref());
        self.price.set_value(ticker.price);
        self.quote.set(quote);
        set_if_changed(self.name, ticker.name);
        set_if_changed(self.url, ticker.url);
        set_if_changed(self.history, ticker.history);
        moved
    }
}

/// A [`Quote`] as one signal per part that changes on its own: a new price notifies what shows
/// the price, not the change or its colour, and the exact value of a compact price (its tooltip
/// and accessible name) only when there is one. A poll moving a thousand prices then runs two
/// effects per item on screen instead of seven.
#[derive(Clone, Copy)]
pub struct QuoteSignals {
    /// The price as shown: `$77,124.50`, `$0.0₄1234`, `—`.
    pub text: RwSignal<String>,
    /// The exact price when the one shown is compact.
    pub exact: RwSignal<Option<String>>,
    pub change: RwSignal<Option<String>>,
    pub direction: RwSignal<Direction>,
}

impl QuoteSignals {
    fn new(quote: Quote) -> Self {
        Self {
            exact: RwSignal::new(exact_price(&quote.price)),
            text: RwSignal::new(quote.price.text),
            change: RwSignal::new(quote.change),
            direction: RwSignal::new(quote.direction),
        }
    }

    fn set(&self, quote: Quote) {
        set_if_changed(self.exact, exact_price(&quote.price));
        set_if_changed(self.text, quote.price.text);
        set_if_changed(self.change, quote.change);
        set_if_changed(self.direction, quote.direction);
    }
}

/// The exact value of a price shown compact; `None` when the shown text is exact already.
fn exact_price(price: &FormattedPrice) -> Option<String> {
    price.compact.then(|| price.full.clone())
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

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
    pub tickers: RwSignal<Vec<TickerRow>>,
    /// Newest first. Replaced only when an article changed, so views of unchanged articles
    /// stay as they are.
    pub articles: RwSignal<Vec<Article>>,
    pub publisher: RwSignal<Option<Publisher>>,
    pub status: RwSignal<FeedStatus>,
    /// Notifies when a poll left new data in rows ([`TickerRow::is_pending`]).
    pub prices_pending: Trigger,
    /// When the data on screen was last confirmed current (a good poll, or an unchanged feed),
    /// in ms since the epoch; whether polls are failing now; and the clock that ages the data
    /// while they do (it only ticks then).
    confirmed_at: RwSignal<Option<f64>>,
    failing: RwSignal<bool>,
    now: RwSignal<f64>,
    ticking: StoredValue<Option<IntervalHandle>>,
    refresh_ms: StoredValue<u64>,
    /// How prices are written, and for which quote currency.
    style: StoredValue<(String, NumberStyle)>,
    /// `locale=`, for the style of another quote currency; `None` is the reader's.
    locale: StoredValue<Option<String>>,
    /// Whether good data is on screen, and the `updated_at` it carried (to refuse older feeds).
    shown: StoredValue<Option<Option<i64>>>,
    /// `symbols=`: which tickers to show, in which order; and the wanted symbols last found
    /// missing from the feed (said once per change, not on every poll).
    symbols: StoredValue<Option<Vec<String>>>,
    missing: StoredValue<Vec<String>>,
    /// Asks for a poll now (the Retry button).
    poller: StoredValue<Option<Rc<Poller>>, LocalStorage>,
}

impl LiveFeed {
    /// An empty feed, loading, whose dollar prices will be written in `style` (another quote
    /// currency asks the browser for its style when a feed names it).
    pub fn new(style: NumberStyle) -> Self {
        Self {
            tickers: RwSignal::new(Vec::new()),
            articles: RwSignal::new(Vec::new()),
            publisher: RwSignal::new(None),
            status: RwSignal::new(FeedStatus::Loading),
            prices_pending: Trigger::new(),
            confirmed_at: RwSignal::new(None),
            failing: RwSignal::new(false),
            now: RwSignal::new(0.0),
            ticking: StoredValue::new(None),
            refresh_ms: StoredValue::new(30_000),
            style: StoredValue::new(("USD".to_owned(), style)),
            locale: StoredValue::new(None),
            shown: StoredValue::new(None),
            symbols: StoredValue::new(None),
            missing: StoredValue::new(Vec::new()),
            poller: StoredValue::new_local(None),
        }
    }

    /// Puts a validated feed on screen, patching what changed. A feed older than the one on
    /// screen (by `updated_at`) is refused: returns whether it was shown.
    pub fn show(&self, feed: Feed) -> bool {
        let updated_ms = feed.updated_at.as_ref().map(|at| at.unix_ms);
        if is_older(updated_ms, self.shown.get_value().flatten()) {
            browser::warn("the feed's updated_at is older than the data on screen; ignored");
            return false;
        }
        if self
            .style
            .with_value(|(currency, _)| *currency != feed.quote_currency)
        {
            let style = self.locale.with_value(|locale| {
                browser::number_style(locale.as_deref(), &feed.quote_currency)
            });
            self.style.set_value((feed.quote_currency, style));
        }
        let tickers = self.selected(feed.tickers);
        self.merge_tickers(tickers);
        set_if_changed(self.articles, feed.articles);
        set_if_changed(self.publisher, feed.publisher);
        self.shown.set_value(Some(updated_ms));
        set_if_changed(self.status, FeedStatus::Live);
        true
    }

    /// Writes the newest data `row` holds on screen; returns the way its price moved, if it
    /// did (the ticker flashes it).
    pub fn put_on_screen(&self, row: &TickerRow) -> Option<Direction> {
        let ticker = row.pending.try_update_value(Option::take).flatten()?;
        self.style
            .with_value(|(_, style)| row.update(ticker, style))
    }

    /// Reports a feed that could not be used. Data already on screen stays there, and ages.
    pub fn fail(&self, reason: String) {
        web_sys::console::error_1(&format!("Tapewire: {reason}").into());
        if self.shown.get_value().is_none() {
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

    /// The data on screen is current as of now.
    pub fn confirm(&self) {
        self.confirmed_at.set(Some(js_sys::Date::now()));
        if self.failing.get_untracked() {
            self.failing.set(false);
            if let Some(tick) = self.ticking.get_value() {
                tick.clear();
            }
        }
    }

    /// "updated 4 min ago" once failing polls have left the data on screen unconfirmed for a
    /// few refresh periods; `None` while it is current.
    pub fn delayed(&self) -> Option<String> {
        if !self.failing.get() {
            return None;
        }
        let age = (self.now.get() - self.confirmed_at.get()?).max(0.0) as u64;
        is_delayed(age, self.refresh_ms.get_value()).then(|| format!("updated {}", age_text(age)))
    }

    pub fn retry(&self) {
        if let Some(poller) = self.poller.get_value() {
            poller.poll_now();
        }
    }

    /// A feed's URL for an image or icon: relative ones are relative to the feed itself.
    pub fn asset_url(&self, url: &str) -> String {
        match self
            .poller
            .with_value(|poller| poller.as_ref().map(|p| p.url.clone()))
        {
            Some(feed) => browser::resolve_against(url, &feed),
            None => browser::resolve(url),
        }
    }

    /// Shows only `symbols` (all when `None`), in their order.
    pub fn select(&self, symbols: Option<Vec<String>>) {
        self.symbols.set_value(symbols);
    }

    fn selected(&self, tickers: Vec<Ticker>) -> Vec<Ticker> {
        let Some(wanted) = self.symbols.get_value() else {
            return tickers;
        };
        let selection = select_tickers(tickers, &wanted);
        if self
            .missing
            .with_value(|missing| *missing != selection.missing)
        {
            if !selection.missing.is_empty() {
                let all = selection.missing.len() == wanted.len();
                browser::warn(&format!(
                    "symbols: the feed has no {}{}",
                    selection.missing.join(", "),
                    if all { "; showing every ticker" } else { "" }
                ));
            }
            self.missing.set_value(selection.missing);
        }
        selection.tickers
    }

    fn merge_tickers(&self, tickers: Vec<Ticker>) {
        let current = self.tickers.get_untracked();
        let before: Vec<Arc<str>> = current.iter().map(|row| row.symbol.clone()).collect();
        let mut filed = false;
        self.style.with_value(|(_, style)| {
            let rows = merge_keyed(
                current,
                tickers,
                |row| row.symbol.clone(),
                |ticker| ticker.symbol.as_str(),
                |row, ticker| {
                    row.pending.set_value(Some(ticker));
                    filed = true;
                },
                |ticker| TickerRow::new(ticker, style),
            );
            // Rows kept keep their nodes; the list only changes (and the keyed list diffs)
            // when symbols came, went or moved.
            if !rows.iter().map(|row| &row.symbol).eq(before.iter()) {
                self.tickers.set(rows);
            }
        });
        // After the list: its views are rendered anew before the ticker reads their places.
        if filed {
            self.prices_pending.notify();
        }
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
    /// How a body is read: [`crate::feed::parse_feed`], or [`crate::feed::parse_ticker_feed`] for a view
    /// that shows prices only.
    pub read: fn(&str) -> Result<Parsed, FeedError>,
}

/// Starts polling the feed (paused while the page is hidden) and provides the resulting
/// [`LiveFeed`] as context.
pub fn start(source: Source) -> LiveFeed {
    // Prices are in dollars until a feed names another currency.
    let live = LiveFeed::new(browser::number_style(source.locale.as_deref(), "USD"));
    live.locale.set_value(source.locale);
    live.select(source.symbols);
    live.refresh_ms
        .set_value(u64::try_from(source.refresh.as_millis()).unwrap_or(u64::MAX));
    let poller = Rc::new(Poller {
        url: source.url,
        read: source.read,
        live,
        timer: Cell::new(None),
        tick: OnceCell::new(),
        in_flight: Cell::new(false),
        failures: Cell::new(0),
        last_body: RefCell::new(None),
    });
    live.poller.set_value(Some(poller.clone()));
    let visibility = poller.clone();
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if browser::page_is_visible() {
            visibility.poll_now();
        } else {
            visibility.cancel_timer();
        }
    });
    on_cleanup(move || listener.remove());
    poller.poll_now();
    provide_context(live);
    live
}

/// Fetches the feed on a timer while the page is visible.
struct Poller {
    url: String,
    read: fn(&str) -> Result<Parsed, FeedError>,
    live: LiveFeed,
    /// The pending poll's timeout id, and the one callback every timeout calls.
    timer: Cell<Option<i32>>,
    tick: OnceCell<Closure<dyn Fn()>>,
    in_flight: Cell<bool>,
    /// Failed polls in a row: retries back off while the feed fails.
    failures: Cell<u32>,
    /// The last body fetched: an identical body (a 304 revalidation) is not parsed again.
    last_body: RefCell<Option<String>>,
}

impl Poller {
    fn poll_now(self: &Rc<Self>) {
        self.cancel_timer();
        if self.in_flight.replace(true) {
            return;
        }
        let this = self.clone();
        spawn_local(async move {
            let result = fetch_text(&this.url).await;
            this.in_flight.set(false);
            match this.apply(result) {
                Outcome::Current => {
                    this.failures.set(0);
                    this.live.confirm();
                }
                Outcome::Failed => this.failures.set(this.failures.get().saturating_add(1)),
                Outcome::Older => {}
            }
            if browser::page_is_visible() {
                this.schedule();
            }
        });
    }

    fn schedule(self: &Rc<Self>) {
        let refresh_ms = self.live.refresh_ms.get_value();
        let delay = next_poll_ms(refresh_ms, self.failures.get(), js_sys::Math::random());
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

    fn cancel_timer(&self) {
        if let Some(id) = self.timer.take() {
            window().clear_timeout_with_handle(id);
        }
    }

    fn apply(&self, result: Result<String, String>) -> Outcome {
        let body = match result {
            Ok(body) => body,
            Err(reason) => {
                self.live.fail(reason);
                return Outcome::Failed;
            }
        };
        if self.last_body.borrow().as_deref() == Some(body.as_str()) {
            return Outcome::Current;
        }
        let parsed = match (self.read)(&body) {
            Ok(parsed) => parsed,
            Err(error) => {
                self.live.fail(error.to_string());
                return Outcome::Failed;
            }
        };
        *self.last_body.borrow_mut() = Some(body);
        for warning in &parsed.warnings {
            browser::warn(warning);
        }
        if self.live.show(parsed.feed) {
            Outcome::Current
        } else {
            Outcome::Older
        }
    }
}

/// What a poll did to the data on screen.
enum Outcome {
    /// Shown, or confirmed unchanged.
    Current,
    /// Nothing usable came: the data on screen ages, and the next poll backs off.
    Failed,
    /// The feed was older than what is on screen: ignored, neither failure nor confirmation.
    Older,
}

/// A feed is older when both it and the shown one carry `updated_at` and it is earlier.
fn is_older(updated_ms: Option<i64>, shown_ms: Option<i64>) -> bool {
    matches!((updated_ms, shown_ms), (Some(new), Some(old)) if new < old)
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
