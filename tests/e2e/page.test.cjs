// The news page as a reader sees it: article, news list, Collection, not found, loading,
// publisher chrome, deep links on a plain static server, and hostile feed text.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { PNG } = require("pngjs");
const jsQR = require("jsqr");
const { startServer, usingServerAndBrowser, sampleFeed, SEED_TITLE } = require("./harness.cjs");

let server;
let browser;
usingServerAndBrowser((started) => ({ server, browser } = started));

/** A page in a fresh context (its own storage); the reader is in UTC+8 unless told otherwise. */
async function openPage(url, { timezoneId = "Asia/Shanghai", width = 1280, init } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId, reducedMotion: "reduce" });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("dialog", (dialog) => {
    errors.push(new Error(`a dialog opened: ${dialog.message()}`));
    dialog.dismiss();
  });
  await page.goto(url);
  return { page, context, errors };
}

/** The sample feed with `count` extra articles after the seed, each with every block type. */
function feedWithArticles(count) {
  const feed = sampleFeed();
  for (let i = 1; i <= count; i++) {
    feed.articles.push({
      id: `story-${i}`,
      title: `Story number ${i}`,
      published_at: `2024-06-${String(11 - (i % 10)).padStart(2, "0")}T09:00:00Z`,
      author: "Ann Author",
      source: "Wire",
      url: `https://example.com/story-${i}`,
      tags: ["markets", "btc"],
      body: [
        { type: "heading", text: `Heading ${i}` },
        { type: "paragraph", text: `Paragraph of story ${i}.` },
        { type: "list", ordered: true, items: ["first", "second"] },
        { type: "quote", text: "A quoted line.", cite: "Someone" },
        { type: "image", src: "img/chart.png", alt: "A price chart" },
        { type: "link", text: "Read the filing", href: "https://example.com/filing" },
        { type: "mystery", text: "skipped" },
      ],
    });
  }
  return feed;
}

