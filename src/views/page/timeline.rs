//! The news as a timeline of flashes: grouped by day ("Today", "Yesterday", then dates), each
//! with its time and age, whether it matters, its coins at their live prices and its tags; and
//! the filters that narrow it (important only, a coin, a tag), kept in the URL.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::load_more::LoadMore;
use super::stream::Stream;
use crate::live::archive::{older_shown, Archive, ArchiveState};
use crate::live::{CoinQuote, LiveFeed};
use crate::logic::feed::{Article, Timestamp};
use crate::logic::flashes::{age, day_label, day_of, Filters};
use crate::logic::format::Direction;
use crate::logic::quote::price_move;
use crate::logic::route::Route;
use crate::views::clock::Clock;
use crate::views::router::{Link, Router};
use crate::views::ticker::motion;

/// How many flashes the list shows at first, and how many more each "Show more" adds: a feed of
/// a thousand flashes must not cost a thousand list items up front.
const PAGE: usize = 20;
/// How often the ages ("16 min ago") are brought up to date.
const AGE_TICK: std::time::Duration = std::time::Duration::from_secs(30);

/// What the timeline shows of a flash.
#[derive(Clone, Debug, PartialEq)]
struct Flash {
    id: String,
    title: String,
    published_at: Timestamp,
    important: bool,
    coins: Vec<String>,
    tags: Vec<String>,
}

impl Flash {
    fn of(article: &Article) -> Self {
        Flash {
            id: article.id.clone(),
            title: article.title.clone(),
            published_at: article.published_at.clone(),
            important: article.important,
            coins: article.coins.clone(),
            tags: article.tags.clone(),
        }
    }
}

