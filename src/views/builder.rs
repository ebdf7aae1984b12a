//! The embed builder: a publisher picks a view and options, watches the widget in a live
//! preview, and copies the exact `<iframe>` (and, for articles and news, the resize script).
//! A page of its own with its own bundle (`src/bin/builder.rs`): readers never download it.

use leptos::ev::Event;
use leptos::html::Code;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::live::browser;
use crate::live::LiveFeed;
use crate::logic::config::{Embed, ScrollDirection, Theme, UpColors};
use crate::logic::flashes::Filters;
use crate::logic::route::Route;
use crate::logic::snippet::{EmbedOptions, INITIAL_HEIGHT, TICKER_HEIGHT};
use crate::views::router::VIEW_HEADING;

#[component]
pub fn Builder() -> impl IntoView {
    document().set_title("Embed builder");
    let home = window().location().pathname().unwrap_or_default()
        + &Route::Home.query(&browser::query_pairs());
    let options = RwSignal::new(EmbedOptions::default());
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let app_url = origin.clone() + &location.pathname().unwrap_or_default();
    let preview_src = {
        let app_url = app_url.clone();
        move || options.with(|o| format!("{app_url}{}", o.query()))
    };
    let code = move || {
        options.with(|o| {
            let mut code = o.iframe(&app_url);
            if let Some(script) = o.resize_script(&origin) {
                code.push('\n');
                code.push_str(&script);
            }
            code
        })
    };
    view! {
        <section class="tw-builder" aria-labelledby=VIEW_HEADING>
            <p>
                <a href=home>"← Back to the news"</a>
            </p>
            <h1 id=VIEW_HEADING tabindex="-1">
                "Embed builder"
            </h1>
            <p class="tw-builder__intro">
                "Pick a view and its options, check the preview, then paste the code into your page."
            </p>
            <div class="tw-builder__layout">
                <BuilderForm options />
                <div class="tw-builder__output">
                    <h2>"Preview"</h2>
                    <Preview
                        src=Signal::derive(preview_src)
                        embed=Signal::derive(move || options.with(|o| o.embed))
                    />
                    <h2>"Code"</h2>
                    <Snippet code=Signal::derive(code) />
                </div>
            </div>
        </section>
    }
}

