//! One ticker of the marquee: the signals its items read, and the item itself.
//!
//! Every copy of the track holds an item per ticker, and all of them read the same signals, one
//! per changing part. A new price sets the signals of the parts that changed, and Leptos writes
//! those text nodes in every copy and nothing else.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Animation;

use crate::live::browser;
use crate::logic::decimal::Decimal;
use crate::logic::feed;
use crate::logic::format::{Direction, NumberStyle};
use crate::logic::link::LinkTemplate;
use crate::logic::quote::{price_move, Quote};
use crate::logic::sparkline::{sparkline, HEIGHT, WIDTH};

/// What one ticker's items show, part by part.
#[derive(Clone)]
pub struct TickSignals {
    pub symbol: Arc<str>,
    /// The price as shown: `$77,124.50`, `$0.0₄1234`, `—`.
    text: ArcRwSignal<String>,
    /// The exact price when the one shown is compact: its tooltip and accessible name.
    exact: ArcRwSignal<Option<String>>,
    change: ArcRwSignal<Option<String>>,
    direction: ArcRwSignal<Direction>,
    name: ArcRwSignal<Option<String>>,
    url: ArcRwSignal<Option<String>>,
    /// Whether `url` follows the feed's; with `link=` it is the template's, set once.
    feed_url: bool,
    history: ArcRwSignal<Vec<f64>>,
    /// Where the logo loads from: set once, as the item is made (items are keyed by symbol),
    /// so that no price poll touches it. A feed that changes a logo shows it on a new page.
    logo: Option<Arc<str>>,
}

impl TickSignals {
    fn new(
        ticker: &feed::TickerEntry,
        style: &NumberStyle,
        link: Option<&LinkTemplate>,
        logo_base: Option<&str>,
    ) -> Self {
        let quote = Quote::of(ticker, style);
        let url = match link {
            Some(template) => Some(template.expand(&ticker.symbol)),
            None => ticker.url.clone(),
        };
        let logo = ticker.logo.as_deref().map(|logo| match logo_base {
            Some(base) => browser::resolve_against(logo, base).into(),
            None => logo.into(),
        });
        Self {
            symbol: ticker.symbol.as_str().into(),
            exact: ArcRwSignal::new(quote.price.compact.then_some(quote.price.full)),
            text: ArcRwSignal::new(quote.price.text),
            change: ArcRwSignal::new(quote.change),
            direction: ArcRwSignal::new(quote.direction),
            name: ArcRwSignal::new(ticker.name.clone()),
            url: ArcRwSignal::new(url),
            feed_url: link.is_none(),
            history: ArcRwSignal::new(ticker.history.clone()),
            logo,
        }
    }

    /// Sets the parts of `ticker` that differ from what is shown: an unchanged part notifies
    /// nobody, so its nodes are not touched.
    fn write(&self, ticker: feed::TickerEntry, style: &NumberStyle) {
        let quote = Quote::of(&ticker, style);
        set_if_changed(&self.exact, quote.price.compact.then_some(quote.price.full));
        set_if_changed(&self.text, quote.price.text);
        set_if_changed(&self.change, quote.change);
        set_if_changed(&self.direction, quote.direction);
        set_if_changed(&self.name, ticker.name);
        if self.feed_url {
            set_if_changed(&self.url, ticker.url);
        }
        set_if_changed(&self.history, ticker.history);
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|shown| *shown != value) {
        signal.set(value);
    }
}

/// A ticker's bookkeeping: the price on screen, the data waiting to go there, and its signals.
pub struct Row {
    pub signals: TickSignals,
    price: Option<Decimal>,
    /// The newest data, not yet on screen.
    pending: Option<feed::TickerEntry>,
    /// The flash running, or last run, on its item in each copy: a new one replaces it, so
    /// that polls in quick succession never pile animations up.
    flashes: Vec<Option<Animation>>,
}

impl Row {
    pub fn new(
        ticker: feed::TickerEntry,
        style: &NumberStyle,
        link: Option<&LinkTemplate>,
        logo_base: Option<&str>,
    ) -> Self {
        Self {
            signals: TickSignals::new(&ticker, style, link, logo_base),
            price: ticker.price,
            pending: None,
            flashes: Vec::new(),
        }
    }

    pub fn symbol(&self) -> Arc<str> {
        self.signals.symbol.clone()
    }

