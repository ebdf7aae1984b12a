//! "Load more": the archive's next page on the reader's request, and what came of it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::live::archive::{Archive, ArchiveState};

/// The button under the news list that loads the archive's next page, and a polite live
/// region that says what came of it: how many older articles arrived, why a page could not be
/// used (the same button then tries that page again; what was loaded stays), or that there is
/// no more.
///
/// Focus: once a page has arrived, focus moves from the button to the first of its articles
/// (the first link inside the list item marked `data-article-id="ID"`), so a keyboard or
/// screen reader user goes on reading where the new items begin instead of below them, with
/// the button next in the tab order. WAI's Authoring Practices have no load-more pattern;
/// this is what the BBC's GEL "Load more" pattern does, and it keeps WCAG 2.4.3's focus
/// order meaningful. Focus stays on the button when nothing new came or the page failed, and
/// goes to the end message when the button goes away with nothing new; it is left alone if
/// the reader has moved elsewhere while the page loaded.
#[component]
pub fn LoadMore() -> impl IntoView {
    let archive = expect_context::<Archive>();
    let button = NodeRef::<html::Button>::new();
    let status = NodeRef::<html::P>::new();
    let state = archive.state;
    let with_button = Memo::new(move |_| {
        state.with(|state| {
            matches!(
                state,
                ArchiveState::Idle { more: true } | ArchiveState::Loading | ArchiveState::Failed(_)
            )
        })
    });
    let loading = move || state.with(|state| *state == ArchiveState::Loading);
    let failed = move || state.with(|state| matches!(state, ArchiveState::Failed(_)));
    // Whether the request came from the button with focus on it (the keyboard, or a click that
    // focused it): only then does focus follow the new items.
    let asked_here = StoredValue::new(false);
    let ask = move |_| {
        // Not `disabled` while loading: a disabled button loses focus (to the document), and
        // the keyboard user their place. `aria-disabled` keeps it focused and says it is
        // unavailable; the click is ignored here.
        if state.with_untracked(|state| *state == ArchiveState::Loading) {
            return;
        }
        asked_here.set_value(button.get_untracked().is_some_and(|b| has_focus(&b)));
        archive.load_more();
    };
    Effect::watch(
        move || archive.arrived.get(),
        move |arrived, _, _| {
            let Some(first) = arrived.as_ref().map(|loaded| loaded.first.clone()) else {
                return;
            };
            if !asked_here.get_value() {
                return;
            }
            // After the list has drawn the new items.
            request_animation_frame(move || {
                let here = button.get_untracked();
                let active = document().active_element();
                let body = document().body().map(web_sys::Element::from);
                let on_button = here.clone().map(web_sys::Element::from);
                // Focus is where the reader left it (or lost with the button): it may follow.
                let moved_on = active.is_some() && active != body && active != on_button;
                if moved_on {
                    return;
                }
                let item = first.and_then(|id| {
                    let selector = format!("[data-article-id=\"{id}\"] a");
                    document().query_selector(&selector).ok().flatten()
                });
                let target = match (item, here) {
                    (Some(item), _) => item.dyn_into::<web_sys::HtmlElement>().ok(),
                    (None, Some(_)) => None,
                    (None, None) => status.get_untracked().map(web_sys::HtmlElement::from),
                };
                if let Some(target) = target {
                    let _ = target.focus();
                }
            });
        },
        false,
    );
    let count = move || {
        archive
            .arrived
            .with(|arrived| match arrived.as_ref().map(|l| l.added) {
                None => String::new(),
                Some(0) => "No new articles came with that page. ".to_owned(),
                Some(1) => "Loaded 1 older article. ".to_owned(),
                Some(n) => format!("Loaded {n} older articles. "),
            })
    };
    let said = move || match state.get() {
        ArchiveState::Failed(reason) => format!("Could not load older news: {reason}"),
        ArchiveState::End => "That's all the news.".to_owned(),
        ArchiveState::Idle { .. } | ArchiveState::Loading => String::new(),
    };
    view! {
        <div class="tw-more">
            // Always in the document, so that what is written into it is announced.
            <p
                class="tw-more__status"
                class:tw-more__status--failed=failed
                role="status"
                tabindex="-1"
                node_ref=status
            >
                <span class="tw-sr-only">
                    {move || if loading() { "Loading older news…".to_owned() } else { count() }}
                </span>
                <span class="tw-more__said">{said}</span>
            </p>
            {move || {
                with_button
                    .get()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="tw-button tw-more__button"
                                node_ref=button
                                aria-disabled=move || loading().then_some("true")
                                aria-busy=move || loading().then_some("true")
                                on:click=ask
                            >
                                {move || {
                                    if loading() {
                                        "Loading…"
                                    } else if failed() {
                                        "Try again"
                                    } else {
                                        "Load more"
                                    }
                                }}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

fn has_focus(element: &web_sys::HtmlButtonElement) -> bool {
    document().active_element() == Some(element.clone().into())
}
