//! One ticker item: symbol, price, 24-hour change.

use leptos::prelude::*;

use crate::format::Direction;
use crate::live::{QuoteSignals, TickerRow};
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
        history,
        ..
    } = row;
    let QuoteSignals {
        text,
        exact,
        change,
        direction,
    } = quote;
    let label = symbol.to_string();
    let content = move || {
        view! {
            <span class="tw-tick__symbol">{label.clone()}</span>
            " "
            <span class="tw-tick__price" title=move || exact.get()>
                <span aria-hidden=move || exact.with(Option::is_some).then_some("true")>{move || text.get()}</span>
                {move || exact.get().map(|full| view! { <span class="tw-sr-only">{full}</span> })}
            </span>
            " "
            <span
                class="tw-tick__change"
                class:tw-up=move || direction.get() == Direction::Up
                class:tw-down=move || direction.get() == Direction::Down
            >
                {move || change.get()}
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