/// The articles the filters keep, newest first, after the first `skip` of them (the one the
/// page shows in full).
#[component]
pub fn Timeline(skip: usize) -> impl IntoView {
    let router = expect_context::<Router>();
    let clock = expect_context::<Clock>();
    let stream = expect_context::<Stream>();
    let archive = expect_context::<Archive>();
    let shown = RwSignal::new(PAGE);
    // The reader's clock, for the ages and for which day is today.
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(tick) = set_interval_with_handle(move || now.set(js_sys::Date::now()), AGE_TICK) {
        on_cleanup(move || tick.clear());
    }
    let today = Memo::new(move |_| clock.civil(now.get() as i64).map(|t| day_of(&t)));
    // The feed's flashes the filters keep, then the archive's older ones (which the filters
    // narrow too); the archive's only once every flash of the feed is shown.
    let kept = Memo::new(move |_| {
        let filters = router.filters.get();
        stream.articles.with(|articles| {
            articles
                .iter()
                .filter(|a| filters.keeps(a))
                .skip(skip)
                .map(Flash::of)
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| kept.with(Vec::len));
    let all_shown = move || total.get() <= shown.get();
    let older = Memo::new(move |_| {
        if !all_shown() {
            return Vec::new();
        }
        let filters = router.filters.get();
        stream.articles.with(|articles| {
            archive.older.with(|older| {
                older_shown(articles, older)
                    .filter(|a| filters.keeps(a))
                    .map(Flash::of)
                    .collect::<Vec<_>>()
            })
        })
    });
    let has_archive = move || {
        archive.older.with(|older| !older.is_empty())
            || archive
                .state
                .with(|state| *state != ArchiveState::Idle { more: false })
    };
    let load_more = Memo::new(move |_| all_shown() && has_archive());
    // Whether the filters keep anything at all: when they keep nothing, the page says so
    // where the newest flash would be, and the list need not say it again.
    let any_kept = Memo::new(move |_| {
        let filters = router.filters.get();
        stream
            .articles
            .with(|articles| articles.iter().any(|a| filters.keeps(a)))
    });
    // Days in order, each with its flashes: built again only when the list or the day changes.
    let days = Memo::new(move |_| {
        let today = today.get();
        let mut days: Vec<(String, Vec<Flash>)> = Vec::new();
        let flashes = kept.get().into_iter().take(shown.get()).chain(older.get());
        for flash in flashes {
            let label = match (clock.civil(flash.published_at.unix_ms), today) {
                (Some(time), Some(today)) => day_label(day_of(&time), today),
                _ => flash
                    .published_at
                    .text
                    .get(..10)
                    .unwrap_or_default()
                    .to_owned(),
            };
            match days.last_mut() {
                Some((last, flashes)) if *last == label => flashes.push(flash),
                _ => days.push((label, vec![flash])),
            }
        }
        days
    });
    let filtered = Memo::new(move |_| !router.filters.get().is_empty());
    // Without other flashes there is no list; with filters on, there is one to clear them.
    let listed = Memo::new(move |_| total.get() > 0 || filtered.get() || has_archive());
    let list = move || {
        view! {
            <section class="tw-news" aria-labelledby="tw-news-heading">
                <h2 id="tw-news-heading" class="tw-news__heading">
                    "More news"
                </h2>
                <FilterBar />
                {move || {
                    (total.get() == 0 && filtered.get() && any_kept.get())
                        .then(|| {
                            view! {
                                // The filter bar just above offers to clear them.
                                <p class="tw-news__none" role="status">
                                    "No other flashes match these filters."
                                </p>
                            }
                        })
                }}
                // Not a keyed <For>: a re-render patches the items where they stand, which for a
                // page of flashes is as cheap, and the keyed list's machinery costs the page about
                // 4.5 KB gzip (BENCHMARKS.md).
                {move || {
                    days.get()
                        .into_iter()
                        .map(|(label, flashes)| {
                            view! {
                                <section class="tw-day">
                                    <h3 class="tw-day__heading">{label}</h3>
                                    <ol class="tw-news__list">
                                        {flashes
                                            .into_iter()
                                            .map(|flash| view! { <FlashItem flash now /> })
                                            .collect_view()}
                                    </ol>
                                </section>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    (total.get() > shown.get())
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="tw-button tw-news__more"
                                    on:click=move |_| shown.update(|shown| *shown += PAGE)
                                >
                                    "Show more"
                                </button>
                            }
                        })
                }}
                {move || load_more.get().then(|| view! { <LoadMore /> })}
            </section>
        }
    };
    move || listed.get().then(list)
}

#[component]
fn FlashItem(flash: Flash, now: RwSignal<f64>) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let at = flash.published_at.unix_ms;
    // For the archive's "Load more", which moves the focus to the first flash it brought.
    let id = flash.id.clone();
    let exact = clock.show(&flash.published_at);
    // "16:02" in the list, under its day's heading; the whole time on hover and for machines.
    let time = exact.get(11..16).unwrap_or(&exact).to_owned();
    let coins = (!flash.coins.is_empty()).then(|| {
        view! {
            <ul class="tw-chips" aria-label="Coins">
                {flash
                    .coins
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
    });
    let tags = (!flash.tags.is_empty()).then(|| {
        view! {
            <ul class="tw-flash__tags" aria-label="Tags">
                {flash
                    .tags
                    .into_iter()
                    .map(|tag| {
                        view! {
                            <li>
                                <TagLink tag />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <li
            class="tw-news__item tw-flash"
            class:tw-flash--important=flash.important
            data-article-id=id
        >
            <p class="tw-flash__when">
                <time datetime=flash.published_at.text title=exact>
                    {time}
                </time>
                <span class="tw-flash__age">{move || age(now.get(), at)}</span>
            </p>
            {flash.important.then(|| view! { <span class="tw-flash__label">"Important"</span> })}
            <Link to=Route::Article(flash.id) class="tw-news__link">
                {flash.title}
            </Link>
            {coins}
            {tags}
        </li>
    }
}

/// A coin a flash is about, at its live price: the same poll that moves the ticker moves it
/// (and flashes it, when it is in view). A coin the ticker does not carry is a plain label.
#[component]
pub(super) fn CoinChip(symbol: String) -> impl IntoView {
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

/// A tag, as a link that filters the list by it (a real link: it can be opened in a new tab).
#[component]
pub(super) fn TagLink(tag: String) -> impl IntoView {
    let router = expect_context::<Router>();
    let filters = Filters {
        tag: Some(tag.clone()),
        ..router.filters.get_untracked()
    };
    let href = router.href_with(&Route::Home, &filters);
    let on_click = move |event: leptos::ev::MouseEvent| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if plain {
            event.prevent_default();
            router.set_filters(filters.clone());
        }
    };
    view! {
        <a class="tw-tag" href=href on:click=on_click>
            {format!("#{tag}")}
        </a>
    }
}

/// The filters: "Important only", a coin, and what is applied, each removable, with a way to
/// clear them all.
#[component]
fn FilterBar() -> impl IntoView {
    let router = expect_context::<Router>();
    let live = expect_context::<LiveFeed>();
    let filters = router.filters;
    // The coins the flashes are about, in order of first mention, for the coin menu.
    let coins = Memo::new(move |_| {
        live.articles.with(|articles| {
            let mut coins: Vec<String> = Vec::new();
            for coin in articles.iter().flat_map(|a| &a.coins) {
                let coin = coin.to_ascii_uppercase();
                if !coins.contains(&coin) {
                    coins.push(coin);
                }
            }
            coins
        })
    });
    let set = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        router.set_filters(next);
    };
    let important = move || filters.with(|f| f.important);
    let on_coin = move |event: leptos::ev::Event| {
        let value = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|select| select.value())
            .unwrap_or_default();
        set(&|f| f.coin = (!value.is_empty()).then(|| value.clone()));
    };
    view! {
        <div class="tw-filters" role="group" aria-label="Filter the news">
            <button
                type="button"
                class="tw-button tw-filters__toggle"
                aria-pressed=move || important().to_string()
                on:click=move |_| set(&|f| f.important = !f.important)
            >
                "Important only"
            </button>
            {move || {
                (!coins.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <span class="tw-filters__coin">
                                <label for="tw-coin-filter">"Coin"</label>
                                <select
                                    id="tw-coin-filter"
                                    on:change=on_coin
                                    prop:value=move || {
                                        filters.with(|f| f.coin.clone().unwrap_or_default())
                                    }
                                >
                                    <option value="">"All"</option>
                                    {coins
                                        .get()
                                        .into_iter()
                                        .map(|coin| {
                                            view! { <option value=coin.clone()>{coin.clone()}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </span>
                        }
                    })
            }}
            {move || {
                let applied = filters.get();
                (!applied.is_empty())
                    .then(|| {
                        let mut chosen = Vec::new();
                        if applied.important {
                            chosen
                                .push((
                                    "Important only".to_owned(),
                                    Filters {
                                        important: false,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        if let Some(coin) = &applied.coin {
                            chosen
                                .push((
                                    format!("Coin {coin}"),
                                    Filters {
                                        coin: None,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        if let Some(tag) = &applied.tag {
                            chosen
                                .push((
                                    format!("Tag #{tag}"),
                                    Filters {
                                        tag: None,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        view! {
                            <p class="tw-filters__applied">
                                "Showing: "
                                {chosen
                                    .into_iter()
                                    .map(|(name, without)| {
                                        let remove = format!("Remove filter: {name}");
                                        view! {
                                            <button
                                                type="button"
                                                class="tw-filters__remove"
                                                aria-label=remove
                                                on:click=move |_| router.set_filters(without.clone())
                                            >
                                                {name}
                                                " ×"
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                                <button
                                    type="button"
                                    class="tw-button tw-filters__clear"
                                    on:click=move |_| router.set_filters(Filters::default())
                                >
                                    "Clear filters"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
