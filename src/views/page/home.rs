//! The front page: the latest article the filters keep, in full (the others are the
//! timeline beside it).

use leptos::prelude::*;

use super::article::FullArticle;
use super::stream::Stream;
use super::use_document_title;
use crate::live::LiveFeed;
use crate::logic::flashes::Filters;
use crate::views::router::{Router, VIEW_HEADING};

#[component]
pub fn Home() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let router = expect_context::<Router>();
    let stream = expect_context::<Stream>();
    // The newest flash on screen that the filters keep.
    let latest = Memo::new(move |_| {
        let filters = router.filters.get();
        stream
            .articles
            .with(|articles| articles.iter().find(|a| filters.keeps(a)).cloned())
    });
    let filtered = Memo::new(move |_| !router.filters.get().is_empty());
    use_document_title(move || {
        let name = live
            .publisher
            .with(|p| p.as_ref().and_then(|p| p.name.clone()));
        format!("{}: news flash", name.as_deref().unwrap_or("Tapewire"))
    });
    move || match latest.get() {
        Some(article) => view! { <FullArticle article /> }.into_any(),
        None if filtered.get() => view! {
            <section class="tw-empty" aria-labelledby=VIEW_HEADING>
                <h1 id=VIEW_HEADING tabindex="-1">
                    "No flashes match these filters"
                </h1>
                <p>
                    "Nothing in the news is " {move || router.filters.with(describe)} ". "
                    <button
                        type="button"
                        class="tw-button"
                        on:click=move |_| router.set_filters(Filters::default())
                    >
                        "Clear filters"
                    </button>
                </p>
            </section>
        }
        .into_any(),
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

/// The filters in words: "important, about BTC, tagged ETF".
fn describe(filters: &Filters) -> String {
    let mut parts = Vec::new();
    if filters.important {
        parts.push("important".to_owned());
    }
    if let Some(coin) = &filters.coin {
        parts.push(format!("about {coin}"));
    }
    if let Some(tag) = &filters.tag {
        parts.push(format!("tagged {tag}"));
    }
    parts.join(", ")
}
