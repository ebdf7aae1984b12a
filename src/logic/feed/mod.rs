//! The feed: its model (what the app shows), its wire format (the JSON as written) and its
//! parser (what a publisher's JSON becomes). The contract is FEED.md, version 1.

mod model;
mod parse;
#[cfg(not(target_arch = "wasm32"))]
mod schema;
mod wire;

pub use model::*;
pub use parse::{
    decode_body, is_allowed_url, parse_feed, parse_rfc3339, parse_ticker_feed, FeedError, Finding,
    Parsed, MAX_FEED_BYTES,
};
#[cfg(not(target_arch = "wasm32"))]
pub use schema::feed_schema;
