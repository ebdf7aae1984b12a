//! The archive in the browser: the pages of older articles that the feed's `next_url` chains
//! ([`crate::logic::archive`]), fetched one per request of the reader's and kept as signals
//! for the news list, after the feed's own articles.

use leptos::prelude::*;

use gloo_net::http::Request;

use crate::live::browser;
use crate::live::poll::FETCH_TIMEOUT_MS;
use crate::live::LiveFeed;
use crate::logic::archive::Chain;
pub use crate::logic::archive::{older_shown, ArchiveState, Loaded};
use crate::logic::feed::{decode_body, parse_feed, Article, FeedError, MAX_FEED_BYTES};

/// The archive behind the live feed, provided as context by [`Archive::start`].
#[derive(Clone, Copy)]
pub struct Archive {
    /// The archive's articles, in the chain's order, each id once. Show them after the feed's
    /// through [`older_shown`]: an article the feed has too is shown from the feed.
    pub older: RwSignal<Vec<Article>>,
    pub state: RwSignal<ArchiveState>,
    /// What the page last loaded brought (`None` until one has, and while the next loads).
    pub arrived: RwSignal<Option<Loaded>>,
    chain: StoredValue<Chain>,
    live: LiveFeed,
}

impl Archive {
    /// The archive of `live`'s feed, following its `next_url` as polls bring it; provided as
    /// context.
    pub fn start(live: LiveFeed) -> Self {
        let feed_url = live.feed_url().unwrap_or_default();
        let archive = Self {
            older: RwSignal::new(Vec::new()),
            state: RwSignal::new(ArchiveState::Idle { more: false }),
            arrived: RwSignal::new(None),
            chain: StoredValue::new(Chain::new(
                &resolve(&feed_url, &feed_url).unwrap_or(feed_url),
            )),
            live,
        };
        Effect::watch(
            move || live.next_url.get(),
            move |next_url, _, _| {
                let note = archive
                    .chain
                    .try_update_value(|chain| chain.start_at(next_url.as_deref(), &resolve))
                    .flatten();
                if let Some(note) = note {
                    browser::warn(&note);
                }
                archive.sync_state();
            },
            true,
        );
        provide_context(archive);
        archive
    }

    /// Loads the next page, unless there is none or one is on its way: one page per request.
    /// After a failure, the same page again.
    pub fn load_more(&self) {
        let Some(url) = self.chain.try_update_value(Chain::begin).flatten() else {
            return;
        };
        self.arrived.set(None);
        self.sync_state();
        let this = *self;
        leptos::task::spawn_local(async move {
            let page = fetch_page(&url).await.and_then(|body| {
                let parsed = parse_feed(&body).map_err(|error| error.to_string())?;
                for finding in &parsed.warnings {
                    browser::warn(&format!("{url}: {finding}"));
                }
                Ok(parsed.feed)
            });
            if let Err(reason) = &page {
                web_sys::console::error_1(&format!("Tapewire: {url}: {reason}").into());
            }
            let mut loaded = Loaded::default();
            this.live.articles.with_untracked(|shown| {
                this.older.try_maybe_update(|older| {
                    let before = older.len();
                    this.chain.update_value(|chain| {
                        loaded = chain.receive(page, shown, older, &resolve);
                    });
                    (older.len() != before, ())
                })
            });
            if let Some(note) = &loaded.note {
                browser::warn(note);
            }
            let failed = this
                .chain
                .with_value(|chain| matches!(chain.state(), ArchiveState::Failed(_)));
            if !failed {
                this.arrived.set(Some(loaded));
            }
            this.sync_state();
        });
    }

    fn sync_state(&self) {
        let state = self.chain.with_value(|chain| chain.state().clone());
        if self.state.with_untracked(|current| *current != state) {
            self.state.set(state);
        }
    }
}

/// `relative` against `base` by the browser's `URL`, if it makes an http(s) URL.
fn resolve(relative: &str, base: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base(relative, base).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// GETs an archive page as the poller GETs the feed (revalidating: a publisher may rewrite
/// an archive file as articles move into it), in the archive's words: the reader sees
/// "Could not load older news: …". Its own copy of the poller's request: sharing one, with an
/// error type each caller words, made both bundles larger, not smaller.
async fn fetch_page(url: &str) -> Result<String, String> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS);
    let response = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .abort_signal(Some(&timeout))
        .send()
        .await
        .map_err(|error| match &error {
            gloo_net::Error::JsError(js) if js.name == "TimeoutError" => format!(
                "The server did not answer within {} seconds.",
                FETCH_TIMEOUT_MS / 1000
            ),
            _ => format!("The page could not be reached ({error})."),
        })?;
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|length| length.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|bytes| *bytes > MAX_FEED_BYTES) {
        return Err(FeedError::TooLarge { bytes }.to_string());
    }
    if !response.ok() {
        return Err(format!(
            "The server answered {} {}.",
            response.status(),
            response.status_text()
        ));
    }
    let bytes = response
        .binary()
        .await
        .map_err(|error| format!("The page could not be read ({error})."))?;
    Ok(decode_body(bytes))
}
