//! What the reader sees when the feed could not be used before any good data arrived.

use leptos::prelude::*;

use crate::live::{FeedStatus, LiveFeed};

/// Says why nothing could be shown, with a way to try again. Once good data has arrived a
/// failing feed leaves it on screen instead.
#[component]
pub fn FeedProblem() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let reason = move || match live.status.get() {
        FeedStatus::Failed(reason) => Some(reason),
        _ => None,
    };
    view! {
        {move || reason().map(|reason| view! {
            <div class="tw-problem" role="alert">
                <p>{reason}</p>
                <button type="button" class="tw-button" on:click=move |_| live.retry()>"Retry"</button>
            </div>
        })}
    }
}
