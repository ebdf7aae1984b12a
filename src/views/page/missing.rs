//! The view for an article id the feed does not have.

use leptos::prelude::*;

use crate::logic::route::Route;
use crate::views::router::{Link, VIEW_HEADING};

#[component]
pub fn NotFound(id: String) -> impl IntoView {
    view! {
        <section class="tw-missing" aria-labelledby=VIEW_HEADING>
            <h1 id=VIEW_HEADING tabindex="-1">
                "Article not found"
            </h1>
            <p>
                "There is no article “"<span class="tw-missing__id">{id}</span>
                "” in this feed. " "It may have been taken down, or the link may be incomplete."
            </p>
            <p>
                <Link to=Route::Home class="tw-button">
                    "Back to the latest news"
                </Link>
            </p>
        </section>
    }
}
