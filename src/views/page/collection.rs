//! The reader's saved articles, including those that have since left the feed.

use leptos::prelude::*;

use super::use_document_title;
use crate::live::LiveFeed;
use crate::logic::collection::Saved;
use crate::logic::feed::parse_rfc3339;
use crate::logic::route::Route;
use crate::views::clock::PublishedTime;
use crate::views::router::{Link, VIEW_HEADING};
use crate::views::saved::SavedArticles;

#[component]
pub fn CollectionView() -> impl IntoView {
    let saved = expect_context::<SavedArticles>();
    use_document_title(|| "Collection".to_owned());
    let entries = move || saved.collection.with(|collection| collection.saved.clone());
    view! {
        <section class="tw-collection" aria-labelledby=VIEW_HEADING>
            <h1 id=VIEW_HEADING tabindex="-1">
                "Collection"
            </h1>
            {move || {
                saved
                    .problem
                    .get()
                    .map(|problem| {
                        view! {
                            <p class="tw-note" role="status">
                                {problem}
                            </p>
                        }
                    })
            }}
            {move || {
                saved
                    .collection
                    .with(|c| c.saved.is_empty())
                    .then(|| {
                        view! {
                            <p class="tw-collection__empty">
                                "Nothing saved yet. Press “Collection” on an article to keep it here."
                            </p>
                        }
                    })
            }}
            <ul class="tw-news__list">
                // Patched in place like the news list (home.rs), not keyed.
                {move || {
                    entries().into_iter().map(|entry| view! { <SavedEntry entry /> }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// One saved article: a link while the feed has it, its title marked as gone once it has not.
#[component]
fn SavedEntry(entry: Saved) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let saved = expect_context::<SavedArticles>();
    let id = entry.id.clone();
    let in_feed = Memo::new(move |_| {
        live.articles
            .with(|articles| articles.iter().any(|a| a.id == id))
    });
    let title = entry.title.clone();
    let id = entry.id.clone();
    let remove_label = format!("Remove “{}” from the Collection", entry.title);
    view! {
        <li class="tw-news__item tw-saved">
            {move || {
                let (id, title) = (id.clone(), title.clone());
                if in_feed.get() {
                    view! {
                        <Link to=Route::Article(id) class="tw-news__link">
                            {title}
                        </Link>
                    }
                        .into_any()
                } else {
                    view! {
                        <span class="tw-saved__gone">{title}</span>
                        <span class="tw-saved__badge">"No longer in the feed"</span>
                    }
                        .into_any()
                }
            }} {parse_rfc3339(&entry.published_at).map(|at| view! { <PublishedTime at /> })}
            <button
                type="button"
                class="tw-button tw-saved__remove"
                aria-label=remove_label
                on:click=move |_| saved.remove(&entry.id)
            >
                "Remove"
            </button>
        </li>
    }
}
