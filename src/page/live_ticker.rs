//! The ticker in the Leptos page: the same web-sys ticker as the ticker embed, fed by the
//! live feed's signals.

use leptos::html::Div;
use leptos::prelude::*;

use crate::live::{FeedStatus, LiveFeed};
use crate::ticker::{Ticker, TickerOptions};

/// Mounts the ticker once its host is on the page; it goes with the host's owner.
#[component]
pub fn LiveTicker(options: TickerOptions) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let host = NodeRef::<Div>::new();
    host.on_load(move |host| {
        let ticker = Ticker::mount(&host, options);
        let showing = ticker.clone();
        Effect::new(move |_| {
            // The ticker is the tickers' only reader: it takes them rather than copying a
            // thousand of them each poll.
            live.tickers.track();
            let tickers = live.tickers.try_update_untracked(std::mem::take);
            showing.show(tickers.unwrap_or_default(), &live.style());
        });
        Effect::new(move |_| {
            ticker.set_delayed(live.delayed().as_deref());
            // No empty strip above the message that says why no prices ever came.
            host.set_hidden(matches!(live.status.get(), FeedStatus::Failed(_)));
        });
    });
    // `display: contents`: the ticker lays out as if it stood in the host's place.
    view! { <div class="tw-ticker-host" node_ref=host></div> }
}
