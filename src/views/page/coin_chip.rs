//! A coin a flash is about, at its live price: one signal per coin, set by the poll that moves
//! the ticker ([`crate::live::LiveFeed::coin`]).

use leptos::prelude::*;

use crate::live::{CoinQuote, LiveFeed};
use crate::logic::format::Direction;
use crate::logic::quote::price_move;
use crate::views::ticker::motion;

/// The coins a flash is about, as chips; nothing for none.
#[component]
pub(super) fn CoinChips(coins: Vec<String>) -> impl IntoView {
    (!coins.is_empty()).then(|| {
        view! {
            <ul class="tw-chips" aria-label="Coins">
                {coins
                    .into_iter()
                    .map(|symbol| {
                        view! {
                            <li>
                                <CoinChip symbol />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// A coin a flash is about, at its live price: the same poll that moves the ticker moves it
/// (and flashes it, when it is in view). A coin the ticker does not carry is a plain label.
#[component]
fn CoinChip(symbol: String) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let quote = live.coin(&symbol.to_ascii_uppercase());
    let chip = NodeRef::<leptos::html::Span>::new();
    let watched = quote.clone();
    // Flashes the chip when its price moves, not when it first shows.
    Effect::new(move |before: Option<Option<CoinQuote>>| {
        let after = watched.get();
        if let (Some(Some(before)), Some(after), Some(chip)) = (&before, &after, chip.get()) {
            if let Some(way) = price_move(before.price.as_ref(), after.price.as_ref()) {
                flash_when_in_view(chip.into(), way);
            }
        }
        after
    });
    let text = {
        let (quote, symbol) = (quote.clone(), symbol.clone());
        move || {
            quote.with(|q| match q {
                Some(q) => {
                    let change = q.quote.change.as_deref().unwrap_or_default();
                    format!("{symbol} {} {change}", q.quote.price.text)
                        .trim_end()
                        .to_owned()
                }
                None => symbol.clone(),
            })
        }
    };
    let label = {
        let (quote, symbol) = (quote.clone(), symbol.clone());
        move || quote.with(|q| q.as_ref().map(|q| spoken(&symbol, q)))
    };
    let direction = {
        let quote = quote.clone();
        move || {
            quote.with(|q| match q.as_ref().map(|q| q.quote.direction) {
                Some(Direction::Up) => "up",
                Some(Direction::Down) => "down",
                _ => "flat",
            })
        }
    };
    let url = Memo::new(move |_| quote.with(|q| q.as_ref().and_then(|q| q.url.clone())));
    move || {
        let inner = view! {
            <span
                class="tw-chip"
                data-direction=direction.clone()
                aria-label=label.clone()
                node_ref=chip
            >
                {text.clone()}
            </span>
        };
        match url.get() {
            Some(href) => view! {
                <a class="tw-chip__link" href=href target="_blank" rel="noopener noreferrer">
                    {inner}
                </a>
            }
            .into_any(),
            None => inner.into_any(),
        }
    }
}

/// What a screen reader says of a chip: "BTC $77,124.50, up 2.69%".
fn spoken(symbol: &str, coin: &CoinQuote) -> String {
    let price = &coin.quote.price.text;
    match (&coin.quote.change, coin.quote.direction) {
        (Some(change), Direction::Up) => {
            format!(
                "{symbol} {price}, up {}",
                change.trim_start_matches(['+', '−', '-'])
            )
        }
        (Some(change), Direction::Down) => {
            format!(
                "{symbol} {price}, down {}",
                change.trim_start_matches(['+', '−', '-'])
            )
        }
        (Some(change), _) => format!("{symbol} {price}, {change}"),
        (None, _) => format!("{symbol} {price}"),
    }
}

thread_local! {
    /// The chips a poll moved, to flash in the next frame.
    static TO_FLASH: std::cell::RefCell<Vec<(web_sys::Element, Direction)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Flashes `chip` in the next frame if it is in view then. Asked chip by chip, between the
/// writes of a poll's new prices, the layout read would force a layout per chip (420 chips:
/// 200 ms); gathered in one frame, all of them are read after one layout.
fn flash_when_in_view(chip: web_sys::Element, way: Direction) {
    let first = TO_FLASH.with(|queue| {
        let mut queue = queue.borrow_mut();
        queue.push((chip, way));
        queue.len() == 1
    });
    if first {
        request_animation_frame(|| {
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            for (chip, way) in TO_FLASH.with(|queue| std::mem::take(&mut *queue.borrow_mut())) {
                let rect = chip.get_bounding_client_rect();
                if rect.bottom() > 0.0 && rect.top() < height && rect.width() > 0.0 {
                    motion::flash(&chip, way);
                }
            }
        });
    }
}
