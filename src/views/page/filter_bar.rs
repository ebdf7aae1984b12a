//! The news filters: "Important only", a coin, a tag (links on every flash), what is applied,
//! each removable, and a way to clear them all. They live in the URL ([`Router::filters`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::live::LiveFeed;
use crate::logic::flashes::Filters;
use crate::logic::route::Route;
use crate::views::router::Router;

/// A flash's tags, as links that filter by them; nothing for none. `class` is the list's.
#[component]
pub(super) fn TagLinks(tags: Vec<String>, class: &'static str) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class=class aria-label="Tags">
                {tags
                    .into_iter()
                    .map(|tag| {
                        view! {
                            <li>
                                <TagLink tag />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// A tag, as a link that filters the list by it (a real link: it can be opened in a new tab).
#[component]
fn TagLink(tag: String) -> impl IntoView {
    let router = expect_context::<Router>();
    let filters = Filters {
        tag: Some(tag.clone()),
        ..router.filters.get_untracked()
    };
    let href = router.href_with(&Route::Home, &filters);
    let on_click = move |event: leptos::ev::MouseEvent| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if plain {
            event.prevent_default();
            router.set_filters(filters.clone());
        }
    };
    view! {
        <a class="tw-tag" href=href on:click=on_click>
            {format!("#{tag}")}
        </a>
    }
}

/// The filters: "Important only", a coin, and what is applied, each removable, with a way to
/// clear them all.
#[component]
pub(super) fn FilterBar() -> impl IntoView {
    let router = expect_context::<Router>();
    let live = expect_context::<LiveFeed>();
    let filters = router.filters;
    // The coins the flashes are about, in order of first mention, for the coin menu.
    let coins = Memo::new(move |_| {
        live.articles.with(|articles| {
            let mut coins: Vec<String> = Vec::new();
            for coin in articles.iter().flat_map(|a| &a.coins) {
                let coin = coin.to_ascii_uppercase();
                if !coins.contains(&coin) {
                    coins.push(coin);
                }
            }
            coins
        })
    });
    let set = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        router.set_filters(next);
    };
    let important = move || filters.with(|f| f.important);
    let on_coin = move |event: leptos::ev::Event| {
        let value = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|select| select.value())
            .unwrap_or_default();
        set(&|f| f.coin = (!value.is_empty()).then(|| value.clone()));
    };
    view! {
        <div class="tw-filters" role="group" aria-label="Filter the news">
            <button
                type="button"
                class="tw-button tw-filters__toggle"
                aria-pressed=move || important().to_string()
                on:click=move |_| set(&|f| f.important = !f.important)
            >
                "Important only"
            </button>
            {move || {
                (!coins.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <span class="tw-filters__coin">
                                <label for="tw-coin-filter">"Coin"</label>
                                <select
                                    id="tw-coin-filter"
                                    on:change=on_coin
                                    prop:value=move || {
                                        filters.with(|f| f.coin.clone().unwrap_or_default())
                                    }
                                >
                                    <option value="">"All"</option>
                                    {coins
                                        .get()
                                        .into_iter()
                                        .map(|coin| {
                                            view! { <option value=coin.clone()>{coin.clone()}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </span>
                        }
                    })
            }}
            {move || {
                let applied = filters.get();
                (!applied.is_empty())
                    .then(|| {
                        let mut chosen = Vec::new();
                        if applied.important {
                            chosen
                                .push((
                                    "Important only".to_owned(),
                                    Filters {
                                        important: false,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        if let Some(coin) = &applied.coin {
                            chosen
                                .push((
                                    format!("Coin {coin}"),
                                    Filters {
                                        coin: None,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        if let Some(tag) = &applied.tag {
                            chosen
                                .push((
                                    format!("Tag #{tag}"),
                                    Filters {
                                        tag: None,
                                        ..applied.clone()
                                    },
                                ));
                        }
                        view! {
                            <p class="tw-filters__applied">
                                "Showing: "
                                {chosen
                                    .into_iter()
                                    .map(|(name, without)| {
                                        let remove = format!("Remove filter: {name}");
                                        view! {
                                            <button
                                                type="button"
                                                class="tw-filters__remove"
                                                aria-label=remove
                                                on:click=move |_| router.set_filters(without.clone())
                                            >
                                                {name}
                                                " ×"
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                                <button
                                    type="button"
                                    class="tw-button tw-filters__clear"
                                    on:click=move |_| router.set_filters(Filters::default())
                                >
                                    "Clear filters"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
