//! One ticker item: symbol, price, 24-hour change.

use leptos::prelude::*;

use super::flash::Flasher;
use crate::format::Direction;
use crate::live::TickerRow;
use crate::sparkline::{sparkline, HEIGHT, WIDTH};

/// Shows one ticker. Its texts are bound to the row's signals, so a new price patches the
/// price's text node and nothing else.
#[component]
pub fn TickerItem(row: TickerRow, with_sparkline: bool) -> impl IntoView {
    let TickerRow {
        symbol,
        name,
        url,
        quote,
        flash,
        history,
        ..
    } = row;
    let direction = move || quote.with(|q| q.direction);
    let item = NodeRef::<leptos::html::Div>::new();
    let flasher = expect_context::<Flasher>();
    // Each move of the price flashes the item once, if it is in view (the signal notifies on
    // every move).
    Effect::new(move |_| {
        if let (Some(direction), Some(item)) = (flash.get(), item.get_untracked()) {
            if let Some(target) = item.first_element_child() {
                flasher.request(target, direction);
            }
        }
    });
    let compact = move || quote.with(|q| q.price.compact);
    let label = symbol.to_string();
    let content = move || {
        view! {
            <span class="tw-tick__symbol">{label.clone()}</span>
            " "
            <span class="tw-tick__price" title=move || quote.with(|q| q.price.compact.then(|| q.price.full.clone()))>
                <span aria-hidden=move || compact().then_some("true")>{move || quote.with(|q| q.price.text.clone())}</span>
                {move || compact().then(|| view! { <span class="tw-sr-only">{quote.with(|q| q.price.full.clone())}</span> })}
            </span>
            " "
            <span
                class="tw-tick__change"
                class:tw-up=move || direction() == Direction::Up
                class:tw-down=move || direction() == Direction::Down
            >
                {move || quote.with(|q| q.change.clone())}
            </span>
            {with_sparkline.then(|| view! { <Sparkline history /> })}
        }
    };
    view! {
        <div
            role="listitem"
            class="tw-tick"
            data-symbol=symbol.to_string()
            title=move || name.get()
            node_ref=item
        >
            {move || match url.get() {
                Some(href) => view! {
                    <a class="tw-tick__link" href=href target="_blank" rel="noopener noreferrer">{content()}</a>
                }.into_any(),
                None => view! { <span class="tw-tick__link">{content()}</span> }.into_any(),
            }}
        </div>
    }
}

/// The recent prices as a small line, coloured by where it ended. Decoration: the price and
/// change beside it say the same in words.
#[component]
fn Sparkline(history: RwSignal<Vec<f64>>) -> impl IntoView {
    move || {
        history.with(|history| sparkline(history)).map(|line| {
            view! {
                <svg
                    class="tw-spark"
                    class:tw-up=line.rising
                    class:tw-down=!line.rising
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    preserveAspectRatio="none"
                    aria-hidden="true"
                    focusable="false"
                >
                    <polyline points=line.points />
                </svg>
            }
        })
    }
}
