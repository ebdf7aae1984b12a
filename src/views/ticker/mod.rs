//! The price ticker: a `role="marquee"` region whose track loops seamlessly, as Leptos
//! components. The same component is the whole page's ticker and the ticker embed.
//!
//! The track holds copies of the list, as many as cover the viewport; the copies after the
//! first only fill the loop. Each copy is cut into chunks, and each chunk holds its tickers'
//! items, which read the tickers' signals ([`row::TickSignals`]).

mod catch_up;
pub(crate) mod motion;
mod row;

use std::cell::RefCell;

use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_media_query::use_media_query;
use leptos_use_resize_observer::use_resize_observer;

use crate::logic::config::ScrollDirection;
use crate::logic::feed;
use crate::logic::format::NumberStyle;
use crate::logic::link::LinkTemplate;
use crate::logic::marquee::{copies_needed, items_in_last_copy};
use crate::logic::merge::merge_keyed;
use crate::views::problem::DelayedNote;
use catch_up::CatchUp;
use motion::Motion;
use row::{Row, TickItem, TickSignals};

/// How the ticker moves and where its items link; from the page's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct TickerOptions {
    /// Pixels per second; 0 keeps the ticker still.
    pub speed: f64,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    /// A small line of each ticker's recent prices beside it.
    pub sparkline: bool,
    /// `link=`: every item links here, its symbol filled in, whatever the feed's `url`.
    pub link: Option<LinkTemplate>,
}

/// Items per chunk of a copy. Each chunk contains its layout and paint, so a price written into
/// one lays out and repaints that chunk, not the whole track: with a thousand tickers, the frame
/// after a poll went from about 60 ms to under 10 (BENCHMARKS.md). Smaller chunks repaint less
/// around the view (25 rather than 50: 0.4 ms less in that frame) but take more idle periods to
/// catch up (a thousand tickers: 40 periods, half a second); 10 repainted no less.
const CHUNK: usize = 25;