test("home: the seed article in full, with its time on the reader's clock (UTC+8)", async () => {
  server.setFeed(sampleFeed());
  const { page, context, errors } = await openPage(server.url);
  const article = page.getByRole("article");
  await article.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  const time = article.locator("time");
  assert.equal(await time.textContent(), "2024-06-12 16:02:10");
  assert.equal(await time.getAttribute("datetime"), "2024-06-12T16:02:10+08:00");
  // The statement: "It states:" and then its four points, in order.
  const paragraphs = await article.locator(".tw-article__body > p").allTextContents();
  assert.deepEqual(paragraphs[1], "It states:");
  const items = await article.locator(".tw-article__body > p + ul > li").allTextContents();
  assert.deepEqual(items, sampleFeed().articles[0].body[2].items);
  assert.equal(await page.title(), "ChainCatcher: news flash");
  // Landmarks, each once.
  for (const role of ["banner", "main", "contentinfo"]) {
    assert.equal(await page.getByRole(role).count(), 1, role);
  }
  assert.equal(
    await page.getByRole("contentinfo").textContent(),
    "ChainCatcherBuilding the Web3 world with innovations.Embed these prices and news",
  );
  assert.equal(await page.getByRole("banner").getByRole("link", { name: "ChainCatcher" }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("times follow the reader's zone, and tz= overrides it", async () => {
  server.setFeed(sampleFeed());
  const cases = [
    ["", "America/New_York", "2024-06-12 04:02:10"],
    ["?tz=Asia/Tokyo", "America/New_York", "2024-06-12 17:02:10"],
    ["?tz=Nowhere/Special", "Europe/London", "2024-06-12 09:02:10"],
  ];
  for (const [query, timezoneId, expected] of cases) {
    const { page, context } = await openPage(server.url + query, { timezoneId });
    assert.equal(await page.locator("article time").textContent(), expected, query || timezoneId);
    await context.close();
  }
});

test("an article: every block type in order, its title as the document's, neighbours, back and forward", async () => {
  server.setFeed(feedWithArticles(3));
  const { page, context, errors } = await openPage(server.url);
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  const list = page.getByRole("region", { name: "More news" });
  assert.deepEqual(await list.locator(".tw-news__link").allTextContents(), ["Story number 1", "Story number 2", "Story number 3"]);

  await list.getByRole("link", { name: "Story number 2" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "Story number 2" });
  await heading.waitFor();
  assert.equal(new URL(page.url()).search, "?id=story-2");
  assert.equal(await page.title(), "Story number 2");
  // Focus moves to the new view's heading, so screen readers announce it.
  await page.waitForFunction(() => document.activeElement.textContent === "Story number 2" && document.activeElement.tagName === "H1");

  const body = page.locator(".tw-article__body");
  assert.deepEqual(
    await body.evaluate((b) => [...b.children].map((c) => c.tagName.toLowerCase())),
    ["h2", "p", "ol", "blockquote", "figure", "p"],
    "the unknown block type is skipped",
  );
  assert.equal(await body.locator("blockquote cite").textContent(), "Someone");
  const image = body.getByRole("img", { name: "A price chart" });
  assert.equal(await image.evaluate((img) => img.src), server.url + "img/chart.png", "relative to the feed");
  assert.equal(await body.getByRole("link", { name: "Read the filing" }).getAttribute("href"), "https://example.com/filing");
  assert.equal(await page.locator(".tw-article__meta").textContent(), "2024-06-09 17:00:00Ann Author · WireCopy linkCollection");
  assert.deepEqual(await page.getByRole("article").getByRole("list", { name: "Tags" }).getByRole("listitem").allTextContents(), ["#markets", "#btc"]);

  const neighbours = page.getByRole("navigation", { name: "More articles" });
  assert.deepEqual(await neighbours.getByRole("link").allTextContents(), ["PreviousStory number 1", "NextStory number 3"]);
  await neighbours.getByRole("link", { name: /Next/ }).click();
  await page.getByRole("heading", { level: 1, name: "Story number 3" }).waitFor();
  assert.equal(await neighbours.getByRole("link").count(), 1, "the oldest has no next");

  await page.goBack();
  await page.getByRole("heading", { level: 1, name: "Story number 2" }).waitFor();
  await page.goBack();
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  assert.equal(new URL(page.url()).search, "");
  await page.goForward();
  await page.getByRole("heading", { level: 1, name: "Story number 2" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the keyboard reaches every link and button, and Enter follows a link", async () => {
  server.setFeed(feedWithArticles(1));
  const { page, context } = await openPage(server.url);
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => document.activeElement.textContent.trim()));
  }
  for (const name of ["ChainCatcher", "News", "Collection0 saved", "Copy link", "Collection", "Download the app", "Story number 1"]) {
    assert.ok(reached.includes(name), `${name} in ${JSON.stringify(reached)}`);
  }
  // Round the page to the story's link, by the keyboard alone (the page has far fewer than
  // 40 stops).
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  for (let i = 0; i < 40 && (await focused()) !== "Story number 1"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(), "Story number 1");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Story number 1" }).waitFor();
  await context.close();
});

test("Copy link copies the article's own address, which loads by itself", async () => {
  server.setFeed(feedWithArticles(2));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Asia/Shanghai" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  await page.goto(server.url + "?speed=0&id=story-1");
  await page.getByRole("article").getByRole("button", { name: "Copy link" }).click();
  await page.getByRole("status").filter({ hasText: "Link copied" }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, server.url + "?speed=0&id=story-1");
  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.getByRole("heading", { level: 1, name: "Story number 1" }).waitFor();
  await context.close();
});

test("more news is listed a page at a time", async () => {
  server.setFeed(feedWithArticles(45));
  const { page, context } = await openPage(server.url);
  const list = page.getByRole("region", { name: "More news" });
  await list.getByRole("link").first().waitFor();
  assert.equal(await list.locator(".tw-news__item").count(), 20);
  await list.getByRole("button", { name: "Show more" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".tw-news__item").length === 40);
  await list.getByRole("button", { name: "Show more" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".tw-news__item").length === 45);
  assert.equal(await list.getByRole("button", { name: "Show more" }).count(), 0);
  await context.close();
});

test("Collection: saved with aria-pressed, kept over a reload, listed, and marked once gone from the feed", async () => {
  server.setFeed(feedWithArticles(2));
  const { page, context, errors } = await openPage(server.url + "?id=story-1");
  const toggle = page.getByRole("article").getByRole("button", { name: "Collection" });
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.equal(await page.locator(".tw-nav__count").textContent(), "1");

  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Story number 1" }).waitFor();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true", "kept over a reload");

  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /Collection/ }).click();
  await page.getByRole("heading", { level: 1, name: "Collection" }).waitFor();
  assert.equal(new URL(page.url()).search, "?view=collection");
  assert.equal(await page.title(), "Collection");
  const saved = page.getByRole("main").getByRole("listitem");
  assert.equal(await saved.getByRole("link", { name: "Story number 1" }).count(), 1);

  // The article leaves the feed: still listed, as gone, and removable.
  const feed = feedWithArticles(2);
  feed.articles = feed.articles.filter((a) => a.id !== "story-1");
  server.setFeed(feed);
  await page.reload();
  await saved.getByText("No longer in the feed").waitFor();
  assert.equal(await saved.getByText("Story number 1").count(), 1);
  assert.equal(await saved.getByRole("link").count(), 0);
  await saved.getByRole("button", { name: "Remove “Story number 1” from the Collection" }).click();
  await page.getByText("Nothing saved yet.").waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("tapewire.collection.v1")), '{"saved":[]}');
  assert.deepEqual(errors, []);
  await context.close();
});

