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
        {move || {
            reason()
                .map(|reason| {
                    view! {
                        <div class="tw-problem" role="alert">
                            <p>{reason}</p>
                            <button type="button" class="tw-button" on:click=move |_| live.retry()>
                                "Retry"
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// Marks data that failing polls have left unconfirmed for a few refresh periods, with its
/// `age` ("updated 4 min ago"; `None` while current). Only the words "… delayed" are a live
/// region, and the note stays while the age ticks on: that is written in place, unannounced.
#[component]
pub fn DelayedNote(what: &'static str, #[prop(into)] age: Signal<Option<String>>) -> impl IntoView {
    let delayed = Memo::new(move |_| age.with(Option::is_some));
    move || {
        delayed.get().then(|| {
            view! {
                <p class="tw-delayed">
                    <span role="status">{what}</span>
                    " · "
                    {move || age.get().unwrap_or_default()}
                </p>
            }
        })
    }
}
