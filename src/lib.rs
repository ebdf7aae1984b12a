//! Tapewire: a live price ticker and news-flash widget.
//!
//! Pure modules (no browser needed, tested natively) come first; the view layer, which only
//! exists in the browser, is compiled for `wasm32` alone.

pub mod config;
pub mod decimal;
pub mod feed;
pub mod format;
pub mod marquee;
pub mod merge;
pub mod quote;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
pub mod ticker;
