//! The front page: the latest article in full, and the others as a list.

use leptos::prelude::*;

use super::article::FullArticle;
use super::load_more::LoadMore;
use super::{use_document_title, Teaser};
use crate::live::archive::{older_shown, Archive, ArchiveState};
use crate::live::LiveFeed;
use crate::logic::route::Route;
use crate::views::clock::PublishedTime;
use crate::views::router::{Link, VIEW_HEADING};

/// How many articles a list shows at first, and how many more each "Show more" adds: a feed of
/// a thousand articles must not cost a thousand list items up front.
const PAGE: usize = 20;

#[component]
pub fn Home() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let latest = Memo::new(move |_| live.articles.with(|articles| articles.first().cloned()));
    use_document_title(move || {
        let name = live
            .publisher
            .with(|p| p.as_ref().and_then(|p| p.name.clone()));
        format!("{}: news flash", name.as_deref().unwrap_or("Tapewire"))
    });
    move || match latest.get() {
        Some(article) => view! { <FullArticle article /> }.into_any(),
        None => view! {
            <section class="tw-empty" aria-labelledby=VIEW_HEADING>
                <h1 id=VIEW_HEADING tabindex="-1">
                    "No news yet"
                </h1>
                <p>"The feed has no articles at the moment. New ones appear here by themselves."</p>
            </section>
        }
        .into_any(),
    }
}

/// The feed's articles after the first `skip`, newest first, a page at a time; once they are
/// all shown, the archive's older ones after them, and "Load more" for the archive's next page.
#[component]
pub fn NewsList(skip: usize) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let archive = expect_context::<Archive>();
    let shown = RwSignal::new(PAGE);
    let total = Memo::new(move |_| {
        live.articles
            .with(|articles| articles.len().saturating_sub(skip))
    });
    let all_shown = move || total.get() <= shown.get();
    let teasers = Memo::new(move |_| {
        live.articles.with(|articles| {
            let mut teasers = articles
                .iter()
                .skip(skip)
                .take(shown.get())
                .map(Teaser::of)
                .collect::<Vec<_>>();
            if all_shown() {
                archive.older.with(|older| {
                    teasers.extend(older_shown(articles, older).map(Teaser::of));
                });
            }
            teasers
        })
    });
    let has_archive = move || {
        archive.older.with(|older| !older.is_empty())
            || archive
                .state
                .with(|state| *state != ArchiveState::Idle { more: false })
    };
    // Memos: the section and the archive's controls are built again only when they come or go.
    let visible = Memo::new(move |_| total.get() > 0 || has_archive());
    let load_more = Memo::new(move |_| all_shown() && has_archive());
    move || {
        visible.get().then(|| {
            view! {
                <section class="tw-news" aria-labelledby="tw-news-heading">
                    <h2 id="tw-news-heading" class="tw-news__heading">
                        "More news"
                    </h2>
                    <ol class="tw-news__list">
                        // Not a keyed <For>: a re-render patches the items where they stand (text
                        // and links), which for a page of teasers is as cheap, and the keyed
                        // list's machinery costs the page about 4.5 KB gzip (BENCHMARKS.md).
                        {move || {
                            teasers
                                .get()
                                .into_iter()
                                .map(|teaser| {
                                    let id = teaser.id.clone();
                                    view! {
                                        <li class="tw-news__item" data-article-id=id>
                                            <Link to=Route::Article(teaser.id) class="tw-news__link">
                                                {teaser.title}
                                            </Link>
                                            <PublishedTime at=teaser.published_at />
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ol>
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
        })
    }
}
