//! Component tests in headless Chromium (wasm-bindgen-test): the ticker component mounted on
//! its own, fed through its prices signal, its DOM inspected directly; and the live feed's
//! ticker.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tapewire::live::intake::Intake;
use tapewire::live::LiveFeed;
use tapewire::logic::config::ScrollDirection;
use tapewire::logic::feed::{self, parse_feed, Feed};
use tapewire::logic::format::NumberStyle;
use tapewire::logic::reception::Shows;
use tapewire::views::page::LiveTicker;
use tapewire::views::ticker::{Ticker, TickerOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Counts the bytes the app has allocated and not yet freed: the heap in use, which (unlike
/// the wasm memory's size, a high-water mark) goes back down when memory is freed.
struct Counting;

static IN_USE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        std::alloc::System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        IN_USE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        std::alloc::System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SAMPLE: &str = include_str!("../assets/feed.json");

/// The app's styles, so that the ticker is laid out as on a page (which parts are in view
/// depends on it).
fn add_styles() {
    let document = document();
    if document
        .query_selector("style[data-tapewire]")
        .unwrap()
        .is_some()
    {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_attribute("data-tapewire", "").unwrap();
    style.set_text_content(Some(concat!(
        include_str!("../style/base.css"),
        include_str!("../style/ticker.css")
    )));
    document.head().unwrap().append_child(&style).unwrap();
}

fn options(speed: f64) -> TickerOptions {
    TickerOptions {
        speed,
        direction: ScrollDirection::Left,
        pause_on_hover: true,
        sparkline: false,
        link: None,
    }
}

/// A fresh container on the page, with the app's styles.
fn container() -> HtmlElement {
    add_styles();
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    container
}

/// The signal a ticker reads its prices from.
type Prices = RwSignal<Vec<feed::TickerEntry>>;

/// Mounts a ticker moving at `speed`, in dollars, into a fresh container; returns its prices
/// signal and the container.
fn mount_ticker(speed: f64) -> (Prices, HtmlElement) {
    let container = container();
    let prices = RwSignal::new(Vec::new());
    let handle = mount_to(container.clone(), move || {
        let delayed: Option<String> = None;
        view! { <Ticker options=options(speed) prices style=NumberStyle::en_us() delayed /> }
    });
    // The test owns the page for its lifetime; unmounting would race its assertions.
    std::mem::forget(handle);
    (prices, container)
}

/// Shows `feed`'s tickers.
fn show(prices: &Prices, feed: Feed) {
    prices.set(feed.tickers);
}

/// A ticker moving at `speed`, showing the sample feed.
async fn ticker_with_sample(speed: f64) -> (Prices, HtmlElement) {
    let (ticker, container) = mount_ticker(speed);
    show(&ticker, sample_with(|_| {}));
    settle().await;
    (ticker, container)
}

fn sample_with(edit: impl FnOnce(&mut serde_json::Value)) -> tapewire::logic::feed::Feed {
    let mut value: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    edit(&mut value);
    parse_feed(&value.to_string()).unwrap().feed
}

/// Lets the effects a new price wakes run, and the render effects they wake in turn (Leptos
/// runs them as microtasks), but no idle callback or frame.
async fn effects_run() {
    for _ in 0..4 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED))
            .await
            .unwrap();
    }
}

/// Lets effects, the microtasks they queue and a frame run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn select_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn renders_every_ticker_in_feed_order_with_its_texts() {
    let (_ticker, container) = ticker_with_sample(50.0).await;

    let first_copy = container
        .query_selector(".tw-ticker__copy")
        .unwrap()
        .unwrap();
    let symbols: Vec<_> = select_all(&first_copy, ".tw-tick")
        .iter()
        .map(|item| item.get_attribute("data-symbol").unwrap())
        .collect();
    assert_eq!(symbols.len(), 15);
    assert_eq!(symbols.first().map(String::as_str), Some("BTC"));
    assert_eq!(symbols.last().map(String::as_str), Some("ZEC"));
    assert_eq!(
        text(&first_copy, "[data-symbol=TRX] .tw-tick__price"),
        "$0.3277"
    );
    assert_eq!(
        text(&first_copy, "[data-symbol=SOL] .tw-tick__change"),
        "-0.25%"
    );
    let region = container.query_selector("[role=marquee]").unwrap().unwrap();
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Cryptocurrency prices")
    );
}

