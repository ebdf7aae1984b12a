//! The archive: older articles as a chain of static pages, each a feed (FEED.md) whose
//! `next_url` names the next one, so a publisher with 100,000 flashes serves a small
//! `feed.json` and a chain of archive files from a CDN. Here: which page comes next (resolved
//! against the page that named it), when the chain ends (a page without `next_url`, one that
//! points back to a page already loaded, one that cannot be resolved), one page per request,
//! and how a page's articles join those already shown.
//!
//! Pure: URLs are resolved by the caller's `resolve(relative, base)` (the browser's `URL` in
//! the app, the `url` crate in the tests), so the chain's rules are tested natively.

use crate::logic::feed::{Article, Feed};
use crate::logic::merge::key_order;

/// Where the archive stands, as the reader is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveState {
    /// Nothing on its way; `more`: there is a next page to load.
    Idle { more: bool },
    /// A page is on its way.
    Loading,
    /// The page could not be used: why. What was loaded stays; loading again retries that page.
    Failed(String),
    /// There are no older pages.
    End,
}

/// What one page brought.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// How many of its articles are new to the reader.
    pub added: usize,
    /// The id of the first of them.
    pub first: Option<String>,
    /// Why the chain ended early (a loop, an unusable URL), for the console.
    pub note: Option<String>,
}

/// The chain of pages behind a feed.
#[derive(Clone, Debug)]
pub struct Chain {
    /// The feed's URL, then every page loaded, in order: a `next_url` back to any of them is
    /// a loop.
    visited: Vec<String>,
    /// The next page's URL, absolute; kept while it fails, so that trying again retries it.
    next: Option<String>,
    state: ArchiveState,
}

/// `relative` resolved against `base`, absolute; `None` when it cannot be.
pub type Resolve<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

impl Chain {
    /// The chain behind the feed at `feed_url` (absolute), with no next page yet.
    pub fn new(feed_url: &str) -> Self {
        Self {
            visited: vec![without_fragment(feed_url).to_owned()],
            next: None,
            state: ArchiveState::Idle { more: false },
        }
    }

    pub fn state(&self) -> &ArchiveState {
        &self.state
    }

    /// The feed's own `next_url`, from its latest poll: where the chain starts. Followed until
    /// the first archive page has arrived (or while one is on its way, for when it fails);
    /// after that the pages themselves lead. Returns why a `next_url` cannot be followed.
    pub fn start_at(&mut self, next_url: Option<&str>, resolve: Resolve) -> Option<String> {
        if self.visited.len() > 1 || self.state == ArchiveState::Loading {
            return None;
        }
        let feed = self.visited[0].clone();
        let (next, note) = self.follow(next_url, &feed, resolve);
        self.state = match (&next, &self.state) {
            // A failure stays on screen while the feed still names the same page.
            (Some(_), ArchiveState::Failed(_)) if next == self.next => self.state.clone(),
            (next, _) => ArchiveState::Idle {
                more: next.is_some(),
            },
        };
        self.next = next;
        note
    }

    /// The URL of the page to load now, and the state becomes `Loading`; `None` when there is
    /// none, or one is on its way already: one page per request, however often it is asked.
    pub fn begin(&mut self) -> Option<String> {
        match self.state {
            ArchiveState::Idle { more: true } | ArchiveState::Failed(_) => {
                let url = self.next.clone()?;
                self.state = ArchiveState::Loading;
                Some(url)
            }
            _ => None,
        }
    }

    /// The page [`Self::begin`] asked for, or why it could not be used. Its articles join
    /// `older` (the archive's, after the feed's `shown` articles), each id once.
    pub fn receive(
        &mut self,
        page: Result<Feed, String>,
        shown: &[Article],
        older: &mut Vec<Article>,
        resolve: Resolve,
    ) -> Loaded {
        let (ArchiveState::Loading, Some(url)) = (&self.state, self.next.clone()) else {
            return Loaded::default();
        };
        let page = match page {
            Ok(page) => page,
            Err(reason) => {
                self.state = ArchiveState::Failed(reason);
                return Loaded::default();
            }
        };
        self.visited.push(url.clone());
        let (added, first) = merge_page(shown, older, page.articles);
        let (next, note) = self.follow(page.next_url.as_deref(), &url, resolve);
        self.state = if next.is_some() {
            ArchiveState::Idle { more: true }
        } else {
            ArchiveState::End
        };
        self.next = next;
        Loaded { added, first, note }
    }

