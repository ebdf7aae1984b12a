// The archive: "Load more" follows the feed's next_url, a page per click, through static
// archive files; the end, a loop, a failing page and garbage, on the page and in the news
// embed, by mouse and by keyboard, and axe-core in each state of the button.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { usingServerAndBrowser, sampleFeed, waitFor, SEED_TITLE } = require("./harness.cjs");

const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let server;
let browser;
usingServerAndBrowser((started) => ({ server, browser } = started));

const PAGE_2 = "archive/feed-2.json";
const PAGE_3 = "archive/feed-3.json";

function story(id, day) {
  return {
    id,
    title: `Story ${id}`,
    published_at: `2024-06-${day}T09:00:00Z`,
    body: [{ type: "paragraph", text: `About ${id}.` }],
  };
}

/**
 * The sample feed and one more article, whose next_url leads to archive/feed-2.json; page 2's
 * relative `feed-3.json` is archive/feed-3.json (relative to page 2, not to the feed). Page 2
 * repeats the feed's main-1, which is shown once. `page3` changes page 3.
 */
function serveChain(page3 = {}) {
  const feed = sampleFeed();
  feed.articles.push(story("main-1", "11"));
  feed.next_url = PAGE_2;
  server.setFeed(feed);
  server.setFile(PAGE_2, {
    version: 1,
    tickers: [],
    articles: [story("p2-a", "10"), story("main-1", "11"), story("p2-b", "09")],
    next_url: "feed-3.json",
  });
  server.setFile(PAGE_3, { version: 1, tickers: [], articles: [story("p3-a", "08")], ...page3 });
}

const FIRST = ["Story main-1"];
const WITH_PAGE_2 = [...FIRST, "Story p2-a", "Story p2-b"];
const WITH_PAGE_3 = [...WITH_PAGE_2, "Story p3-a"];

async function openPage(query = "", { width = 1280, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  const said = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("console", (message) => said.push(message.text()));
  await page.goto(server.url + query);
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  const news = page.getByRole("region", { name: "More news" });
  return { page, context, errors, said, news };
}

/** The titles the news list shows, once they are `expected`. */
async function listed(news, expected) {
  const links = news.locator(".tw-news__link");
  let now;
  await waitFor(async () => {
    now = await links.allTextContents();
    return JSON.stringify(now) === JSON.stringify(expected);
  }, `the list to be ${JSON.stringify(expected)} (it is ${JSON.stringify(now)})`).catch(() => {});
  assert.deepEqual(now, expected);
}

/** What the live region says, once it says `expected`. */
async function says(news, expected) {
  const status = news.getByRole("status");
  let now;
  await waitFor(async () => (now = (await status.textContent()).trim()) === expected, `the status "${expected}"`).catch(() => {});
  assert.equal(now, expected);
}

test("Load more follows next_url a page per click, in order, to the end", async () => {
  serveChain();
  const { page, context, errors, said, news } = await openPage();
  await listed(news, FIRST);
  await says(news, "");
  const button = news.getByRole("button", { name: "Load more" });
  await button.click();
  await listed(news, WITH_PAGE_2);
  await says(news, "Loaded 2 older articles.");
  assert.equal(server.fileRequests(PAGE_3), 0, "one page per click");
  await button.click();
  await listed(news, WITH_PAGE_3);
  await says(news, "Loaded 1 older article. That's all the news.");
  assert.equal(await news.getByRole("button", { name: /Load more|Try again/ }).count(), 0, "nothing more to load");
  assert.equal(await news.locator(".tw-more__said").textContent(), "That's all the news.", "the end is shown, not only told");
  assert.deepEqual([server.fileRequests(PAGE_2), server.fileRequests(PAGE_3)], [1, 1]);

  // An archived article opens like any other, with its neighbours; back home, the archive is
  // still there.
  await news.getByRole("link", { name: "Story p3-a" }).click();
  await page.getByRole("heading", { level: 1, name: "Story p3-a" }).waitFor();
  const neighbours = page.getByRole("navigation", { name: "More articles" });
  assert.deepEqual(await neighbours.getByRole("link").allTextContents(), ["PreviousStory p2-b"]);
  await page.goBack();
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  await listed(news, WITH_PAGE_3);
  await says(news, "Loaded 1 older article. That's all the news.");
  assert.deepEqual(errors, []);
  assert.deepEqual(said.filter((text) => text.includes("archive")), []);
  await context.close();
});

test("a next_url back to an earlier page or to the feed ends the chain, with its reason, and nothing repeats", async () => {
  for (const [next, back] of [
    ["feed-2.json", server.url + PAGE_2],
    ["../feed.json", server.url + "feed.json"],
  ]) {
    serveChain({ next_url: next, articles: [story("p3-a", "08"), story("p2-b", "09")] });
    const { context, errors, said, news } = await openPage();
    const button = news.getByRole("button", { name: "Load more" });
    await button.click();
    await listed(news, WITH_PAGE_2);
    await button.click();
    await listed(news, WITH_PAGE_3);
    await says(news, "Loaded 1 older article. That's all the news.");
    assert.equal(await news.getByRole("button", { name: /Load more|Try again/ }).count(), 0, next);
    assert.equal(server.fileRequests(PAGE_2), 1, `${next}: page 2 is not asked for again`);
    await waitFor(() => said.some((text) => text.includes(`leads back to ${back}, already loaded`)), `the reason for ${next}`);
    assert.deepEqual(errors, []);
    await context.close();
    server.reset();
  }
});

test("a page that fails or is not a feed says so, keeps what was loaded, and Try again loads it", async () => {
  serveChain();
  server.setFile(PAGE_3, { status: 404, body: "not found" });
  const { page, context, errors, said, news } = await openPage();
  await news.getByRole("button", { name: "Load more" }).click();
  await listed(news, WITH_PAGE_2);
  await news.getByRole("button", { name: "Load more" }).click();
  await says(news, "Could not load older news: The server answered 404 Not Found.");
  await listed(news, WITH_PAGE_2);
  await waitFor(() => said.some((text) => text.includes(`${server.url + PAGE_3}: The server answered 404`)), "the failure on the console");

  // Garbage where the page should be: the parser's reason.
  server.setFile(PAGE_3, "<!DOCTYPE html><p>Moved</p>");
  const retry = news.getByRole("button", { name: "Try again" });
  await retry.click();
  await says(news, "Could not load older news: The feed is not valid JSON (line 1, column 1: expected value).");
  await listed(news, WITH_PAGE_2);

  // The server answers: the same button loads the page.
  serveChain();
  await retry.click();
  await listed(news, WITH_PAGE_3);
  await says(news, "Loaded 1 older article. That's all the news.");
  assert.equal(server.fileRequests(PAGE_3), 3);
  assert.equal(await page.getByRole("article").getByRole("heading", { level: 1 }).textContent(), SEED_TITLE, "the page is never blanked");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the news embed loads older pages too", async () => {
  serveChain();
  const { context, errors, news } = await openPage("?embed=news");
  const button = news.getByRole("button", { name: "Load more" });
  await button.click();
  await listed(news, WITH_PAGE_2);
  await button.click();
  await listed(news, WITH_PAGE_3);
  await says(news, "Loaded 1 older article. That's all the news.");
  assert.deepEqual(errors, []);
  await context.close();
});

test("by keyboard: Tab to Load more, Enter, and focus goes to the first new article", async () => {
  serveChain();
  const { page, context, news } = await openPage();
  const focused = () => page.evaluate(() => document.activeElement.textContent.trim());
  for (let i = 0; i < 40 && (await focused()) !== "Load more"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(), "Load more");
  await page.keyboard.press("Enter");
  await listed(news, WITH_PAGE_2);
  await page.waitForFunction(() => document.activeElement.textContent === "Story p2-a");
  // The new articles, then the button again.
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Story p2-b");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Load more");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.textContent === "Story p3-a");
  await says(news, "Loaded 1 older article. That's all the news.");
  await context.close();
});

