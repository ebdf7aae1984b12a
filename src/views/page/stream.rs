//! The flashes on screen, which are not always the feed's: when a poll brings newer ones while
//! the reader has scrolled down the page, they wait behind a "3 new flashes" button instead of
//! being inserted under the reader's eyes. At the top of the page they simply appear.

use leptos::prelude::*;

use crate::live::LiveFeed;
use crate::logic::feed::Article;
use crate::logic::flashes::new_flashes;
use crate::views::router::VIEW_HEADING;

/// Past this far down the page, the reader is reading, not watching the top.
const AT_TOP_PX: f64 = 40.0;

/// Provided as context by [`provide_stream`], for the home view and the timeline.
#[derive(Clone, Copy)]
pub struct Stream {
    /// Newest first: the feed's articles, less the new ones that wait.
    pub articles: RwSignal<Vec<Article>>,
    /// How many new flashes wait for the reader.
    pub waiting: RwSignal<usize>,
}

pub fn provide_stream() -> Stream {
    let live = expect_context::<LiveFeed>();
    let stream = Stream {
        articles: RwSignal::new(live.articles.get_untracked()),
        waiting: RwSignal::new(0),
    };
    Effect::new(move |_| {
        let incoming = live.articles.get();
        let fresh = stream
            .articles
            .with_untracked(|shown| new_flashes(shown, &incoming));
        let count = fresh.iter().filter(|f| **f).count();
        if count == 0 || at_top() {
            stream.articles.set(incoming);
            stream.waiting.set(0);
        } else {
            let kept = incoming
                .into_iter()
                .zip(fresh)
                .filter_map(|(article, fresh)| (!fresh).then_some(article))
                .collect();
            stream.articles.set(kept);
            stream.waiting.set(count);
        }
    });
    provide_context(stream);
    stream
}

fn at_top() -> bool {
    window().scroll_y().unwrap_or(0.0) <= AT_TOP_PX
}

/// "3 new flashes": shows them, at the top, with the keyboard focus on the newest.
#[component]
pub fn NewFlashes() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let stream = expect_context::<Stream>();
    let show = move |_| {
        stream.articles.set(live.articles.get_untracked());
        stream.waiting.set(0);
        request_animation_frame(|| {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(heading) = document().get_element_by_id(VIEW_HEADING) {
                if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading)
                {
                    let _ = heading.focus();
                }
            }
        });
    };
    // The region is always there, so that a screen reader hears the button when it comes.
    view! {
        <div class="tw-new" aria-live="polite">
            {move || {
                let n = stream.waiting.get();
                (n > 0)
                    .then(|| {
                        let label = if n == 1 {
                            "1 new flash".to_owned()
                        } else {
                            format!("{n} new flashes")
                        };
                        view! {
                            <button type="button" class="tw-button tw-new__button" on:click=show>
                                {label}
                            </button>
                        }
                    })
            }}
        </div>
    }
}
