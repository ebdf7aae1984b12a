//! Pure logic: no browser, so every module here is tested natively.

pub mod archive;
pub mod collection;
pub mod config;
pub mod datetime;
pub mod decimal;
pub mod feed;
pub mod flashes;
pub mod format;
pub mod freshness;
pub mod link;
pub mod marquee;
pub mod merge;
pub mod qr;
pub mod quote;
pub mod reception;
pub mod route;
pub mod select;
pub mod snippet;
pub mod sparkline;