#[wasm_bindgen_test]
async fn a_new_price_patches_the_same_nodes_and_flashes() {
    let (ticker, container) = ticker_with_sample(50.0).await;
    let btc_before = select_all(&container, "[data-symbol=BTC]");
    let eth_price_before = select_all(&container, "[data-symbol=ETH] .tw-tick__price");
    assert!(!btc_before.is_empty());

    show(
        &ticker,
        sample_with(|feed| feed["tickers"][0]["price"] = "76000.5".into()),
    );
    // The flash comes in the frame after the update.
    settle().await;
    settle().await;

    let btc_after = select_all(&container, "[data-symbol=BTC]");
    assert_eq!(btc_after.len(), btc_before.len());
    for (before, after) in btc_before.iter().zip(&btc_after) {
        assert!(
            before.is_same_node(Some(after)),
            "the BTC item was re-created"
        );
        assert_eq!(text(after, ".tw-tick__price"), "$76,000.50");
    }
    // BTC leads the first copy, in view: one down flash. Copies out of view do not flash.
    assert_eq!(flashes(&btc_after[0]), ["tw-flash-down"], "one down flash");
    let view = container
        .query_selector(".tw-ticker__viewport")
        .unwrap()
        .unwrap()
        .get_bounding_client_rect();
    for hidden in btc_after.iter().filter(|item| {
        let rect = item.get_bounding_client_rect();
        rect.left() >= view.right() || rect.right() <= view.left()
    }) {
        assert!(flashes(hidden).is_empty(), "a copy out of view flashed");
    }
    // Unchanged tickers keep their nodes and do not flash.
    for (before, after) in eth_price_before
        .iter()
        .zip(select_all(&container, "[data-symbol=ETH] .tw-tick__price"))
    {
        assert!(before.is_same_node(Some(&after)));
    }
    for eth in select_all(&container, "[data-symbol=ETH]") {
        assert!(flashes(&eth).is_empty(), "ETH flashed");
    }
}

/// #6: with many tickers, a poll writes the chunks in view at once (flashing the moved prices
/// in view) and the others in idle periods, so no single task formats and lays out every price;
/// all of them arrive.
#[wasm_bindgen_test]
async fn chunks_out_of_view_are_written_after_the_ones_in_view() {
    let (ticker, container) = mount_ticker(50.0);
    let many = |price: u32| {
        sample_with(|feed| {
            feed.as_object_mut().unwrap().remove("updated_at");
            feed["tickers"] = (0..300)
                .map(|i| serde_json::json!({ "symbol": format!("T{i}"), "price": format!("{price}.00") }))
                .collect();
        })
    };
    show(&ticker, many(1));
    settle().await;
    let price = |symbol: &str| {
        let first_copy = container
            .query_selector(".tw-ticker__copy")
            .unwrap()
            .unwrap();
        text(
            &first_copy,
            &format!("[data-symbol={symbol}] .tw-tick__price"),
        )
    };
    assert_eq!(price("T299"), "$1.00");

    show(&ticker, many(2));
    // What is near the view is written as soon as the effects run; idle periods come later.
    effects_run().await;
    assert_eq!(price("T0"), "$2.00", "in view: written at once");
    assert_eq!(price("T299"), "$1.00", "far out of view: not yet");
    let item = |symbol: &str| {
        container
            .query_selector(&format!(".tw-ticker__copy [data-symbol={symbol}]"))
            .unwrap()
            .unwrap()
    };
    assert_eq!(flashes(&item("T0")), ["tw-flash-up"], "in view: flashed");
    for _ in 0..600 {
        if price("T299") == "$2.00" {
            break;
        }
        settle().await;
    }
    for i in 0..300 {
        assert_eq!(price(&format!("T{i}")), "$2.00", "T{i} caught up");
    }
    // A flash lasts 600 ms, longer than the catch-up: one out of view would still be running.
    assert!(flashes(&item("T299")).is_empty(), "out of view: no flash");
}

/// The ids of the flash animations running in `root` and below.
fn flashes(root: &Element) -> Vec<String> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"subtree".into(), &true.into()).unwrap();
    let get_animations: js_sys::Function = js_sys::Reflect::get(root, &"getAnimations".into())
        .unwrap()
        .unchecked_into();
    let animations: js_sys::Array = get_animations
        .call1(root, &options)
        .unwrap()
        .unchecked_into();
    animations
        .iter()
        .filter_map(|animation| {
            js_sys::Reflect::get(&animation, &"id".into())
                .ok()?
                .as_string()
        })
        .filter(|id| id.starts_with("tw-flash"))
        .collect()
}

