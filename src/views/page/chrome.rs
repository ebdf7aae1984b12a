//! The publisher's chrome around the page: the brand bar under the ticker and the footer. Each
//! part shows only when the feed has it.

use leptos::prelude::*;

use crate::live::LiveFeed;
use crate::logic::feed::Publisher;
use crate::logic::route::Route;
use crate::views::router::{Link, Router};
use crate::views::saved::SavedArticles;

/// The publisher's name and icon, leading home, and the page's navigation.
#[component]
pub fn BrandBar() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let saved = expect_context::<SavedArticles>();
    let count = move || saved.collection.with(|c| c.saved.len());
    let brand = move || {
        live.publisher.get().and_then(|publisher| {
            let icon = publisher.icon.map(|icon| live.asset_url(&icon));
            publisher.name.map(|name| {
                view! {
                    <Link to=Route::Home class="tw-brand">
                        {icon
                            .map(|src| {
                                view! {
                                    <img
                                        class="tw-brand__icon"
                                        src=src
                                        alt=""
                                        width="32"
                                        height="32"
                                    />
                                }
                            })}
                        <span class="tw-brand__name">{name}</span>
                    </Link>
                }
            })
        })
    };
    view! {
        <div class="tw-brandbar">
            {brand} <nav class="tw-nav" aria-label="Sections">
                <Link to=Route::Home class="tw-nav__link">
                    "News"
                </Link>
                <Link to=Route::Collection class="tw-nav__link">
                    "Collection"
                    <span class="tw-nav__count">{count}</span>
                    <span class="tw-sr-only">" saved"</span>
                </Link>
            </nav>
        </div>
    }
}

/// The app icon, the publisher's name (to its home page) and tagline, and the way to the embed
/// builder.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let router = expect_context::<Router>();
    let publisher = move || {
        live.publisher.get().and_then(|publisher| {
            let Publisher {
                name,
                tagline,
                icon,
                home_url,
                ..
            } = publisher;
            if name.is_none() && tagline.is_none() && icon.is_none() {
                return None;
            }
            let name = name.map(|name| match home_url {
                Some(url) => view! { <a href=url>{name}</a> }.into_any(),
                None => view! { <span>{name}</span> }.into_any(),
            });
            Some(view! {
                {icon
                    .map(|icon| {
                        view! {
                            <img
                                class="tw-footer__icon"
                                src=live.asset_url(&icon)
                                alt=""
                                width="40"
                                height="40"
                            />
                        }
                    })}
                <div>
                    {name.map(|name| view! { <p class="tw-footer__name">{name}</p> })}
                    {tagline.map(|tagline| view! { <p class="tw-footer__tagline">{tagline}</p> })}
                </div>
            })
        })
    };
    // The builder is a page of its own, with its own bundle: a full load, not a view change.
    view! {
        <footer class="tw-footer">
            {publisher} <a href=router.href(&Route::Builder) class="tw-footer__embed">
                "Embed these prices and news"
            </a>
        </footer>
    }
}
