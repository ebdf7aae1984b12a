//! The article's shape while the feed loads. It is built from the article's own classes (the
//! same type sizes, margins and buttons), so nothing jumps when the text arrives.

use leptos::prelude::*;

/// Bars as wide as lines of text: `(percent of the line, …)` per block.
const TITLE: &[u8] = &[92, 55];
const PARAGRAPHS: &[&[u8]] = &[&[100, 96, 40], &[30], &[100, 88, 100, 64]];

#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    let bars = |widths: &'static [u8]| {
        widths
            .iter()
            .map(|width| {
                // Set through the CSSOM, which a strict style-src allows (a style attribute it would not).
                view! { <span class="tw-skeleton__bar" style:width=format!("{width}%")></span> }
            })
            .collect_view()
    };
    view! {
        <div class="tw-skeleton" role="status">
            <span class="tw-sr-only">"Loading the news…"</span>
            <div class="tw-article__header" aria-hidden="true">
                <div class="tw-skeleton__title">{bars(TITLE)}</div>
                <div class="tw-article__meta">
                    <span class="tw-skeleton__bar tw-skeleton__bar--time"></span>
                    <div class="tw-article__actions tw-skeleton__button">
                        <span class="tw-button tw-share">"Copy link"</span>
                        <span class="tw-button tw-collect">"Collection"</span>
                    </div>
                </div>
            </div>
            <div class="tw-article__body" aria-hidden="true">
                {PARAGRAPHS.iter().map(|lines| view! { <p>{bars(lines)}</p> }).collect_view()}
            </div>
        </div>
    }
}
