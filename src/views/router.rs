//! Moving between the page's views without reloading it, with working back and forward
//! buttons. Views live in the query string ([`crate::logic::route`]), so every URL this writes also
//! loads by itself from a plain static server.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::live::browser;
use crate::logic::flashes::Filters;
use crate::logic::route::Route;
use crate::views::embed::InEmbed;

/// The view on screen; provided as context by [`provide_router`].
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
    /// What the news list is narrowed to (`filter=`, `coin=`, `tag=`), in the URL too.
    pub filters: RwSignal<Filters>,
}

pub fn provide_router() -> Router {
    let router = Router {
        route: RwSignal::new(current_route()),
        filters: RwSignal::new(current_filters()),
    };
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        router.route.set(current_route());
        router.filters.set(current_filters());
    });
    on_cleanup(move || listener.remove());
    provide_context(router);
    router
}

fn current_route() -> Route {
    let query = browser::query_pairs();
    Route::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn current_filters() -> Filters {
    let query = browser::query_pairs();
    Filters::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

impl Router {
    /// The URL of `route` with `filters` in place of the current ones.
    pub fn href_with(&self, route: &Route, filters: &Filters) -> String {
        let path = window().location().pathname().unwrap_or_default();
        path + &route.query(&filters.in_query(&browser::query_pairs()))
    }

    /// Narrows the list to `filters`, as a new history entry (back undoes it). The view and
    /// the keyboard focus stay where they are: the reader is still in the list.
    pub fn set_filters(&self, filters: Filters) {
        if self.filters.with_untracked(|current| *current == filters) {
            return;
        }
        let href = self.href_with(&self.route.get_untracked(), &filters);
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
        }
        self.filters.set(filters);
    }

    /// The URL of `route` from this page: its path, with the configuration kept.
    pub fn href(&self, route: &Route) -> String {
        let path = window().location().pathname().unwrap_or_default();
        path + &route.query(&browser::query_pairs())
    }

    /// Shows `route` as a new history entry, at the top of the page, with the keyboard focus on
    /// its heading so that screen readers announce the new view.
    pub fn go(&self, route: Route) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&self.href(&route)));
        }
        self.route.set(route);
        request_animation_frame(|| {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(heading) = document().get_element_by_id(VIEW_HEADING) {
                if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading)
                {
                    let _ = heading.focus();
                }
            }
        });
    }
}

/// The `id` of each view's main heading (focusable with `tabindex="-1"`).
pub const VIEW_HEADING: &str = "tw-view-heading";

/// A link to one of the page's views. A plain click changes the view in place; a click that
/// asks for a new tab or window (modifier keys, middle button) is left to the browser. Inside
/// an embed, it opens the whole page in a new tab.
#[component]
pub fn Link(
    to: Route,
    children: Children,
    #[prop(optional, into)] class: Option<&'static str>,
) -> impl IntoView {
    let router = expect_context::<Router>();
    if use_context::<InEmbed>().is_some_and(|InEmbed(embedded)| embedded) {
        let path = window().location().pathname().unwrap_or_default();
        let href = path + &to.page_query(&browser::query_pairs());
        return view! {
            <a href=href class=class target="_blank" rel="noopener noreferrer">
                {children()}
            </a>
        }
        .into_any();
    }
    let href = router.href(&to);
    let target = to.clone();
    let current = move || (router.route.get() == target).then_some("page");
    let on_click = move |event: MouseEvent| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if plain {
            event.prevent_default();
            router.go(to.clone());
        }
    };
    view! {
        <a href=href class=class aria-current=current on:click=on_click>
            {children()}
        </a>
    }
    .into_any()
}