test("Collection: a save in one tab shows in the reader's other tab at once", async () => {
  server.setFeed(sampleFeed());
  const { page, context, errors } = await openPage(server.url);
  const other = await context.newPage();
  await other.goto(server.url);
  const count = other.locator(".tw-nav__count");
  await count.filter({ hasText: "0" }).waitFor();
  await page.getByRole("article").getByRole("button", { name: "Collection" }).click();
  // The other tab hears of it through the storage event, with no reload.
  await count.filter({ hasText: "1" }).waitFor();
  assert.equal(await other.getByRole("article").getByRole("button", { name: "Collection" }).getAttribute("aria-pressed"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Collection: corrupt storage starts empty, full or missing storage keeps this visit's saves and says so", async () => {
  server.setFeed(sampleFeed());
  const corrupt = await openPage(server.url, {
    init: () => localStorage.setItem("tapewire.collection.v1", "{not json"),
  });
  const toggle = corrupt.page.getByRole("article").getByRole("button", { name: "Collection" });
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.match(await corrupt.page.evaluate(() => localStorage.getItem("tapewire.collection.v1")), /okx-account-security/);
  assert.deepEqual(corrupt.errors, []);
  await corrupt.context.close();

  const full = await openPage(server.url, {
    init: () => {
      Storage.prototype.setItem = () => {
        throw new DOMException("full", "QuotaExceededError");
      };
    },
  });
  const fullToggle = full.page.getByRole("article").getByRole("button", { name: "Collection" });
  await fullToggle.click();
  assert.equal(await fullToggle.getAttribute("aria-pressed"), "true", "saved for this visit");
  await full.page.getByRole("link", { name: /^Collection/ }).click();
  await full.page.getByRole("status").filter({ hasText: "cannot be kept after you leave this page" }).waitFor();
  assert.equal(await full.page.getByRole("main").getByRole("link", { name: SEED_TITLE }).count(), 1);
  assert.deepEqual(full.errors, []);
  await full.context.close();

  const missing = await openPage(server.url, {
    init: () => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("denied", "SecurityError");
        },
      });
    },
  });
  const missingToggle = missing.page.getByRole("article").getByRole("button", { name: "Collection" });
  await missingToggle.click();
  assert.equal(await missingToggle.getAttribute("aria-pressed"), "true");
  assert.deepEqual(missing.errors, []);
  await missing.context.close();
});

test("not found: a clear message and a way home, never a blank page", async () => {
  server.setFeed(sampleFeed());
  const { page, context } = await openPage(server.url + "?id=no-such-story");
  await page.getByRole("heading", { level: 1, name: "Article not found" }).waitFor();
  assert.match(await page.getByRole("main").textContent(), /There is no article “no-such-story” in this feed/);
  assert.equal(await page.title(), "Article not found");
  await page.getByRole("link", { name: "Back to the latest news" }).click();
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  assert.equal(new URL(page.url()).search, "");
  await context.close();
});

test("loading: a skeleton in the article's own layout, so the title lands where its bar was", async () => {
  server.setFeed(sampleFeed());
  const release = server.holdFeed();
  const { page, context } = await openPage(server.url);
  const skeleton = page.getByRole("status").filter({ hasText: "Loading the news" });
  await skeleton.waitFor();
  const box = (selector) => page.locator(selector).first().evaluate((e) => JSON.stringify(e.getBoundingClientRect()));
  const before = { bar: await box(".tw-skeleton__title"), column: await box(".tw-page__main"), main: await box("main") };
  release();
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  const title = JSON.parse(await box("article h1"));
  const bar = JSON.parse(before.bar);
  assert.equal(title.top, bar.top, "the title starts where the bar did");
  assert.equal(title.left, bar.left);
  assert.equal(await box("main").then((m) => JSON.parse(m).top), JSON.parse(before.main).top, "the header did not grow");
  assert.equal(await box(".tw-page__main").then((c) => JSON.parse(c).width), JSON.parse(before.column).width);
  await context.close();
});

