//! The Leptos views, and the reactive state only they use (the clock, the router, the saved
//! Collection).

pub mod app;
pub mod builder;
pub mod clock;
pub mod embed;
pub mod page;
pub mod problem;
pub mod router;
pub mod saved;
pub mod ticker;