    /// The page `next_url` names, relative to `base` (the page that names it): `None` at the
    /// end of the chain, with why when it ended early.
    fn follow(
        &self,
        next_url: Option<&str>,
        base: &str,
        resolve: Resolve,
    ) -> (Option<String>, Option<String>) {
        let Some(next_url) = next_url else {
            return (None, None);
        };
        let Some(resolved) = resolve(next_url, base) else {
            return (
                None,
                Some(format!(
                    "{base}: next_url \"{next_url}\" is not a usable URL; the archive ends here"
                )),
            );
        };
        let resolved = without_fragment(&resolved).to_owned();
        if self.visited.contains(&resolved) {
            return (
                None,
                Some(format!(
                    "{base}: next_url \"{next_url}\" leads back to {resolved}, already loaded; the archive ends here"
                )),
            );
        }
        (Some(resolved), None)
    }
}

/// Appends `page` to `older`, but for the ids `older` has already: the archive's articles in
/// the chain's order, each once. How many of them are new to the reader (not among the feed's
/// `shown` either), and the first of those. An article the feed shows is kept in `older` all
/// the same, where the archive has it: the feed's copy wins while it has one
/// ([`older_shown`]), and once it leaves the feed (into the archive, as feeds rotate) it stays
/// in its place.
pub fn merge_page(
    shown: &[Article],
    older: &mut Vec<Article>,
    page: Vec<Article>,
) -> (usize, Option<String>) {
    let live = Ids::of(shown);
    // A page has each id once (the parser keeps the first): only `older` can repeat one.
    let page: Vec<Article> = {
        let have = Ids::of(older);
        page.into_iter().filter(|a| !have.contains(&a.id)).collect()
    };
    let mut fresh = page.iter().filter(|a| !live.contains(&a.id));
    let first = fresh.next().map(|a| a.id.clone());
    let added = usize::from(first.is_some()) + fresh.count();
    older.extend(page);
    (added, first)
}

/// The archive's articles to show after the feed's `live` ones: those the feed does not
/// have (its copy, current with every poll, wins).
pub fn older_shown<'a>(
    live: &'a [Article],
    older: &'a [Article],
) -> impl Iterator<Item = &'a Article> + 'a {
    let ids = Ids::of(live);
    older
        .iter()
        .filter(move |article| !ids.contains(&article.id))
}

/// Articles' ids, to look up: sorted as the parser sorts ids ([`key_order`]), not hashed.
struct Ids<'a> {
    ids: Vec<&'a str>,
    order: Vec<usize>,
}

impl<'a> Ids<'a> {
    fn of(articles: &'a [Article]) -> Self {
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        let order = key_order(&ids);
        Self { ids, order }
    }

    fn contains(&self, id: &str) -> bool {
        self.order
            .binary_search_by(|&at| self.ids[at].cmp(id))
            .is_ok()
    }
}

