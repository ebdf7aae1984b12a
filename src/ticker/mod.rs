//! The price ticker: a `role="marquee"` region whose track loops seamlessly.

mod catch_up;
mod item;
mod motion;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::browser::prefers_reduced_motion;
use crate::config::ScrollDirection;
use crate::live::LiveFeed;
use crate::marquee::{copies_needed, items_in_last_copy};
use crate::problem::DelayedNote;
use item::TickerItem;
use motion::Motion;

/// How the ticker moves; from the page's configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TickerOptions {
    /// Pixels per second; 0 keeps the ticker still.
    pub speed: f64,
    pub direction: ScrollDirection,
    pub pause_on_hover: bool,
    /// A small line of each ticker's recent prices beside it.
    pub sparkline: bool,
}

/// The ticker. It moves unless the reader paused it, points at it or into it, or prefers
/// reduced motion; still, it is a row that scrolls by hand.
#[component]
pub fn Ticker(options: TickerOptions) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let reduced_motion = prefers_reduced_motion();
    let still = Memo::new(move |_| reduced_motion.get() || options.speed <= 0.0);
    let paused = RwSignal::new(false);
    let hovered = RwSignal::new(false);
    let focused = RwSignal::new(false);
    // Copies beyond the first exist only to fill the viewport while moving; the last holds
    // only the items that reach into it.
    let copies = RwSignal::new(1usize);
    let last_copy_items = RwSignal::new(usize::MAX);
    let shown_copies = move || if still.get() { 1 } else { copies.get() };
    let items_in_copy = move |index: usize| {
        let shown = shown_copies();
        if shown > 1 && index + 1 == shown {
            last_copy_items.get()
        } else {
            usize::MAX
        }
    };

    let viewport = NodeRef::<Div>::new();
    let track = NodeRef::<Div>::new();
    let motion: Rc<RefCell<Option<Motion>>> = Rc::default();

    let catch_up = catch_up::CatchUp::new(live, viewport, track);
    Effect::new(move |_| {
        live.prices_pending.track();
        catch_up.prices_arrived();
    });

    // Measure once mounted and whenever the viewport or the list's width changes.
    let measuring = motion.clone();
    Effect::new(move |_| {
        let (Some(viewport), Some(track)) = (viewport.get(), track.get()) else {
            return;
        };
        let Some(first_copy) = track.first_element_child() else {
            return;
        };
        *measuring.borrow_mut() = Some(Motion::new(track.into(), options.speed, options.direction));
        let motion = measuring.clone();
        let measure_viewport = viewport.clone();
        let measure_copy = first_copy.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            let copy = measure_copy.get_bounding_client_rect();
            let period = copy.width();
            let width = measure_viewport.get_bounding_client_rect().width();
            let needed = copies_needed(width, period);
            if copies.get_untracked() != needed {
                copies.set(needed);
            }
            // Reads the items' places only as far as the last copy needs them.
            let items = measure_copy.get_elements_by_class_name("tw-tick");
            let starts = (0..items.length())
                .map_while(|index| items.item(index))
                .map(|item| item.get_bounding_client_rect().left() - copy.left());
            let last = items_in_last_copy(starts, width, period);
            if last_copy_items.get_untracked() != last {
                last_copy_items.set(last);
            }
            if let Some(motion) = motion.borrow_mut().as_mut() {
                motion.set_period(period);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&viewport);
        observer.observe(&first_copy);
        // The observer calls back into the closure until disconnected: both go together.
        let observing = SendWrapper::new((observer, on_resize));
        on_cleanup(move || observing.take().0.disconnect());
    });

    let driving = motion.clone();
    Effect::new(move |_| {
        let still = still.get();
        let running = !still
            && !paused.get()
            && !(options.pause_on_hover && (hovered.get() || focused.get()));
        if let Some(motion) = driving.borrow_mut().as_mut() {
            if still {
                motion.stop();
            } else {
                motion.set_playing(running);
            }
        }
    });

    view! {
        <section
            class="tw-ticker"
            class:tw-ticker--still=still
            role="marquee"
            aria-label="Cryptocurrency prices"
        >
            // Nothing to pause until there are prices.
            <Show when=move || !still.get() && live.tickers.with(|rows| !rows.is_empty())>
                <PauseButton paused />
            </Show>
            <DelayedNote what="Prices delayed" />
            // Pointing at or focusing the prices holds them still; the pause button is outside,
            // so pressing Play with the mouse starts the motion at once.
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
                    <For each=move || 0..shown_copies() key=|index| *index let:index>
                        <TickerCopy
                            index
                            items=Signal::derive(move || items_in_copy(index))
                            tickers=live.tickers
                            with_sparkline=options.sparkline
                        />
                    </For>
                </div>
            </div>
        </section>
    }
}

/// Items per chunk of a copy. Each chunk contains its layout and paint, so a price written into
/// one lays out and repaints that chunk, not the whole track: with a thousand tickers, the frame
/// after a poll went from about 60 ms to under 10 (BENCHMARKS.md). Smaller chunks repaint less
/// around the view (25 rather than 50: 0.4 ms less in that frame) but take more idle periods to
/// catch up (a thousand tickers: 40 periods, half a second); 10 repainted no less.
pub(super) const CHUNK: usize = 25;

/// One copy of the list (its first `items`), in chunks. Copies after the first only fill the
/// loop: assistive technology and keyboard focus skip them.
#[component]
fn TickerCopy(
    index: usize,
    items: Signal<usize>,
    tickers: RwSignal<Vec<crate::live::TickerRow>>,
    with_sparkline: bool,
) -> impl IntoView {
    let hidden = index > 0;
    let shown = move |rows: &[crate::live::TickerRow]| rows.len().min(items.get());
    let chunks = move || tickers.with(|rows| shown(rows).div_ceil(CHUNK));
    view! {
        <div role="list" class="tw-ticker__copy" aria-hidden=hidden.then_some("true") inert=hidden>
            <For each=move || 0..chunks() key=|chunk| *chunk let:chunk>
                <div class="tw-ticker__chunk">
                    <For
                        each=move || tickers.with(|rows| {
                            rows[..shown(rows)].chunks(CHUNK).nth(chunk).unwrap_or_default().to_vec()
                        })
                        key=|row| row.symbol.clone()
                        let:row
                    >
                        <TickerItem row with_sparkline />
                    </For>
                </div>
            </For>
        </div>
    }
}

/// Stops and resumes the motion (WCAG 2.2.2).
#[component]
fn PauseButton(paused: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="tw-ticker__toggle"
            aria-pressed=move || if paused.get() { "true" } else { "false" }
            title=move || if paused.get() { "Play" } else { "Pause" }
            on:click=move |_| paused.update(|paused| *paused = !*paused)
        >
            <span class="tw-sr-only">"Pause prices"</span>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <Show
                    when=move || paused.get()
                    fallback=|| view! { <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" /> }
                >
                    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
                </Show>
            </svg>
        </button>
    }
}