#[wasm_bindgen_test]
async fn added_and_removed_symbols_keep_the_track() {
    let (ticker, container) = ticker_with_sample(50.0).await;
    let track = container
        .query_selector(".tw-ticker__track")
        .unwrap()
        .unwrap();

    show(
        &ticker,
        sample_with(|feed| {
            let tickers = feed["tickers"].as_array_mut().unwrap();
            tickers.retain(|t| t["symbol"] != "BTC");
            tickers.push(serde_json::json!({ "symbol": "NEW", "price": "0.000001" }));
        }),
    );
    settle().await;

    let track_after = container
        .query_selector(".tw-ticker__track")
        .unwrap()
        .unwrap();
    assert!(
        track.is_same_node(Some(&track_after)),
        "the track was re-created"
    );
    let first_copy = container
        .query_selector(".tw-ticker__copy")
        .unwrap()
        .unwrap();
    assert!(select_all(&first_copy, "[data-symbol=BTC]").is_empty());
    assert_eq!(
        text(&first_copy, "[data-symbol=NEW] .tw-tick__price > span"),
        "$0.0₅1"
    );
    let price = first_copy
        .query_selector("[data-symbol=NEW] .tw-tick__price")
        .unwrap()
        .unwrap();
    assert_eq!(price.get_attribute("title").as_deref(), Some("$0.000001"));
    // A missing price would show a dash; this one is compact, with its full value for readers.
    assert_eq!(
        text(&first_copy, "[data-symbol=NEW] .tw-sr-only"),
        "$0.000001"
    );
}

/// A poll that adds a ticker in front and moves a price flashes the ticker whose price moved,
/// not whichever stood at its place before: the list is put in place before the catch-up reads
/// the items' places.
#[wasm_bindgen_test]
async fn a_flash_lands_on_its_own_ticker_when_the_list_changes_too() {
    let (ticker, container) = ticker_with_sample(0.0).await;
    show(
        &ticker,
        sample_with(|feed| {
            let tickers = feed["tickers"].as_array_mut().unwrap();
            tickers[1]["price"] = "9999.5".into();
            tickers.insert(0, serde_json::json!({ "symbol": "NEW", "price": "1" }));
        }),
    );
    settle().await;
    settle().await;
    let flashed: Vec<String> = select_all(&container, ".tw-tick")
        .iter()
        .filter(|item| !flashes(item).is_empty())
        .filter_map(|item| item.get_attribute("data-symbol"))
        .collect();
    assert_eq!(flashed, ["ETH"]);
}

/// A price that turns compact gains its exact value (tooltip and accessible name) and loses it
/// again when it grows back, on the same nodes.
#[wasm_bindgen_test]
async fn a_price_turning_compact_and_back_keeps_its_exact_value_in_step() {
    let (ticker, container) = mount_ticker(50.0);
    let with_price = |price: &str| {
        let price = price.to_owned();
        sample_with(move |feed| feed["tickers"][0]["price"] = price.into())
    };
    let btc_price = || {
        container
            .query_selector(".tw-ticker__copy [data-symbol=BTC] .tw-tick__price")
            .unwrap()
            .unwrap()
    };
    show(&ticker, with_price("76000.5"));
    settle().await;
    let before = btc_price();
    assert_eq!(before.get_attribute("title"), None);
    assert!(before.query_selector(".tw-sr-only").unwrap().is_none());

    show(&ticker, with_price("0.000001"));
    settle().await;
    let price = btc_price();
    assert!(
        price.is_same_node(Some(&before)),
        "the price was re-created"
    );
    assert_eq!(price.get_attribute("title").as_deref(), Some("$0.000001"));
    assert_eq!(text(&price, "span[aria-hidden=true]"), "$0.0₅1");
    assert_eq!(text(&price, ".tw-sr-only"), "$0.000001");

    show(&ticker, with_price("76000.5"));
    settle().await;
    assert_eq!(price.get_attribute("title"), None);
    assert!(price.query_selector("[aria-hidden]").unwrap().is_none());
    assert!(price.query_selector(".tw-sr-only").unwrap().is_none());
    assert_eq!(price.text_content().as_deref(), Some("$76,000.50"));
}

