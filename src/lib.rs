//! Tapewire: a live price ticker and news-flash widget.
//!
//! Pure modules (no browser needed, tested natively) come first; the view layer, which only
//! exists in the browser, is compiled for `wasm32` alone. The Leptos views (the page and the
//! embed builder) are the `views` feature: the ticker embed's bundle is built without it.

pub mod collection;
pub mod config;
pub mod datetime;
pub mod decimal;
pub mod feed;
pub mod format;
pub mod freshness;
pub mod marquee;
pub mod merge;
pub mod qr;
pub mod quote;
pub mod reception;
pub mod route;
pub mod select;
pub mod snippet;
pub mod sparkline;

#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod builder;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod clock;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod intake;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod live;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod poll;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod problem;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod router;
#[cfg(all(target_arch = "wasm32", feature = "views"))]
pub mod saved;
#[cfg(target_arch = "wasm32")]
mod setup;
#[cfg(target_arch = "wasm32")]
pub mod ticker;
#[cfg(target_arch = "wasm32")]
pub mod ticker_embed;
