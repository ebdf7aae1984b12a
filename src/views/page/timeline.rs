//! The news as a timeline of flashes: grouped by day ("Today", "Yesterday", then dates), each
//! with its time and age, whether it matters, its coins at their live prices and its tags, as
//! the filters above it narrow it; then the archive's older pages.

use leptos::prelude::*;

use super::coin_chip::CoinChips;
use super::filter_bar::{FilterBar, TagLinks};
use super::load_more::LoadMore;
use super::stream::Stream;
use crate::live::archive::{older_shown, Archive, ArchiveState};
use crate::logic::feed::{Article, Timestamp};
use crate::logic::flashes::{age, day_label, day_of};
use crate::logic::route::Route;
use crate::views::clock::Clock;
use crate::views::router::{Link, Router};

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
            <CoinChips coins=flash.coins />
            <TagLinks tags=flash.tags class="tw-flash__tags" />
        </li>
    }
}
