//! One article in full: title, time, Collection toggle, body, and the way to its neighbours.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::coin_chip::CoinChips;
use super::filter_bar::TagLinks;
use super::missing::NotFound;
use super::{use_document_title, Teaser};
use crate::live::archive::{older_shown, Archive};
use crate::live::browser;
use crate::live::LiveFeed;
use crate::logic::collection::Saved;
use crate::logic::feed::{Article, Block};
use crate::logic::route::Route;
use crate::views::clock::PublishedTime;
use crate::views::embed::link_target;
use crate::views::router::{Link, VIEW_HEADING};
use crate::views::saved::SavedArticles;

/// An article and its neighbours in the feed (newest first).
#[derive(Clone, Debug, PartialEq)]
struct Found {
    article: Article,
    newer: Option<Teaser>,
    older: Option<Teaser>,
}

/// The article with this id, or a clear "not found" with a way home.
#[component]
pub fn ArticleView(id: String) -> impl IntoView {
    let live = expect_context::<LiveFeed>();
    // The archive's pages, where the view has them: their articles open here too.
    let archive = use_context::<Archive>();
    let wanted = id.clone();
    // A memo: a poll that leaves this article as it was re-renders nothing.
    let found = Memo::new(move |_| {
        live.articles.with(|articles| match archive {
            Some(archive) => archive.older.with(|older| {
                let all = articles.iter().chain(older_shown(articles, older));
                find(all.collect(), &wanted)
            }),
            None => find(articles.iter().collect(), &wanted),
        })
    });
    use_document_title(move || {
        found.with(|found| match found {
            Some(found) => found.article.title.clone(),
            None => "Article not found".to_owned(),
        })
    });
    move || match found.get() {
        Some(Found {
            article,
            newer,
            older,
        }) => view! {
            <FullArticle article />
            <ArticleNav newer older />
        }
        .into_any(),
        None => view! { <NotFound id=id.clone() /> }.into_any(),
    }
}

/// The article `id` among `articles` (newest first), with its neighbours.
fn find(articles: Vec<&Article>, id: &str) -> Option<Found> {
    let at = articles.iter().position(|article| article.id == id)?;
    Some(Found {
        article: articles[at].clone(),
        newer: at.checked_sub(1).map(|i| Teaser::of(articles[i])),
        older: articles.get(at + 1).map(|article| Teaser::of(article)),
    })
}

/// An article as the source page shows it. Its title is the view's main heading.
#[component]
pub fn FullArticle(article: Article) -> impl IntoView {
    let saved = Saved {
        id: article.id.clone(),
        title: article.title.clone(),
        published_at: article.published_at.text.clone(),
    };
    let byline = [article.author, article.source]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let important = article
        .important
        .then(|| view! { <span class="tw-flash__label">"Important"</span> });
    view! {
        <article class="tw-article" aria-labelledby=VIEW_HEADING>
            <header class="tw-article__header">
                <h1 class="tw-article__title" id=VIEW_HEADING tabindex="-1">
                    {article.title}
                </h1>
                <div class="tw-article__meta">
                    {important} <PublishedTime at=article.published_at />
                    {(!byline.is_empty()).then(|| view! { <span>{byline}</span> })}
                    <div class="tw-article__actions">
                        <CopyLink id=saved.id.clone() />
                        <CollectionToggle saved />
                    </div>
                </div>
                <CoinChips coins=article.coins />
            </header>
            <div class="tw-article__body">
                {article.body.into_iter().map(|block| view! { <BodyBlock block /> }).collect_view()}
            </div>
            <TagLinks tags=article.tags class="tw-tags" />
            {article
                .url
                .map(|url| {
                    let (target, rel) = link_target();
                    view! {
                        <p class="tw-article__original">
                            <a href=url target=target rel=rel>
                                "Read the original article"
                            </a>
                        </p>
                    }
                })}
        </article>
    }
}

/// One block of an article's body. Every text is a text node: feed text is never markup.
#[component]
fn BodyBlock(block: Block) -> impl IntoView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { text } => view! { <h2>{text}</h2> }.into_any(),
        Block::List { items, ordered } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{item}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Quote { text, cite } => view! {
            <blockquote>
                <p>{text}</p>
                {cite.map(|cite| view! { <footer>"— "<cite>{cite}</cite></footer> })}
            </blockquote>
        }
        .into_any(),
        Block::Image { src, alt, caption } => {
            let src = expect_context::<LiveFeed>().asset_url(&src);
            view! {
                <figure class="tw-figure">
                    <img src=src alt=alt loading="lazy" decoding="async" />
                    {caption.map(|caption| view! { <figcaption>{caption}</figcaption> })}
                </figure>
            }
            .into_any()
        }
        Block::Link { text, href } => {
            let (target, rel) = link_target();
            view! {
                <p class="tw-article__link">
                    <a href=href target=target rel=rel>
                        {text}
                    </a>
                </p>
            }
            .into_any()
        }
    }
}

/// Copies the article's address on the whole page (from an embed too), to share it. The
/// address loads by itself from any static server.
#[component]
fn CopyLink(id: String) -> impl IntoView {
    let location = window().location();
    let url = location.origin().unwrap_or_default()
        + &location.pathname().unwrap_or_default()
        + &Route::Article(id).page_query(&browser::query_pairs());
    let status = RwSignal::new(None::<String>);
    let copy = move |_| {
        let url = url.clone();
        spawn_local(async move {
            let said = if browser::copy_text(&url).await {
                "Link copied".to_owned()
            } else {
                format!("Copy this link: {url}")
            };
            status.set(Some(said));
        });
    };
    view! {
        <button type="button" class="tw-button tw-share" on:click=copy>
            "Copy link"
        </button>
        <span class="tw-share__status" role="status">
            {move || status.get()}
        </span>
    }
}

/// Saves the article in the reader's Collection, or takes it out. The label stays the same;
/// `aria-pressed` and the filled star say which state it is in.
#[component]
fn CollectionToggle(saved: Saved) -> impl IntoView {
    let collection = expect_context::<SavedArticles>();
    let id = saved.id.clone();
    let pressed = Memo::new(move |_| collection.contains(&id));
    view! {
        <button
            type="button"
            class="tw-button tw-collect"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| collection.toggle(saved.clone())
        >
            <svg class="tw-collect__star" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z" />
            </svg>
            "Collection"
        </button>
    }
}

/// The newer and the older neighbour of the article on screen.
#[component]
fn ArticleNav(newer: Option<Teaser>, older: Option<Teaser>) -> impl IntoView {
    let neighbour = |teaser: Teaser, label: &'static str, class: &'static str| {
        view! {
            <Link to=Route::Article(teaser.id) class>
                <span class="tw-article-nav__label">{label}</span>
                <span class="tw-article-nav__title">{teaser.title}</span>
            </Link>
        }
    };
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="tw-article-nav" aria-label="More articles">
                {newer
                    .map(|t| neighbour(
                        t,
                        "Previous",
                        "tw-article-nav__link tw-article-nav__link--newer",
                    ))}
                {older
                    .map(|t| neighbour(
                        t,
                        "Next",
                        "tw-article-nav__link tw-article-nav__link--older",
                    ))}
            </nav>
        }
    })
}
