// The news as a timeline of flashes (issue #17): day groups and ages that stay true, importance,
// coin chips at live prices, tags, and filters by URL and by click, on the page and in the news
// embed. Every page runs on a clock only the test moves (clockedPage: 2024-06-12T09:00:00Z), in
// UTC (tz=UTC), so days and ages are exact.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { usingServerAndBrowser, clockedPage, sampleFeed, waitFor } = require("./harness.cjs");

let server;
let host;
let browser;
usingServerAndBrowser((started) => ({ server, host, browser } = started));

const paragraph = (text) => [{ type: "paragraph", text }];

/** The sample's prices, with BTC linked, and four flashes over four days. */
function flashesFeed() {
  const feed = sampleFeed();
  feed.tickers[0].url = "https://coins.example/btc";
  feed.articles = [
    { id: "etf", title: "Spot bitcoin ETFs see record inflows", published_at: "2024-06-12T08:44:00Z", important: true, coins: ["BTC", "ETH"], tags: ["ETF", "Markets"], body: paragraph("Inflows.") },
    { id: "sol", title: "Solana validators restart after a stall", published_at: "2024-06-12T07:00:00Z", coins: ["SOL", "NOPE"], tags: ["Outage"], body: paragraph("Stall.") },
    { id: "fed", title: "Fed holds rates; bitcoin steady", published_at: "2024-06-11T15:00:00Z", important: true, coins: ["BTC"], tags: ["Markets"], body: paragraph("Rates.") },
    { id: "old", title: "ETF filings pile up", published_at: "2024-06-09T10:00:00Z", tags: ["ETF"], body: paragraph("Filings.") },
  ];
  return feed;
}

async function open(query) {
  server.setFeed(flashesFeed());
  const opened = await clockedPage(browser, `${server.url}?tz=UTC&refresh=5${query}`);
  await opened.page.locator("h1").waitFor();
  return opened;
}

/** The timeline as a reader scans it: each day's heading and its flashes' titles. */
function timeline(page) {
  return page.locator(".tw-news .tw-day").evaluateAll((days) =>
    days.map((day) => [day.querySelector("h3").textContent, ...[...day.querySelectorAll(".tw-news__link")].map((a) => a.textContent)]),
  );
}

const query = (page) => new URL(page.url()).searchParams;

test("the timeline groups flashes by day, with times and ages that stay true while the page is open", async () => {
  const { page } = await open("");
  assert.equal(await page.locator("article h1").textContent(), "Spot bitcoin ETFs see record inflows");
  assert.deepEqual(await timeline(page), [
    ["Today", "Solana validators restart after a stall"],
    ["Yesterday", "Fed holds rates; bitcoin steady"],
    ["2024-06-09", "ETF filings pile up"],
  ]);
  const sol = page.locator(".tw-flash", { hasText: "Solana" });
  const time = sol.locator("time");
  assert.equal(await time.textContent(), "07:00");
  assert.equal(await time.getAttribute("datetime"), "2024-06-12T07:00:00Z");
  assert.equal(await time.getAttribute("title"), "2024-06-12 07:00:00");
  assert.equal(await sol.locator(".tw-flash__age").textContent(), "2 h ago");
  await page.clock.runFor(60 * 60 * 1000);
  await waitFor(async () => (await sol.locator(".tw-flash__age").textContent()) === "3 h ago", "the age an hour on");
  // Past midnight, today's flash is yesterday's and yesterday's a date.
  await page.clock.runFor(15 * 60 * 60 * 1000);
  await waitFor(async () => (await timeline(page))[0][0] === "Yesterday", "the days past midnight");
  assert.deepEqual((await timeline(page)).map((day) => day[0]), ["Yesterday", "2024-06-11", "2024-06-09"]);
});

test("importance is a label, and 'Important only' filters by click and by URL, undone by Clear or Back", async () => {
  const { page } = await open("");
  const fed = page.locator(".tw-flash", { hasText: "Fed holds" });
  assert.equal(await fed.locator(".tw-flash__label").textContent(), "Important");
  assert.equal(await page.locator(".tw-flash", { hasText: "Solana" }).locator(".tw-flash__label").count(), 0);
  const toggle = page.getByRole("button", { name: "Important only", exact: true });
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  // By keyboard: the filters are reachable and work without a mouse.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await waitFor(async () => query(page).get("filter") === "important", "filter=important in the URL");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.deepEqual(await timeline(page), [["Yesterday", "Fed holds rates; bitcoin steady"]]);
  assert.match(await page.locator(".tw-filters__applied").textContent(), /Showing: Important only/);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await waitFor(async () => !query(page).has("filter"), "the filter gone from the URL");
  assert.equal((await timeline(page)).length, 3);
  await page.goBack();
  await waitFor(async () => (await timeline(page)).length === 1, "Back brings the filter back");

  const linked = await open("&filter=important");
  assert.deepEqual(await timeline(linked.page), [["Yesterday", "Fed holds rates; bitcoin steady"]]);
});

