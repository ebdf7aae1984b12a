//! Tapewire: a live price ticker and news-flash widget.
//!
//! Pure modules (no browser needed, tested natively) come first; the live engine and the
//! Leptos views, which only exist in the browser, are compiled for `wasm32` alone.

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

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod builder;
#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod intake;
#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod poll;
#[cfg(target_arch = "wasm32")]
pub mod problem;
#[cfg(target_arch = "wasm32")]
pub mod router;
#[cfg(target_arch = "wasm32")]
pub mod saved;
#[cfg(target_arch = "wasm32")]
mod setup;
#[cfg(target_arch = "wasm32")]
pub mod ticker;
