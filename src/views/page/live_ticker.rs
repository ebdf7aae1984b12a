//! The ticker fed by the live feed: the whole page's, and the ticker embed's.

use leptos::prelude::*;

use crate::live::{FeedStatus, LiveFeed};
use crate::views::ticker::{Ticker, TickerOptions};

/// The ticker, reading the live feed's prices, number style and delay. A relative logo is
/// relative to the feed, as the publisher's icon is ([`LiveFeed::asset_url`]): a feed on a CDN
/// with `img/btc.png` beside it works wherever the widget runs.
#[component]
pub fn LiveTicker(options: TickerOptions) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    // No empty strip above the message that says why no prices ever came.
    let failed = move || matches!(live.status.get(), FeedStatus::Failed(_));
    // `display: contents`: the ticker lays out as if it stood in the host's place.
    view! {
        <div class="tw-ticker-host" hidden=failed>
            <Ticker
                options
                prices=live.tickers
                style=live.style
                delayed=live.delayed
                logo_base=live.feed_url()
            />
        </div>
    }
}
