//! Tapewire: a live price ticker and news-flash widget.
//!
//! Three layers, each a folder:
//! - [`logic`]: pure logic (the feed's wire format and its validation, decimals, number
//!   formatting, merging, the marquee's arithmetic, configuration, routes). No browser:
//!   `cargo test` runs it natively.
//! - `live`: the live engine in the browser: polling the feed, retries and backoff, freshness
//!   and the signals every view reads; one engine for the page and every embed.
//! - `views`: the Leptos components: the ticker, the page, the embeds and the embed builder.
//! - `publish`: the publisher's side, natively: `tapewire-feed`, which builds feed.json from
//!   price APIs and news feeds, checks it as the widget reads it, and prints its JSON Schema.

pub mod logic;

#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
pub mod views;

#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
