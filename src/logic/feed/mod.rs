//! The feed: its model (what the app shows), its wire format (the JSON as written) and its
//! parser (what a publisher's JSON becomes). The contract is FEED.md, version 1.

mod model;
mod parse;
mod wire;

pub use model::*;
pub use parse::{
    decode_body, is_allowed_url, parse_feed, parse_rfc3339, parse_ticker_feed, FeedError, Finding,
    Parsed, MAX_FEED_BYTES,
};