/// Every option, bound to `options`.
#[component]
fn BuilderForm(options: RwSignal<EmbedOptions>) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let embed = move || options.with(|o| o.embed);
    let articles = move || {
        live.articles.with(|articles| {
            articles
                .iter()
                .map(|a| (a.id.clone(), a.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    let text = |read: fn(&EmbedOptions) -> &String, write: fn(&mut EmbedOptions, String)| {
        (
            move || options.with(|o| read(o).clone()),
            move |event: Event| options.update(|o| write(o, event_target_value(&event))),
        )
    };
    let (symbols, set_symbols) = text(|o| &o.symbols, |o, v| o.symbols = v);
    let (feed, set_feed) = text(|o| &o.feed, |o, v| o.feed = v);
    let (locale, set_locale) = text(|o| &o.locale, |o, v| o.locale = v);
    let (tz, set_tz) = text(|o| &o.tz, |o, v| o.tz = v);
    let (id, set_id) = text(|o| &o.id, |o, v| o.id = v);
    let (link, set_link) = text(|o| &o.link, |o, v| o.link = v);
    let filter_text = |read: fn(&Filters) -> Option<String>,
                       write: fn(&mut Filters, Option<String>)| {
        (
            move || options.with(|o| read(&o.filters).unwrap_or_default()),
            move |event: Event| {
                let value = event_target_value(&event);
                options.update(|o| write(&mut o.filters, (!value.is_empty()).then_some(value)))
            },
        )
    };
    let (coin, set_coin) = filter_text(|f| f.coin.clone(), |f, v| f.coin = v);
    let (tag, set_tag) = filter_text(|f| f.tag.clone(), |f, v| f.tag = v);
    view! {
        <form class="tw-builder__form" on:submit=|event| event.prevent_default()>
            <fieldset>
                <legend>"View"</legend>
                <Choice
                    name="embed"
                    options
                    value=|o| o.embed == Embed::Ticker
                    set=|o| o.embed = Embed::Ticker
                    label="Price ticker"
                />
                <Choice
                    name="embed"
                    options
                    value=|o| o.embed == Embed::Article
                    set=|o| o.embed = Embed::Article
                    label="One article"
                />
                <Choice
                    name="embed"
                    options
                    value=|o| o.embed == Embed::News
                    set=|o| o.embed = Embed::News
                    label="News: latest article and list"
                />
            </fieldset>
            <Show when=move || embed() == Embed::Article>
                <label>
                    "Article" <select prop:value=id on:change=set_id>
                        <option value="">"The latest"</option>
                        {move || {
                            articles()
                                .into_iter()
                                .map(|(id, title)| view! { <option value=id>{title}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <Show when=move || embed() == Embed::Ticker>
                <label>
                    "Symbols, in order"
                    <input
                        type="text"
                        placeholder="all, e.g. ETH,BTC"
                        prop:value=symbols
                        on:input=set_symbols
                    />
                </label>
                <WholeNumber
                    options
                    label="Speed (pixels per second, 0 stops)"
                    min=0
                    max=2000
                    value=|o| o.speed
                    set=|o, speed| o.speed = speed
                />
                <fieldset>
                    <legend>"Direction"</legend>
                    <Choice
                        name="direction"
                        options
                        value=|o| o.direction == ScrollDirection::Left
                        set=|o| o.direction = ScrollDirection::Left
                        label="Left"
                    />
                    <Choice
                        name="direction"
                        options
                        value=|o| o.direction == ScrollDirection::Right
                        set=|o| o.direction = ScrollDirection::Right
                        label="Right"
                    />
                </fieldset>
                <Toggle
                    options
                    value=|o| o.pause_on_hover
                    set=|o, on| o.pause_on_hover = on
                    label="Pause on hover"
                />
                <Toggle
                    options
                    value=|o| o.colors == UpColors::RedUp
                    set=|o, on| o.colors = if on { UpColors::RedUp } else { UpColors::GreenUp }
                    label="Red means up (Chinese and Japanese markets)"
                />
                <Toggle
                    options
                    value=|o| o.sparkline
                    set=|o, on| o.sparkline = on
                    label="Sparklines"
                />
                <label>
                    "Locale for numbers"
                    <input
                        type="text"
                        placeholder="the reader's, e.g. de-DE"
                        prop:value=locale
                        on:input=set_locale
                    />
                </label>
                <label>
                    "Ticker link ({symbol} stands for the symbol)"
                    <input
                        type="url"
                        placeholder="the feed's, e.g. https://example.com/coins/{symbol}"
                        prop:value=link
                        on:input=set_link
                    />
                </label>
            </Show>
            <Show when=move || embed() == Embed::News>
                <fieldset>
                    <legend>"Which news"</legend>
                    <Toggle
                        options
                        value=|o| o.filters.important
                        set=|o, on| o.filters.important = on
                        label="Important only"
                    />
                    <label>
                        "About the coin"
                        <input
                            type="text"
                            placeholder="any, e.g. BTC"
                            prop:value=coin
                            on:input=set_coin
                        />
                    </label>
                    <label>
                        "With the tag"
                        <input
                            type="text"
                            placeholder="any, e.g. ETF"
                            prop:value=tag
                            on:input=set_tag
                        />
                    </label>
                </fieldset>
            </Show>
            <Show when=move || embed() != Embed::Ticker>
                <label>
                    "Time zone for publication times"
                    <input
                        type="text"
                        placeholder="the reader's, e.g. Asia/Shanghai"
                        prop:value=tz
                        on:input=set_tz
                    />
                </label>
            </Show>
            <fieldset>
                <legend>"Theme"</legend>
                <Choice
                    name="theme"
                    options
                    value=|o| o.theme == Theme::Auto
                    set=|o| o.theme = Theme::Auto
                    label="Follow the reader's system"
                />
                <Choice
                    name="theme"
                    options
                    value=|o| o.theme == Theme::Light
                    set=|o| o.theme = Theme::Light
                    label="Light"
                />
                <Choice
                    name="theme"
                    options
                    value=|o| o.theme == Theme::Dark
                    set=|o| o.theme = Theme::Dark
                    label="Dark"
                />
            </fieldset>
            <Toggle
                options
                value=|o| o.transparent
                set=|o, on| o.transparent = on
                label="Transparent background"
            />
            <label>
                "Feed URL (served with CORS)"
                <input
                    type="url"
                    placeholder="the bundled feed"
                    prop:value=feed
                    on:input=set_feed
                />
            </label>
            <WholeNumber
                options
                label="Refresh (seconds between updates)"
                min=1
                max=3600
                value=|o| o.refresh
                set=|o, refresh| o.refresh = refresh
            />
        </form>
    }
}

/// A whole number from `min` to `max`; other input is ignored until it is one.
#[component]
fn WholeNumber(
    options: RwSignal<EmbedOptions>,
    label: &'static str,
    min: u32,
    max: u32,
    value: fn(&EmbedOptions) -> u32,
    set: fn(&mut EmbedOptions, u32),
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                type="number"
                min=min
                max=max
                step="1"
                prop:value=move || options.with(|o| value(o).to_string())
                on:input=move |event| {
                    if let Ok(number) = event_target_value(&event).parse::<u32>() {
                        options.update(|o| set(o, number.clamp(min, max)));
                    }
                }
            />
        </label>
    }
}

/// One radio button of a group.
#[component]
fn Choice(
    name: &'static str,
    options: RwSignal<EmbedOptions>,
    value: fn(&EmbedOptions) -> bool,
    set: fn(&mut EmbedOptions),
    label: &'static str,
) -> impl IntoView {
    view! {
        <label class="tw-builder__choice">
            <input
                type="radio"
                name=name
                prop:checked=move || options.with(value)
                on:change=move |_| options.update(set)
            />
            {label}
        </label>
    }
}

/// One checkbox.
#[component]
fn Toggle(
    options: RwSignal<EmbedOptions>,
    value: fn(&EmbedOptions) -> bool,
    set: fn(&mut EmbedOptions, bool),
    label: &'static str,
) -> impl IntoView {
    view! {
        <label class="tw-builder__choice">
            <input
                type="checkbox"
                prop:checked=move || options.with(value)
                on:change=move |event| {
                    let on = event_target_checked(&event);
                    options.update(|o| set(o, on));
                }
            />
            {label}
        </label>
    }
}

/// The widget itself, as the snippet will show it; article and news previews take the height
/// they report, as a host page with the resize script would.
#[component]
fn Preview(src: Signal<String>, embed: Signal<Embed>) -> impl IntoView {
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let reported = RwSignal::new(None::<f64>);
    let listener = window_event_listener(leptos::ev::message, move |event| {
        let from_preview = frame
            .get_untracked()
            .and_then(|f| f.content_window())
            .is_some_and(|w| {
                event
                    .source()
                    .is_some_and(|source| source == *w.unchecked_ref::<js_sys::Object>())
            });
        if !from_preview {
            return;
        }
        let data = event.data();
        let is_resize = js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
            == Some("tapewire:resize");
        if let Some(height) = is_resize
            .then(|| {
                js_sys::Reflect::get(&data, &"height".into())
                    .ok()
                    .and_then(|h| h.as_f64())
            })
            .flatten()
        {
            reported.set(Some(height));
        }
    });
    on_cleanup(move || listener.remove());
    // A new embed starts from its default height until it reports its own.
    Effect::new(move |_| {
        src.track();
        reported.set(None);
    });
    let height = move || match embed.get() {
        Embed::Ticker => TICKER_HEIGHT.to_string(),
        _ => reported
            .get()
            .map_or_else(|| INITIAL_HEIGHT.to_string(), |h| (h as u32).to_string()),
    };
    view! {
        <iframe
            class="tw-builder__preview"
            node_ref=frame
            src=src
            title="Preview of the embed"
            height=height
        ></iframe>
    }
}

/// The code to paste, with a button that copies it.
#[component]
fn Snippet(code: Signal<String>) -> impl IntoView {
    let status = RwSignal::new("");
    let block = NodeRef::<Code>::new();
    let copy = move |_| {
        let text = code.get_untracked();
        let block = block.get_untracked();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                status.set("Copied.");
            } else {
                // No clipboard for this page: select the code for the reader to copy.
                if let (Some(block), Ok(Some(selection))) = (block, window().get_selection()) {
                    let _ = selection.select_all_children(&block);
                }
                status.set("Selected: press Ctrl+C (⌘C) to copy.");
            }
        });
    };
    view! {
        <pre class="tw-builder__code">
            <code node_ref=block>{code}</code>
        </pre>
        <div class="tw-builder__copy">
            <button type="button" class="tw-button" on:click=copy>
                "Copy code"
            </button>
            <span role="status">{move || status.get()}</span>
        </div>
    }
}