/// The page's ticker: the live feed refuses a feed older than the one on screen, and a failing
/// poll leaves the prices there.
#[wasm_bindgen_test]
async fn an_older_feed_is_refused_and_a_failure_keeps_the_data() {
    let container = container();
    let live = LiveFeed::new(Intake::new(None, None), 30_000);
    let handle = mount_to(container.clone(), move || {
        provide_context(live);
        view! { <LiveTicker options=options(50.0) /> }
    });
    // The test owns the page for its lifetime; unmounting would race its assertions.
    std::mem::forget(handle);
    assert!(live.show(sample_with(|_| {})));
    let older = sample_with(|feed| {
        feed["updated_at"] = "2020-01-01T00:00:00Z".into();
        feed["tickers"][0]["price"] = "1.00".into();
    });
    assert!(!live.show(older));
    live.fail("The feed could not be loaded: the server answered 500.".into());
    settle().await;
    assert_eq!(
        text(&container, "[data-symbol=BTC] .tw-tick__price"),
        "$77,124.50"
    );
}

#[wasm_bindgen_test]
async fn a_still_ticker_has_one_copy_and_no_pause_button() {
    let (_ticker, container) = ticker_with_sample(0.0).await;
    settle().await;
    assert_eq!(select_all(&container, ".tw-ticker__copy").len(), 1);
    assert!(select_all(&container, ".tw-ticker__toggle").is_empty());
    assert!(container
        .query_selector(".tw-ticker--still")
        .unwrap()
        .is_some());
}

/// Resolves once no ticker is flashing any more (each flash ends by itself after 600 ms);
/// panics if one is still running after a thousand frames (many seconds, even on a busy machine).
async fn flashes_ended(root: &Element) {
    for _ in 0..1000 {
        if flashes(root).is_empty() {
            return;
        }
        settle().await;
    }
    panic!("flashes still running: {:?}", flashes(root));
}

/// #6: 10,000 updates in which every price moves leave the DOM's element count where it was
/// after a warm-up, and the wasm heap with less than a byte more per update. Prints the figures (`--nocapture` shows them).
#[wasm_bindgen_test]
async fn ten_thousand_updates_leave_the_dom_and_the_heap_where_they_started() {
    let (ticker, container) = mount_ticker(50.0);
    // Prices that move on every update, parsed beforehand: the measurement sees the app only.
    let feeds: Vec<_> = (0..8)
        .map(|step| {
            sample_with(|feed| {
                feed.as_object_mut().unwrap().remove("updated_at");
                for (i, ticker) in feed["tickers"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .enumerate()
                {
                    ticker["price"] = format!("{}.{:02}", 100 + i, step).into();
                }
            })
        })
        .collect();
    let elements = || document().get_elements_by_tag_name("*").length();
    let heap = || IN_USE.load(std::sync::atomic::Ordering::Relaxed);
    let mut updates = 0usize;
    // Each update runs the ticker's effects before the next.
    let mut run = async |count: usize| {
        for _ in 0..count {
            show(&ticker, feeds[updates % feeds.len()].clone());
            updates += 1;
            effects_run().await;
        }
    };
    // Warm-up: the allocator reaches its working size.
    for _ in 0..10 {
        run(100).await;
        settle().await;
    }
    flashes_ended(&container).await;
    let (elements_before, heap_before) = (elements(), heap());
    for _ in 0..100 {
        run(100).await;
        settle().await;
    }
    flashes_ended(&container).await;
    let (elements_after, heap_after) = (elements(), heap());
    web_sys::console::log_1(
        &format!(
            "10,000 updates: elements {elements_before} -> {elements_after}, heap in use {heap_before} -> {heap_after} bytes"
        )
        .into(),
    );
    assert_eq!(elements_after, elements_before, "DOM elements");
    // Leptos's and the futures executor's queues and lists still grow their capacity now and
    // then, by a few dozen bytes (+32 to +160 over 10,000 updates, whatever the warm-up); a
    // leak of the least allocation per update would be 80,000 bytes or more.
    let grown = heap_after.saturating_sub(heap_before);
    assert!(
        grown < 10_000,
        "heap in use grew by {grown} bytes over 10,000 updates"
    );
}