/// The ticker. It moves unless the reader paused it, points at it or into it, or prefers
/// reduced motion; still, it is a row that scrolls by hand.
#[component]
pub fn Ticker(
    options: TickerOptions,
    /// The tickers to show, in order. The ticker only reads them: any number of views may.
    #[prop(into)]
    prices: Signal<Vec<feed::TickerEntry>>,
    /// How prices are written.
    #[prop(into)]
    style: Signal<NumberStyle>,
    /// "updated 4 min ago" while failing polls leave the prices unconfirmed.
    #[prop(into)]
    delayed: Signal<Option<String>>,
    /// What a relative `logo` is relative to, as a browser resolves a URL found in a document
    /// it fetched: the feed's own URL. Without it, the page's.
    #[prop(default = None)]
    logo_base: Option<String>,
) -> impl IntoView {
    let TickerOptions {
        speed,
        pause_on_hover,
        sparkline: with_sparkline,
        ..
    } = options;
    let reduced_motion = use_media_query("(prefers-reduced-motion: reduce)");
    let still = Memo::new(move |_| reduced_motion.get() || speed <= 0.0);
    let paused = RwSignal::new(false);
    let hovered = RwSignal::new(false);
    let focused = RwSignal::new(false);
    let copies_wanted = RwSignal::new(2);
    let last_copy_items = RwSignal::new(usize::MAX);
    let list = ArcRwSignal::new(Vec::<TickSignals>::new());
    let viewport = NodeRef::<Div>::new();
    let first_copy = NodeRef::<Div>::new();
    let track = NodeRef::<Div>::new();
    let state = StoredValue::new_local(TickerState {
        options,
        rows: RefCell::default(),
        style,
        list: list.clone(),
        motion: RefCell::default(),
        track,
        viewport,
        first_copy,
        catch_up: CatchUp::default(),
        logo_base,
    });

    Effect::new(move |_| {
        let changed = prices.with(|tickers| state.with_value(|state| state.take_in(tickers)));
        if changed {
            // The new list is on the page once Leptos has rendered it, in the tasks queued by
            // the list's signal; the catch-up reads the items' places after them.
            leptos::task::spawn_local(async move {
                state.with_value(|ticker| ticker.prices_arrived(state));
            });
        } else {
            state.with_value(|ticker| ticker.prices_arrived(state));
        }
    });
    Effect::new(move |_| {
        let hold = pause_on_hover && (hovered.get() || focused.get());
        let (still, paused) = (still.get(), paused.get());
        state.with_value(|ticker| ticker.drive(still, !still && !paused && !hold));
    });
    // The period (the first copy's width) and the viewport's width decide how many copies
    // fill the loop, how many items the last needs, and the motion's timing.
    let measure = move |_, _| {
        state.with_value(|ticker| ticker.measure(copies_wanted, last_copy_items));
    };
    use_resize_observer(viewport, measure);
    use_resize_observer(first_copy, measure);

    let shown = Memo::new(move |_| if still.get() { 1 } else { copies_wanted.get() });
    let count = {
        let list = list.clone();
        Memo::new(move |_| list.with(Vec::len))
    };
    // The last of several copies holds only the items that reach into the viewport.
    let held = move |copy: usize| {
        let shown = shown.get();
        if shown > 1 && copy + 1 == shown {
            count.get().min(last_copy_items.get())
        } else {
            count.get()
        }
    };
    let copy = {
        let list = list.clone();
        move |index: usize| {
            let chunks = Signal::derive(move || held(index));
            view! { <CopyChunks list=list.clone() held=chunks with_sparkline /> }
        }
    };
    let first_items = copy(0);
    view! {
        <section
            class="tw-ticker"
            class=("tw-ticker--still", still)
            role="marquee"
            aria-label="Cryptocurrency prices"
        >
            {move || (!still.get() && count.get() > 0).then(|| view! { <PauseButton paused /> })}
            <DelayedNote what="Prices delayed" age=delayed />
            <div
                class="tw-ticker__viewport"
                node_ref=viewport
                tabindex=move || still.get().then_some("0")
                on:mouseenter=move |_| hovered.set(true)
                on:mouseleave=move |_| hovered.set(false)
                on:focusin=move |_| focused.set(true)
                on:focusout=move |_| focused.set(false)
            >
                <div class="tw-ticker__track" node_ref=track>
                    <div class="tw-ticker__copy" role="list" node_ref=first_copy>
                        {first_items}
                    </div>
                    // Copies after the first only fill the loop: assistive technology and
                    // focus skip them.
                    <For each=move || 1..shown.get() key=|index| *index let:index>
                        <div class="tw-ticker__copy" role="list" aria-hidden="true" inert=true>
                            {copy(index)}
                        </div>
                    </For>
                </div>
            </div>
        </section>
    }
}

/// A copy's chunks and, in each, its tickers' items; `held` items of the list.
#[component]
fn CopyChunks(
    list: ArcRwSignal<Vec<TickSignals>>,
    held: Signal<usize>,
    with_sparkline: bool,
) -> impl IntoView {
    view! {
        <For each=move || 0..held.get().div_ceil(CHUNK) key=|chunk| *chunk let:chunk>
            <div class="tw-ticker__chunk">
                <For
                    each={
                        let list = list.clone();
                        move || {
                            let end = held.get().min((chunk + 1) * CHUNK);
                            list.with(|list| list.get(chunk * CHUNK..end).map(<[_]>::to_vec))
                                .unwrap_or_default()
                        }
                    }
                    key=|signals| signals.symbol.clone()
                    let:signals
                >
                    <TickItem signals with_sparkline />
                </For>
            </div>
        </For>
    }
}

/// Stops and resumes the motion (WCAG 2.2.2). It stands outside the viewport, so pressing Play
/// with the mouse starts the motion at once.
#[component]
fn PauseButton(paused: RwSignal<bool>) -> impl IntoView {
    let label = move |playing: &'static str, still: &'static str| {
        move || if paused.get() { still } else { playing }
    };
    view! {
        <button
            type="button"
            class="tw-ticker__toggle"
            aria-pressed=label("false", "true")
            title=label("Pause", "Play")
            on:click=move |_| paused.update(|paused| *paused = !*paused)
        >
            <span class="tw-sr-only">"Pause prices"</span>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path
                    fill="currentColor"
                    d=label("M4 3h3v10H4zM9 3h3v10H9z", "M4 2.5v11l9-5.5z")
                ></path>
            </svg>
        </button>
    }
}