    /// Files newer data to go on screen later ([`Row::put_on_screen`]).
    pub fn file(&mut self, ticker: feed::TickerEntry) {
        self.pending = Some(ticker);
    }

    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Writes the newest data on screen; returns the way the price moved, if it did.
    pub fn put_on_screen(&mut self, style: &NumberStyle) -> Option<Direction> {
        let ticker = self.pending.take()?;
        let moved = price_move(self.price.as_ref(), ticker.price.as_ref());
        self.price.clone_from(&ticker.price);
        self.signals.write(ticker, style);
        moved
    }

    /// Keeps `animation` as the flash of the item in `copy`, ending the one before it.
    pub fn flashing(&mut self, copy: usize, animation: Animation) {
        if self.flashes.len() <= copy {
            self.flashes.resize(copy + 1, None);
        }
        if let Some(running) = self.flashes[copy].replace(animation) {
            running.cancel();
        }
    }
}

/// One ticker's item in a copy of the track: its logo if it has one, symbol, price, change and,
/// if asked, its recent prices as a line; a link when the feed or `link=` gives one.
#[component]
pub fn TickItem(signals: TickSignals, with_sparkline: bool) -> impl IntoView {
    let TickSignals {
        symbol, name, url, ..
    } = signals.clone();
    let body = move || {
        let signals = signals.clone();
        // A link that comes or goes rebuilds the item's insides in place.
        match url.get() {
            Some(href) => view! {
                <a class="tw-tick__link" href=href target="_blank" rel="noopener noreferrer">
                    <TickParts signals with_sparkline />
                </a>
            }
            .into_any(),
            None => view! {
                <span class="tw-tick__link">
                    <TickParts signals with_sparkline />
                </span>
            }
            .into_any(),
        }
    };
    view! {
        <div
            role="listitem"
            class="tw-tick"
            data-symbol=symbol.to_string()
            title=move || name.get()
        >
            {body}
        </div>
    }
}

/// `BTC $77,124.50 +2.69%`, each changing part bound to its own signal.
#[component]
fn TickParts(signals: TickSignals, with_sparkline: bool) -> impl IntoView {
    let TickSignals {
        symbol,
        text,
        exact,
        change,
        direction,
        history,
        logo,
        ..
    } = signals;
    let compact = {
        let exact = exact.clone();
        move || exact.with(Option::is_some).then_some("true")
    };
    let spoken = {
        let exact = exact.clone();
        move || {
            exact
                .get()
                .map(|exact| view! { <span class="tw-sr-only">{exact}</span> })
        }
    };
    view! {
        {logo.map(|src| view! { <TickLogo src /> })}
        <span class="tw-tick__symbol">{symbol.to_string()}</span>
        " "
        // A compact price is hidden from assistive technology, which reads the exact one.
        <span class="tw-tick__price" title=move || exact.get()>
            <span aria-hidden=compact>{move || text.get()}</span>
            {spoken}
        </span>
        " "
        <span class=move || change_class(
            direction.get(),
        )>{move || change.get().unwrap_or_default()}</span>
        {with_sparkline.then(|| view! { <Spark history /> })}
    }
}

/// A coin's logo, before its symbol: decoration (the symbol beside it names the coin), so
/// `alt=""`. CSS sizes its box before it loads; one that fails is hidden in that box, so the
/// item keeps its width and no broken-image icon shows. Lazy: a long ticker loads the logos
/// near the view, not all of them.
#[component]
fn TickLogo(src: Arc<str>) -> impl IntoView {
    let failed = RwSignal::new(false);
    // `loading` before `src`: an image whose address is set first may have started to load.
    view! {
        <img
            class="tw-tick__logo"
            class=("tw-tick__logo--failed", move || failed.get())
            loading="lazy"
            decoding="async"
            alt=""
            src=src
            on:error=move |_| failed.set(true)
        />
    }
}

/// The recent prices as a small line, coloured by where it ended. Decoration: the price and
/// change beside it say the same in words.
#[component]
fn Spark(history: ArcRwSignal<Vec<f64>>) -> impl IntoView {
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    move || {
        history.with(|history| sparkline(history)).map(|line| {
            let class = if line.rising {
                "tw-spark tw-up"
            } else {
                "tw-spark tw-down"
            };
            view! {
                <svg
                    class=class
                    viewBox=view_box.clone()
                    preserveAspectRatio="none"
                    aria-hidden="true"
                    focusable="false"
                >
                    <polyline points=line.points></polyline>
                </svg>
            }
        })
    }
}

fn change_class(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "tw-tick__change tw-up",
        Direction::Down => "tw-tick__change tw-down",
        Direction::Flat => "tw-tick__change",
    }
}
