// Never blank, never wrong: a feed server the test controls fails, recovers, serves garbage,
// serves stale data, and the page shows exactly what is promised.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { usingServerAndBrowser, sampleFeed, waitFor } = require("./harness.cjs");

let server;
let browser;
usingServerAndBrowser((started) => ({ server, browser } = started));

async function open(query, { width = 1280 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(server.url + query);
  return { page, context, errors };
}

const price = (page, symbol) => page.locator(`.tw-tick[data-symbol=${symbol}] .tw-tick__price > span`).first().textContent();

test("a failing server before any data: its status in an alert, then recovery by itself", async () => {
  server.setFeed(sampleFeed());
  server.failFeed(503);
  const { page, context, errors } = await open("?refresh=1&embed=ticker");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /the server answered 503 Service Unavailable/);
  assert.equal(await alert.getByRole("button", { name: "Retry" }).count(), 1);
  server.failFeed(null);
  // No click, no reload: the next retry brings the prices.
  await page.locator(".tw-tick[data-symbol=BTC]").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("after good data, failures keep it on screen, marked delayed with its age, until the feed is back", async () => {
  server.setFeed(sampleFeed());
  const { page, context, errors } = await open("?refresh=1");
  await page.locator(".tw-tick[data-symbol=BTC]").waitFor();
  assert.equal(await page.locator(".tw-delayed").count(), 0);

  server.failFeed(500);
  const note = page.locator(".tw-delayed");
  await note.waitFor({ timeout: 15_000 });
  assert.match(await note.textContent(), /^Prices delayed · updated \d+ s ago$/);
  assert.equal(await note.getByRole("status").textContent(), "Prices delayed");
  assert.equal(await price(page, "BTC"), "$77,124.50", "the last good price stays");
  assert.equal(await page.locator("article h1").count(), 1, "the article stays");
  assert.equal(await page.getByRole("alert").count(), 0, "no alert over good data");

  // Garbage is a failure too.
  server.failFeed(null);
  server.setFeed("{ not json");
  const before = server.feedStatuses.length;
  await waitFor(() => server.feedStatuses.length > before, "a poll of the garbage", 20_000);
  assert.equal(await price(page, "BTC"), "$77,124.50");

  // The feed is good again: new prices, and the mark goes.
  const feed = sampleFeed();
  feed.tickers[0].price = "80000.00";
  server.setFeed(feed);
  await page.waitForFunction(() => document.querySelector(".tw-tick[data-symbol=BTC] .tw-tick__price > span").textContent === "$80,000.00", null, { timeout: 20_000 });
  await note.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("retries back off exponentially while the feed fails", async () => {
  server.setFeed(sampleFeed());
  const { page, context } = await open("?refresh=1&embed=ticker");
  await page.locator(".tw-tick[data-symbol=BTC]").waitFor();
  const start = server.feedTimes.length;
  server.failFeed(500);
  // Four failing polls: at the refresh period, then twice as long each time (with jitter).
  await waitFor(() => server.feedTimes.length >= start + 5, "five polls", 30_000);
  const times = server.feedTimes.slice(start, start + 5);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  // Jittered to 50–100 %: after n failures the wait is between 2^(n-1) and 2^n periods.
  gaps.forEach((gap, i) => {
    const n = i + 1;
    assert.ok(gap >= 1000 * 2 ** (n - 1) - 150 && gap <= 1000 * 2 ** n + 400, `gap ${n}: ${gap} ms in ${JSON.stringify(gaps)}`);
  });
  server.failFeed(null);
  await context.close();
});

test("a feed older than the one on screen is ignored", async () => {
  const feed = sampleFeed();
  server.setFeed(feed);
  const { page, context } = await open("?refresh=1&embed=ticker");
  await page.locator(".tw-tick[data-symbol=BTC]").waitFor();
  const stale = sampleFeed();
  stale.updated_at = "2024-06-12T07:00:00Z";
  stale.tickers[0].price = "1.00";
  server.setFeed(stale);
  const before = server.feedStatuses.length;
  // The second request after the change means the page has dealt with the first.
  await waitFor(() => server.feedStatuses.length >= before + 2, "two polls of the stale feed", 10_000);
  assert.equal(await price(page, "BTC"), "$77,124.50");
  await context.close();
});

test("a feed that never answers times out with a clear message", async () => {
  server.setFeed(sampleFeed());
  const release = server.holdFeed();
  try {
    const { page, context } = await open("?embed=ticker");
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 25_000 });
    assert.match(await alert.textContent(), /The feed did not answer within 15 seconds\./);
    await context.close();
  } finally {
    release();
  }
});

test("over the size limit: refused with a clear message", async () => {
  const feed = sampleFeed();
  feed.articles[0].body.push({ type: "paragraph", text: "x".repeat(4.5 * 1024 * 1024) });
  server.setFeed(feed);
  const { page, context } = await open("?embed=ticker");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /The feed is too large \(\d+ bytes; at most 4194304\)/);
  await context.close();
});

test("partial damage: the broken parts are left out with a console reason, the rest renders", async () => {
  const feed = sampleFeed();
  feed.tickers.push(
    { symbol: "BAD", price: "abc" },
    { symbol: "NEG", price: "-5" },
    { price: "1.00" },
    { symbol: "BTC", price: "1.00" },
    { symbol: "LINKY", price: "1.00", url: "javascript:alert(1)" },
  );
  feed.articles.push(
    { title: "no id", published_at: "2024-06-12T08:00:00Z", body: [] },
    { id: "no-body", title: "no body", published_at: "2024-06-12T08:00:00Z" },
    { id: "long", title: "Long", published_at: "2024-06-12T08:00:00Z", body: [{ type: "paragraph", text: "y".repeat(100_000) }, { type: "video", src: "x" }] },
  );
  server.setFeed(feed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(server.url + "?id=long");
  await page.getByRole("heading", { level: 1, name: "Long" }).waitFor();
  const symbols = await page.locator(".tw-tick").evaluateAll((items) => items.map((i) => i.dataset.symbol));
  assert.deepEqual(symbols.slice(15), ["BAD", "NEG", "LINKY"], "the unpriced show a dash; no symbol and a duplicate are skipped");
  assert.equal(await price(page, "BAD"), "—");
  assert.equal(await page.locator(".tw-tick[data-symbol=LINKY] a").count(), 0, "no javascript: link");
  const paragraph = await page.locator(".tw-article__body p").textContent();
  assert.ok(paragraph.length < 100_000 && paragraph.length >= 20_000, `truncated to ${paragraph.length}`);
  assert.equal(await page.locator(".tw-article__body").evaluate((b) => b.children.length), 1, "the unknown block is skipped");
  for (const reason of [/tickers\[15\]/, /tickers\[17\]/, /duplicate/, /articles\[1\]/, /articles\[2\]/, /video/]) {
    assert.ok(warnings.some((w) => reason.test(w)), `${reason} in ${JSON.stringify(warnings)}`);
  }
  await context.close();
});

test("right-to-left names, emoji, combining marks and very long words never widen the page", async () => {
  const feed = sampleFeed();
  feed.tickers.unshift({ symbol: "مرحبا", name: "عملة 🚀🚀🚀", price: "1.00", change_24h: "1" });
  feed.publisher.name = "ناشر طويل الاسم جدا جدا 👩‍👩‍👧‍👦";
  feed.articles[0].title = "Z̵̡̢̛̛̗̣̘͔͎̜͙͚̖̟̲̜̫̈́̋̾̿̑͌̔̂̂͘͠a̸l̶g̸o̷ " + "Supercalifragilistic".repeat(20) + " مرحبا بالعالم 🧑🏽‍🚀";
  feed.articles[0].body.unshift({ type: "paragraph", text: "https://example.com/" + "a".repeat(400) });
  server.setFeed(feed);
  for (const query of ["", "?embed=news", "?embed=ticker"]) {
    const { page, context, errors } = await open(query, { width: 320 });
    await page.locator(query === "?embed=ticker" ? ".tw-tick" : "article h1").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${query || "page"}: ${overflow}px too wide`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("1,000 tickers and 1,000 articles load and update", async () => {
  const feed = sampleFeed();
  feed.tickers = Array.from({ length: 1000 }, (_, i) => ({ symbol: `T${i}`, price: `${i + 1}.00`, change_24h: "1.00" }));
  feed.articles = Array.from({ length: 1000 }, (_, i) => ({
    id: `a${i}`,
    title: `Article ${i}`,
    published_at: "2024-06-12T08:00:00Z",
    body: [{ type: "paragraph", text: `Body ${i}` }],
  }));
  server.setFeed(feed);
  const { page, context, errors } = await open("?refresh=1");
  await page.getByRole("heading", { level: 1, name: "Article 0" }).waitFor();
  assert.equal(await page.locator(".tw-ticker__copy:first-child .tw-tick").count(), 1000);
  assert.equal(await page.locator(".tw-news__item").count(), 20, "the list a page at a time");
  // Every price moves: those in view are written at once, the rest in idle time, and all
  // of them arrive.
  for (const [i, ticker] of feed.tickers.entries()) ticker.price = `${i + 5001}.00`;
  feed.updated_at = "2024-06-12T09:00:00Z";
  server.setFeed(feed);
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick")].every(
      (item, i) => item.querySelector(".tw-tick__price > span").textContent === `$${(i + 5001).toLocaleString("en-US")}.00`,
    ),
  );
  assert.deepEqual(errors, []);
  await context.close();
});