test("while a page loads the button stays focused, busy, and asks for nothing more", async () => {
  serveChain();
  const { page, context, news } = await openPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(`**/${PAGE_2}`, async (route) => {
    await held;
    await route.continue();
  });
  const button = news.getByRole("button", { name: "Load more" });
  await button.focus();
  await page.keyboard.press("Enter");
  const busy = news.getByRole("button", { name: "Loading…" });
  await busy.waitFor();
  assert.equal(await busy.getAttribute("aria-busy"), "true");
  assert.equal(await busy.getAttribute("aria-disabled"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Loading…");
  await says(news, "Loading older news…");
  await page.keyboard.press("Enter");
  await busy.click({ force: true });
  release();
  await listed(news, WITH_PAGE_2);
  assert.equal(server.fileRequests(PAGE_2), 1, "one request, however often it is pressed");
  assert.equal(server.fileRequests(PAGE_3), 0);
  await context.close();
});

test("axe: no WCAG 2.2 A/AA violations with Load more idle, loading, failed and at the end, light and dark", async () => {
  const found = [];
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [360, 1280]) {
      serveChain();
      server.setFile(PAGE_3, { status: 503, body: "busy" });
      const { page, context, news } = await openPage("", { width, colorScheme });
      await page.addScriptTag({ path: AXE });
      const check = async (state) => {
        const violations = await page.evaluate(
          async (tags) => (await axe.run(document, { runOnly: { type: "tag", values: tags } })).violations,
          TAGS,
        );
        for (const v of violations) {
          found.push(`${colorScheme} ${width}px ${state}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        }
      };
      await check("idle");
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(`**/${PAGE_2}`, async (route) => {
        await held;
        await route.continue();
      });
      await news.getByRole("button", { name: "Load more" }).click();
      await news.getByRole("button", { name: "Loading…" }).waitFor();
      await check("loading");
      release();
      await listed(news, WITH_PAGE_2);
      await news.getByRole("button", { name: "Load more" }).click();
      await news.getByRole("button", { name: "Try again" }).waitFor();
      await check("failed");
      server.setFile(PAGE_3, { version: 1, tickers: [], articles: [story("p3-a", "08")] });
      await news.getByRole("button", { name: "Try again" }).click();
      await says(news, "Loaded 1 older article. That's all the news.");
      await check("end");
      await context.close();
      server.reset();
    }
  }
  assert.deepEqual(found, []);
});