test("tags filter by click, coins by menu and URL, filters combine, and an empty result offers to clear", async () => {
  const { page } = await open("");
  await page.locator(".tw-flash", { hasText: "ETF filings" }).getByRole("link", { name: "#ETF" }).click();
  await waitFor(async () => query(page).get("tag") === "ETF", "tag=ETF in the URL");
  assert.equal(await page.locator("article h1").textContent(), "Spot bitcoin ETFs see record inflows");
  assert.deepEqual(await timeline(page), [["2024-06-09", "ETF filings pile up"]]);
  await page.getByRole("button", { name: "Remove filter: Tag #ETF" }).click();
  await waitFor(async () => !query(page).has("tag"), "the tag removed");

  await page.getByLabel("Coin", { exact: true }).selectOption("SOL");
  await waitFor(async () => query(page).get("coin") === "SOL", "coin=SOL in the URL");
  assert.equal(await page.locator("article h1").textContent(), "Solana validators restart after a stall");
  assert.equal(await page.locator(".tw-news__none").textContent(), "No other flashes match these filters.");

  const combined = await open("&filter=important&coin=btc&tag=markets");
  assert.equal(await combined.page.locator("article h1").textContent(), "Spot bitcoin ETFs see record inflows");
  assert.deepEqual(await timeline(combined.page), [["Yesterday", "Fed holds rates; bitcoin steady"]]);

  const none = await open("&tag=nothing");
  await none.page.getByRole("heading", { name: "No flashes match these filters" }).waitFor();
  await none.page.locator(".tw-empty").getByRole("button", { name: "Clear filters" }).click();
  await none.page.getByRole("heading", { name: "Spot bitcoin ETFs see record inflows" }).waitFor();
});

test("coin chips show live prices from the ticker's poll, named for screen readers, linked to the coin", async () => {
  const { page } = await open("");
  const fed = page.locator(".tw-flash", { hasText: "Fed holds" });
  const chip = fed.locator(".tw-chip");
  assert.equal(await chip.textContent(), "BTC $77,124.50 +2.69%");
  assert.equal(await chip.getAttribute("aria-label"), "BTC $77,124.50, up 2.69%");
  assert.equal(await fed.locator("a.tw-chip__link").getAttribute("href"), "https://coins.example/btc");
  const sol = page.locator(".tw-flash", { hasText: "Solana" });
  assert.equal(await sol.locator(".tw-chip").first().getAttribute("aria-label"), "SOL $88.82, down 0.25%");
  assert.equal(await sol.locator(".tw-chip").nth(1).textContent(), "NOPE", "a coin the ticker lacks is a plain label");
  assert.equal(await sol.locator("a.tw-chip__link").count(), 0);

  const moved = flashesFeed();
  moved.tickers[0].price = "80000.00";
  moved.tickers[0].change_24h = "-1.50";
  server.setFeed(moved);
  await page.clock.runFor(5000);
  await waitFor(async () => (await chip.textContent()) === "BTC $80,000.00 -1.50%", "the chip after the poll");
  assert.equal(await chip.getAttribute("aria-label"), "BTC $80,000.00, down 1.50%");
  assert.equal(await chip.getAttribute("data-direction"), "down");
  assert.equal(await page.locator(".tw-tick[data-symbol=BTC] .tw-tick__price").first().textContent(), "$80,000.00", "the ticker, from the same poll");
});

test("the news embed takes the filters from its URL and shows chips and days", async () => {
  server.setFeed(flashesFeed());
  const { page } = await clockedPage(browser, `${server.url}?embed=news&tz=UTC&filter=important`);
  await page.locator("article h1").waitFor();
  assert.equal(await page.locator("article h1").textContent(), "Spot bitcoin ETFs see record inflows");
  assert.deepEqual(await timeline(page), [["Yesterday", "Fed holds rates; bitcoin steady"]]);
  assert.equal(await page.locator(".tw-flash .tw-chip").textContent(), "BTC $77,124.50 +2.69%");
});

test("new flashes wait behind a polite button while the reader is down the page, and simply appear at the top", async () => {
  server.setFeed(flashesFeed());
  const { page } = await clockedPage(browser, `${server.url}?tz=UTC&refresh=5`, { viewport: { width: 1280, height: 400 } });
  await page.locator("article h1").waitFor();
  const newer = (id, title, minute) => ({ id, title, published_at: `2024-06-12T08:${minute}:00Z`, coins: ["ETH"], body: paragraph("New.") });
  await page.evaluate(() => window.scrollTo(0, 300));
  const feed = flashesFeed();
  feed.articles.unshift(newer("n2", "Second new flash", 58), newer("n1", "First new flash", 55));
  server.setFeed(feed);
  await page.clock.runFor(5000);
  const button = page.getByRole("button", { name: "2 new flashes" });
  await button.waitFor();
  assert.equal(await button.evaluate((b) => b.parentElement.getAttribute("aria-live")), "polite");
  assert.equal(await page.locator("article h1").textContent(), "Spot bitcoin ETFs see record inflows", "nothing moved under the reader");
  assert.equal((await timeline(page))[0][1], "Solana validators restart after a stall");
  assert.equal(await page.evaluate(() => window.scrollY), 300);
  // The keyboard reaches it; Enter shows them, from the top, the newest in focus.
  await button.focus();
  await page.keyboard.press("Enter");
  await waitFor(async () => (await page.locator("article h1").textContent()) === "Second new flash", "the newest shown");
  assert.deepEqual((await timeline(page))[0], ["Today", "First new flash", "Spot bitcoin ETFs see record inflows", "Solana validators restart after a stall"]);
  assert.equal(await button.count(), 0);
  // The scroll and the focus come with the next frame, on the test's clock.
  await page.clock.runFor(50);
  await waitFor(() => page.evaluate(() => document.activeElement?.textContent === "Second new flash" && window.scrollY === 0), "focus on the newest, at the top");

  // At the top, a newer one simply appears.
  await page.evaluate(() => window.scrollTo(0, 0));
  feed.articles.unshift(newer("n3", "Third new flash", 59));
  server.setFeed(feed);
  await page.clock.runFor(5000);
  await waitFor(async () => (await page.locator("article h1").textContent()) === "Third new flash", "shown at once");
  assert.equal(await page.locator(".tw-new__button").count(), 0);
});
