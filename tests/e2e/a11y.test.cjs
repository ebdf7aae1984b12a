// Every view against axe-core's WCAG 2.2 A and AA rules, in light and dark, narrow and wide.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { usingServerAndBrowser, sampleFeed } = require("./harness.cjs");

const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let server;
let browser;
usingServerAndBrowser((started) => ({ server, browser } = started));

/** The sample feed with a second article of every block type, and histories for sparklines. */
function richFeed() {
  const feed = sampleFeed();
  feed.tickers.forEach((ticker, i) => (ticker.history = [1, 2, 1.5, 3].map((f) => f * (i + 1))));
  feed.tickers[0].url = "https://example.com/btc";
  feed.articles.push({
    id: "every-block",
    title: "Every block type",
    published_at: "2024-06-11T09:30:00Z",
    author: "Ann Author",
    url: "https://example.com/original",
    tags: ["markets"],
    body: [
      { type: "heading", text: "A heading" },
      { type: "paragraph", text: "A paragraph." },
      { type: "list", ordered: true, items: ["One", "Two"] },
      { type: "quote", text: "A quote.", cite: "Someone" },
      { type: "image", src: "data-not-allowed-so-relative.png", alt: "A chart" },
      { type: "link", text: "A link", href: "https://example.com/" },
    ],
  });
  // The timeline's parts: an important flash, coin chips (linked, plain, unknown), tags.
  Object.assign(feed.articles[0], { important: true, coins: ["BTC", "ETH", "NOPE"], tags: ["markets", "security"] });
  feed.articles.push({ id: "flash", title: "A flash", published_at: "2024-06-10T09:30:00Z", important: true, coins: ["BTC", "SOL"], tags: ["markets"], body: [] });
  return feed;
}

// [name, query, what shows once ready, feed (null: held, still loading)]
const VIEWS = [
  ["home", "", "article h1", richFeed()],
  ["home, moving ticker", "?refresh=30", "article h1", richFeed(), "no-preference"],
  ["home, filtered", "?filter=important&tag=markets&coin=BTC", "article h1", richFeed()],
  ["home, nothing matches", "?tag=nothing", "h1", richFeed()],
  ["article", "?id=every-block", "article h1", richFeed()],
  ["collection", "?view=collection", ".tw-saved", richFeed()],
  ["not found", "?id=nope", "h1", richFeed()],
  ["loading", "", ".tw-skeleton", null],
  ["feed error", "", ".tw-problem", "{ not json"],
  ["embed builder", "?view=builder", ".tw-builder__preview", richFeed()],
  ["ticker embed", "?embed=ticker&sparkline=1", ".tw-tick", richFeed(), "no-preference"],
  ["ticker embed, red-up, dark", "?embed=ticker&colors=red-up&theme=dark", ".tw-tick", richFeed()],
  ["article embed", "?embed=article&id=every-block", "article h1", richFeed()],
  ["news embed", "?embed=news", "article h1", richFeed()],
];

for (const [name, query, ready, feed, motion = "reduce"] of VIEWS) {
  test(`${name}: no WCAG 2.2 A/AA violations, light and dark, narrow and wide`, async () => {
    const found = [];
    for (const colorScheme of ["light", "dark"]) {
      for (const width of [360, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, reducedMotion: motion });
        await context.addInitScript(() => {
          const saved = [
            { id: "every-block", title: "Every block type", published_at: "2024-06-11T09:30:00Z" },
            { id: "gone", title: "Gone from the feed", published_at: "2024-06-01T08:00:00Z" },
          ];
          localStorage.setItem("tapewire.collection.v1", JSON.stringify({ saved }));
        });
        const page = await context.newPage();
        const release = feed === null ? server.holdFeed() : null;
        if (feed !== null) server.setFeed(feed);
        await page.goto(server.url + query);
        await page.locator(ready).first().waitFor();
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(
          async (tags) => (await axe.run(document, { runOnly: { type: "tag", values: tags } })).violations,
          TAGS,
        );
        for (const v of violations) {
          found.push(`${colorScheme} ${width}px: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}: ${v.nodes[0]?.failureSummary?.split("\n")[1] ?? ""}`);
        }
        if (release) release();
        await context.close();
      }
    }
    assert.deepEqual(found, []);
  });
}