test("Scan to download: a QR code that decodes to the exact download_url, and the link itself", async () => {
  const feed = sampleFeed();
  feed.publisher.download_url = "https://www.chaincatcher.com/download?from=tapewire&lang=en";
  server.setFeed(feed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(server.url);
  const code = page.getByRole("img", { name: `QR code for ${feed.publisher.download_url}` });
  const png = PNG.sync.read(await code.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(decoded, "the code scans");
  assert.equal(decoded.data, feed.publisher.download_url);
  assert.equal(await page.getByRole("link", { name: "Download the app" }).getAttribute("href"), feed.publisher.download_url);
  // A phone-width page has no room for the code (and cannot scan itself): the link stays.
  await page.setViewportSize({ width: 360, height: 800 });
  assert.equal(await code.isVisible(), false);
  assert.equal(await page.getByRole("link", { name: "Download the app" }).isVisible(), true);
  await context.close();
});

test("publisher chrome shows only what the feed has", async () => {
  const feed = sampleFeed();
  feed.publisher = { name: "Only A Name" };
  server.setFeed(feed);
  const { page, context } = await openPage(server.url);
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  assert.equal(await page.getByRole("contentinfo").textContent(), "Only A NameEmbed these prices and news");
  assert.equal(await page.getByText("Scan to download").count(), 0);
  assert.equal(await page.locator("header img, footer img").count(), 0);
  await context.close();
});

for (const prefix of ["/", "/news/widget/"]) {
  test(`deep links load by themselves from a plain static server at ${prefix}`, async () => {
    const plain = await startServer({ prefix });
    plain.setFeed(feedWithArticles(2));
    try {
      for (const [path, heading] of [
        ["?id=story-2", "Story number 2"],
        ["index.html?id=story-1", "Story number 1"],
        ["?view=collection", "Collection"],
        ["?speed=0&id=story-1", "Story number 1"],
      ]) {
        const { page, context, errors } = await openPage(plain.url + path);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        assert.equal(await page.locator(".tw-tick").count(), 15, `${path}: the ticker too`);
        // Links the page writes keep the path and the configuration, and load by themselves.
        const home = await page.getByRole("link", { name: "News", exact: true }).getAttribute("href");
        const target = new URL(home, page.url());
        assert.ok(target.pathname.startsWith(prefix), home);
        await page.goto(target.href);
        await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
        assert.deepEqual(errors, []);
        await context.close();
      }
      // The ticker embed's own bundle and the builder's load from there too.
      for (const [path, ready] of [["?embed=ticker", ".tw-tick"], ["?view=builder", ".tw-builder__preview"]]) {
        const { page, context, errors } = await openPage(plain.url + path);
        await page.locator(ready).first().waitFor();
        assert.deepEqual(errors, []);
        await context.close();
      }
      const { page, context } = await openPage(plain.url + "?speed=0");
      await page.getByRole("link", { name: "Story number 1" }).click();
      assert.equal(new URL(page.url()).search, "?speed=0&id=story-1", "configuration kept");
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Story number 1" }).waitFor();
      await context.close();
    } finally {
      await plain.close();
    }
  });
}

test("hostile feed text is shown as text, and unsafe URLs never become links or images", async () => {
  const feed = sampleFeed();
  const hostile = "<img src=x onerror=alert(1)>";
  feed.publisher.name = "<b>Pub</b>";
  feed.articles[0].title = hostile;
  feed.articles[0].body = [
    { type: "paragraph", text: "<script>alert(2)</script>" },
    { type: "link", text: "bad link", href: "javascript:alert(3)" },
    { type: "image", src: "javascript:alert(4)", alt: "bad image" },
    { type: "image", src: "data:image/svg+xml,<svg onload=alert(5)>", alt: "data image" },
    { type: "link", text: "good link", href: "https://example.com/" },
  ];
  feed.articles[0].url = "javascript:alert(6)";
  server.setFeed(feed);
  const { page, context, errors } = await openPage(server.url);
  await page.getByRole("heading", { level: 1, name: hostile }).waitFor();
  assert.equal(await page.title(), "<b>Pub</b>: news flash");
  assert.equal(await page.locator(".tw-article__body p").first().textContent(), "<script>alert(2)</script>");
  assert.equal(await page.locator("main img, main script, main b").count(), 0);
  const hrefs = await page.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((href) => !/^\s*(javascript|data):/i.test(href)), JSON.stringify(hrefs));
  assert.equal(await page.getByRole("link", { name: "good link" }).count(), 1);
  assert.equal(await page.getByRole("link", { name: "Read the original article" }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("readable from 320 px to 1920 px: nothing wider than the window", async () => {
  server.setFeed(feedWithArticles(3));
  for (const width of [320, 768, 1920]) {
    for (const path of ["", "?id=story-1", "?view=collection", "?id=missing"]) {
      const { page, context } = await openPage(server.url + path, { width });
      await page.locator("h1").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px ${path}: ${overflow}px too wide`);
      await context.close();
    }
  }
});
