//! The whole news page: the ticker and publisher header on top, the view the route names in
//! the middle, the publisher footer below.

mod article;
mod chrome;
mod coin_chip;
mod collection;
mod download;
mod filter_bar;
mod home;
mod live_ticker;
mod load_more;
mod missing;
mod skeleton;
mod stream;
mod timeline;

use leptos::prelude::*;

use crate::live::{FeedStatus, LiveFeed};
use crate::logic::feed::{Article, Timestamp};
use crate::logic::route::Route;
use crate::views::problem::{DelayedNote, FeedProblem};
use crate::views::router::Router;
use crate::views::ticker::TickerOptions;
use article::ArticleView;
use chrome::{BrandBar, SiteFooter};
use collection::CollectionView;
use download::ScanToDownload;
use home::Home;
pub use live_ticker::LiveTicker;
use skeleton::ArticleSkeleton;
use stream::{provide_stream, NewFlashes};
use timeline::Timeline;

#[component]
pub fn Page(ticker: TickerOptions) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let router = expect_context::<Router>();
    provide_stream();
    // A memo: the list, and how far the reader has opened it, is built again only when it comes
    // or goes, not on every change of route (Home to Home) or status.
    let news_aside = Memo::new(move |_| {
        router.route.get() == Route::Home && live.status.get() == FeedStatus::Live
    });
    let view_for_route = move || match router.route.get() {
        Route::Home => view! { <Home /> }.into_any(),
        Route::Article(id) => view! { <ArticleView id /> }.into_any(),
        Route::Collection => view! { <CollectionView /> }.into_any(),
        // The builder is a page of its own (boot.js loads its bundle for ?view=builder); this
        // page only gets here through history entries it did not write.
        Route::Builder => view! { <Home /> }.into_any(),
    };
    view! {
        <header class="tw-header">
            <LiveTicker options=ticker />
            <BrandBar />
        </header>
        <main class="tw-page" id="tw-main">
            <div class="tw-page__main">
                <NewFlashes />
                <WhenReady>{view_for_route}</WhenReady>
            </div>
            <aside class="tw-page__aside" aria-label="More">
                <ScanToDownload />
                {move || news_aside.get().then(|| view! { <Timeline skip=1 /> })}
            </aside>
        </main>
        <SiteFooter />
    }
}

/// `embed=article`: the article `id` names (the latest without one), and nothing around it.
#[component]
pub fn ArticleEmbed(id: Option<String>) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    provide_stream();
    let article = move || match id.clone() {
        Some(id) => view! { <ArticleView id /> }.into_any(),
        None => view! { <Home /> }.into_any(),
    };
    view! {
        <main class="tw-embed">
            <DelayedNote what="News delayed" age=live.delayed />
            <WhenReady>{article.clone()}</WhenReady>
        </main>
    }
}

/// `embed=news`: the latest article and the list of the others.
#[component]
pub fn NewsEmbed() -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    provide_stream();
    view! {
        <main class="tw-embed">
            <DelayedNote what="News delayed" age=live.delayed />
            <NewFlashes />
            <WhenReady>
                <Home />
                <Timeline skip=1 />
            </WhenReady>
        </main>
    }
}

/// `children` once the feed has arrived; until then the article's skeleton, or why the feed
/// could not be used.
#[component]
fn WhenReady(children: ChildrenFn) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    let loading = Memo::new(move |_| live.status.get() == FeedStatus::Loading);
    let failed = Memo::new(move |_| matches!(live.status.get(), FeedStatus::Failed(_)));
    move || {
        if failed.get() {
            view! { <FeedProblem /> }.into_any()
        } else if loading.get() {
            view! { <ArticleSkeleton /> }.into_any()
        } else {
            children().into_any()
        }
    }
}

/// What a list of articles shows of each one.
#[derive(Clone, Debug, PartialEq)]
struct Teaser {
    id: String,
    title: String,
    published_at: Timestamp,
}

impl Teaser {
    fn of(article: &Article) -> Self {
        Self {
            id: article.id.clone(),
            title: article.title.clone(),
            published_at: article.published_at.clone(),
        }
    }
}

/// Keeps the document's title (the tab, the history list) in step with the view.
fn use_document_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| document().set_title(&title()));
}