/// A URL without its `#fragment`, which names no other document.
fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::logic::feed::{parse_feed, Timestamp};

    const FEED: &str = "https://news.example/widget/feed.json";

    fn resolve(relative: &str, base: &str) -> Option<String> {
        url::Url::parse(base)
            .ok()?
            .join(relative)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https"))
            .map(String::from)
    }

    fn article(id: &str) -> Article {
        Article {
            id: id.to_owned(),
            title: format!("Title {id}"),
            published_at: Timestamp {
                text: "2024-06-12T16:02:10+08:00".to_owned(),
                unix_ms: 0,
            },
            author: None,
            source: None,
            url: None,
            important: false,
            coins: Vec::new(),
            tags: Vec::new(),
            body: Vec::new(),
        }
    }

    fn page(ids: &[&str], next_url: Option<&str>) -> Feed {
        Feed {
            version: 1,
            articles: ids.iter().map(|id| article(id)).collect(),
            next_url: next_url.map(str::to_owned),
            ..Feed::default()
        }
    }

    fn ids(articles: &[Article]) -> Vec<&str> {
        articles.iter().map(|a| a.id.as_str()).collect()
    }

    /// A chain started from the feed's `next_url`.
    fn chain(next_url: Option<&str>) -> Chain {
        let mut chain = Chain::new(FEED);
        assert_eq!(chain.start_at(next_url, &resolve), None);
        chain
    }

    #[test]
    fn a_feed_without_next_url_has_no_archive() {
        let mut chain = chain(None);
        assert_eq!(chain.state(), &ArchiveState::Idle { more: false });
        assert_eq!(chain.begin(), None);
    }

    #[test]
    fn pages_follow_each_other_resolved_against_the_page_that_names_them() {
        let mut chain = chain(Some("archive/feed-2.json"));
        assert_eq!(chain.state(), &ArchiveState::Idle { more: true });
        let shown = [article("a")];
        let mut older = Vec::new();

        let url = chain.begin();
        assert_eq!(
            url.as_deref(),
            Some("https://news.example/widget/archive/feed-2.json")
        );
        assert_eq!(chain.state(), &ArchiveState::Loading);
        // Page 2's `feed-3.json` is relative to page 2, in archive/, not to the feed.
        let loaded = chain.receive(
            Ok(page(&["b", "c"], Some("feed-3.json"))),
            &shown,
            &mut older,
            &resolve,
        );
        assert_eq!(
            loaded,
            Loaded {
                added: 2,
                first: Some("b".to_owned()),
                note: None
            }
        );
        assert_eq!(chain.state(), &ArchiveState::Idle { more: true });

        assert_eq!(
            chain.begin().as_deref(),
            Some("https://news.example/widget/archive/feed-3.json")
        );
        let loaded = chain.receive(Ok(page(&["d"], None)), &shown, &mut older, &resolve);
        assert_eq!(loaded.first.as_deref(), Some("d"));
        assert_eq!(ids(&older), ["b", "c", "d"]);
        // A page without next_url is the end: nothing more to load.
        assert_eq!(chain.state(), &ArchiveState::End);
        assert_eq!(chain.begin(), None);
    }

    #[test]
    fn absolute_and_root_relative_next_urls() {
        let mut chain = chain(Some("https://cdn.example/a/p2.json"));
        assert_eq!(
            chain.begin().as_deref(),
            Some("https://cdn.example/a/p2.json")
        );
        chain.receive(
            Ok(page(&["b"], Some("/b/p3.json?v=1#top"))),
            &[],
            &mut Vec::new(),
            &resolve,
        );
        assert_eq!(
            chain.begin().as_deref(),
            Some("https://cdn.example/b/p3.json?v=1")
        );
    }

    #[test]
    fn one_page_per_request() {
        let mut chain = chain(Some("p2.json"));
        assert!(chain.begin().is_some());
        assert_eq!(chain.begin(), None, "a page is on its way already");
        assert_eq!(chain.state(), &ArchiveState::Loading);
    }

    #[test]
    fn a_loop_back_to_an_earlier_page_ends_the_chain_with_its_reason() {
        let mut chain = chain(Some("archive/feed-2.json"));
        let mut older = Vec::new();
        chain.begin();
        chain.receive(
            Ok(page(&["b"], Some("feed-3.json"))),
            &[],
            &mut older,
            &resolve,
        );
        chain.begin();
        let loaded = chain.receive(
            Ok(page(&["c", "b"], Some("./feed-2.json#again"))),
            &[],
            &mut older,
            &resolve,
        );
        assert_eq!(loaded.added, 1, "b is shown already");
        let note = loaded.note.expect("a reason");
        assert!(note.contains("leads back to https://news.example/widget/archive/feed-2.json"));
        assert_eq!(chain.state(), &ArchiveState::End);
        assert_eq!(chain.begin(), None);
        assert_eq!(ids(&older), ["b", "c"]);
    }

    #[test]
    fn a_loop_back_to_the_feed_itself_ends_the_chain() {
        let mut chain = chain(Some("archive/feed-2.json"));
        chain.begin();
        let loaded = chain.receive(
            Ok(page(&["b"], Some("../feed.json"))),
            &[],
            &mut Vec::new(),
            &resolve,
        );
        assert!(loaded.note.is_some_and(|note| note.contains(FEED)));
        assert_eq!(chain.state(), &ArchiveState::End);
    }

    #[test]
    fn a_feed_whose_next_url_is_itself_has_no_archive() {
        let mut chain = Chain::new(FEED);
        let note = chain.start_at(Some("feed.json"), &resolve);
        assert!(note.is_some_and(|note| note.contains("leads back")));
        assert_eq!(chain.state(), &ArchiveState::Idle { more: false });
    }

    #[test]
    fn a_next_url_that_cannot_be_resolved_ends_the_chain() {
        let mut chain = chain(Some("p2.json"));
        chain.begin();
        let loaded = chain.receive(
            Ok(page(&["b"], Some("http://[::1"))),
            &[],
            &mut Vec::new(),
            &resolve,
        );
        assert!(loaded
            .note
            .is_some_and(|note| note.contains("not a usable URL")));
        assert_eq!(chain.state(), &ArchiveState::End);
    }

    #[test]
    fn a_failed_page_keeps_what_is_loaded_and_is_tried_again() {
        let mut chain = chain(Some("p2.json"));
        let mut older = Vec::new();
        let url = chain.begin();
        chain.receive(Ok(page(&["b"], Some("p3.json"))), &[], &mut older, &resolve);
        let p3 = chain.begin();
        assert_ne!(p3, url);
        let loaded = chain.receive(
            Err("The server answered 404 Not Found.".to_owned()),
            &[],
            &mut older,
            &resolve,
        );
        assert_eq!(loaded, Loaded::default());
        assert_eq!(
            chain.state(),
            &ArchiveState::Failed("The server answered 404 Not Found.".to_owned())
        );
        assert_eq!(ids(&older), ["b"]);
        // Trying again asks for the same page.
        assert_eq!(chain.begin(), p3);
        chain.receive(Ok(page(&["c"], None)), &[], &mut older, &resolve);
        assert_eq!(ids(&older), ["b", "c"]);
        assert_eq!(chain.state(), &ArchiveState::End);
    }

    #[test]
    fn a_page_the_parser_refuses_fails_with_its_message() {
        let mut chain = chain(Some("p2.json"));
        chain.begin();
        let refused = parse_feed("<html>Not here</html>")
            .map(|parsed| parsed.feed)
            .map_err(|error| error.to_string());
        chain.receive(refused, &[], &mut Vec::new(), &resolve);
        assert!(
            matches!(chain.state(), ArchiveState::Failed(reason) if reason.starts_with("The feed is not valid JSON"))
        );
    }

    #[test]
    fn the_feeds_next_url_leads_until_the_first_page_arrives() {
        let mut chain = chain(Some("p2.json"));
        // The feed changed its next_url before the reader asked: the new one counts.
        chain.start_at(Some("p2b.json"), &resolve);
        assert_eq!(
            chain.begin().as_deref(),
            Some("https://news.example/widget/p2b.json")
        );
        // While it is on its way, a poll changes nothing.
        chain.start_at(None, &resolve);
        assert_eq!(chain.state(), &ArchiveState::Loading);
        chain.receive(
            Ok(page(&["b"], Some("p3.json"))),
            &[],
            &mut Vec::new(),
            &resolve,
        );
        // From now on the pages lead.
        chain.start_at(None, &resolve);
        assert_eq!(chain.state(), &ArchiveState::Idle { more: true });
        assert_eq!(
            chain.begin().as_deref(),
            Some("https://news.example/widget/p3.json")
        );
    }

    #[test]
    fn a_failure_stays_while_the_feed_names_the_same_page() {
        let mut chain = chain(Some("p2.json"));
        chain.begin();
        chain.receive(Err("down".to_owned()), &[], &mut Vec::new(), &resolve);
        chain.start_at(Some("p2.json"), &resolve);
        assert_eq!(chain.state(), &ArchiveState::Failed("down".to_owned()));
        chain.start_at(None, &resolve);
        assert_eq!(chain.state(), &ArchiveState::Idle { more: false });
    }

    #[test]
    fn an_answer_nobody_asked_for_changes_nothing() {
        let mut chain = chain(Some("p2.json"));
        let mut older = Vec::new();
        let loaded = chain.receive(Ok(page(&["b"], None)), &[], &mut older, &resolve);
        assert_eq!(loaded, Loaded::default());
        assert!(older.is_empty());
        assert_eq!(chain.state(), &ArchiveState::Idle { more: true });
    }

    #[test]
    fn the_feeds_articles_win_and_repeats_are_dropped() {
        let shown = [article("a"), article("b")];
        let mut older = vec![article("c")];
        let (added, first) = merge_page(
            &shown,
            &mut older,
            vec![article("b"), article("c"), article("d"), article("e")],
        );
        assert_eq!((added, first.as_deref()), (2, Some("d")));
        // b stays in the archive's order, but is shown from the feed while the feed has it.
        assert_eq!(ids(&older), ["c", "b", "d", "e"]);
        let listed: Vec<_> = older_shown(&shown, &older).map(|a| a.id.as_str()).collect();
        assert_eq!(listed, ["c", "d", "e"]);
        // Once b has left the feed, the archive's copy shows in its place.
        let listed: Vec<_> = older_shown(&shown[..1], &older)
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(listed, ["c", "b", "d", "e"]);
    }

    #[test]
    fn a_page_of_nothing_new_adds_nothing_and_the_chain_goes_on() {
        let mut chain = chain(Some("p2.json"));
        chain.begin();
        let shown = [article("a")];
        let loaded = chain.receive(
            Ok(page(&["a"], Some("p3.json"))),
            &shown,
            &mut Vec::new(),
            &resolve,
        );
        assert_eq!((loaded.added, loaded.first), (0, None));
        assert_eq!(chain.state(), &ArchiveState::Idle { more: true });
    }
}