/// What the ticker's effects and callbacks share: its rows, and the live parts of the page
/// that Leptos does not drive (the motion, the places read to choose what to write first).
struct TickerState {
    options: TickerOptions,
    rows: RefCell<Vec<Row>>,
    /// Read when prices are written, not watched: a new style comes with a poll's prices.
    style: Signal<NumberStyle>,
    /// The rows' signals in order: what the copies list. Set only when the list changed.
    list: ArcRwSignal<Vec<TickSignals>>,
    /// Made with the track, on the first call that needs it.
    motion: RefCell<Option<Motion>>,
    track: NodeRef<Div>,
    viewport: NodeRef<Div>,
    first_copy: NodeRef<Div>,
    catch_up: CatchUp,
    /// What relative logos are relative to: the feed's URL, for the rows made as tickers come.
    logo_base: Option<String>,
}

impl TickerState {
    /// Takes a poll's tickers in: rows kept keep their signals and file the new data, to be
    /// written near the view at once and elsewhere in idle time. Returns whether the list of
    /// symbols changed.
    fn take_in(&self, tickers: &[feed::TickerEntry]) -> bool {
        let style = self.style.get_untracked();
        let mut rows = self.rows.borrow_mut();
        let current = std::mem::take(&mut *rows);
        let before: Vec<_> = current.iter().map(Row::symbol).collect();
        *rows = merge_keyed(
            current,
            tickers.to_vec(),
            Row::symbol,
            |ticker| ticker.symbol.as_str(),
            Row::file,
            |ticker| {
                Row::new(
                    ticker,
                    &style,
                    self.options.link.as_ref(),
                    self.logo_base.as_deref(),
                )
            },
        );
        let changed = !rows.iter().map(Row::symbol).eq(before);
        if changed {
            self.list
                .set(rows.iter().map(|row| row.signals.clone()).collect());
        }
        changed
    }

    fn with_motion(&self, act: impl FnOnce(&mut Motion)) {
        let mut motion = self.motion.borrow_mut();
        if motion.is_none() {
            let Some(track) = self.track.get_untracked() else {
                return;
            };
            *motion = Some(Motion::new(
                track.into(),
                self.options.speed,
                self.options.direction,
            ));
        }
        if let Some(motion) = motion.as_mut() {
            act(motion);
        }
    }

    /// Moves the track, holds it, or (still) puts it back at its start.
    fn drive(&self, still: bool, running: bool) {
        self.with_motion(|motion| {
            if still {
                motion.stop();
            } else {
                motion.set_playing(running);
            }
        });
    }

    /// Measures the first copy (the period) and the viewport: how many copies fill the
    /// viewport, how many items the last needs, and the motion's timing.
    fn measure(&self, copies_wanted: RwSignal<usize>, last_copy_items: RwSignal<usize>) {
        let (Some(first), Some(viewport)) = (
            self.first_copy.get_untracked(),
            self.viewport.get_untracked(),
        ) else {
            return;
        };
        let copy = first.get_bounding_client_rect();
        let period = copy.width();
        let width = viewport.get_bounding_client_rect().width();
        // Reads the items' places only as far as the last copy needs them.
        let items = first.get_elements_by_class_name("tw-tick");
        let starts = (0..items.length())
            .map_while(|index| items.item(index))
            .map(|item| item.get_bounding_client_rect().left() - copy.left());
        let last = items_in_last_copy(starts, width, period);
        let needed = copies_needed(width, period);
        if copies_wanted.get_untracked() != needed {
            copies_wanted.set(needed);
        }
        if last_copy_items.get_untracked() != last {
            last_copy_items.set(last);
        }
        self.with_motion(|motion| motion.set_period(period));
    }
}
