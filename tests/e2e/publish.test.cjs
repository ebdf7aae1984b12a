// A feed as a publisher makes it: `tapewire-feed build` from the CoinGecko and Cointelegraph
// fixtures and a publisher.toml, checked by `tapewire-feed check`, served to the release build
// and read as a reader sees it, on the page and in the news embed; then rebuilt from a CSV of
// prices while the page is open.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { usingServerAndBrowser, ROOT } = require("./harness.cjs");

const PRICES = path.join(ROOT, "tests", "sources", "prices", "coingecko-markets.json");
const NEWS = path.join(ROOT, "tests", "sources", "news", "cointelegraph.rss");
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, "target");
const TOOL = path.join(TARGET, "debug", "tapewire-feed");
/** The build's clock (2026-10-01T00:00:00Z): after every price and item in the fixtures. */
const SOURCE_DATE_EPOCH = "1790812800";
const PUBLISHER = {
  name: "Wirehouse Daily",
  tagline: "Markets, minute by minute",
  home_url: "https://wirehouse.example/",
  download_url: "https://wirehouse.example/app",
};

let server;
let host;
let browser;
usingServerAndBrowser((started) => ({ server, host, browser } = started));

// Built once for the file, as cargo decides (a no-op when it is current); every test builds its
// own feed with it, in its own folder.
before(() => {
  const built = spawnSync("cargo", ["build", "--offline", "--locked", "--bin", "tapewire-feed"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(built.status, 0, `cargo build --bin tapewire-feed failed:\n${built.stderr}`);
});

const folders = [];
after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** A fresh folder with the publisher's TOML in it. */
function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tapewire-publish-"));
  folders.push(dir);
  const toml = Object.entries(PUBLISHER)
    .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
    .join("\n");
  fs.writeFileSync(path.join(dir, "publisher.toml"), toml + "\n");
  return dir;
}

function run(args) {
  return spawnSync(TOOL, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH } });
}

/** Builds `dir`/feed.json from `prices` and the Cointelegraph fixture; asserts it was built. */
function build(dir, prices = PRICES) {
  const out = path.join(dir, "feed.json");
  const built = run(["build", "--prices", prices, "--news", NEWS, "--publisher", path.join(dir, "publisher.toml"), "--out", out]);
  assert.equal(built.status, 0, `tapewire-feed build: exit ${built.status}\n${built.stdout}${built.stderr}`);
  return out;
}

/** The built feed's text, served as the feed, and the feed itself. */
function serve(out) {
  const text = fs.readFileSync(out, "utf8");
  server.setFeed(text);
  return JSON.parse(text);
}

/** The title of the feed's newest article. */
function newestTitle(feed) {
  const newest = [...feed.articles].sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at))[0];
  return newest.title;
}

/** A price as the page writes it in USD for en-US: "$77,124.50" (every fixture price is above 1). */
function usd(price) {
  assert.ok(Number(price) >= 1, `${price}: below 1 the page shows significant digits, not cents`);
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Number(price),
  );
}

/** A 24 h change as the page writes it: "+2.69%", "-0.25%". */
function change(percent) {
  const number = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  return number.format(Number(percent)) + "%";
}

/** The CoinGecko fixture's coins, "SYMBOL PRICE CHANGE" as the page should show them, in its order. */
function fixtureTickers() {
  return JSON.parse(fs.readFileSync(PRICES, "utf8")).map(
    (coin) => `${coin.symbol.toUpperCase()} ${usd(coin.current_price)} ${change(coin.price_change_percentage_24h)}`,
  );
}

async function openPage(query = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(server.url + query);
  return { page, context, errors };
}

/** "SYMBOL PRICE CHANGE" of every item in the first copy, as displayed. */
function itemTexts(page) {
  return page.$$eval(".tw-ticker__copy:first-child .tw-tick", (items) =>
    items.map((item) =>
      [".tw-tick__symbol", ".tw-tick__price > span", ".tw-tick__change"].map((selector) => item.querySelector(selector).textContent.trim()).join(" "),
    ),
  );
}

test("tapewire-feed builds a feed from CoinGecko, Cointelegraph and a publisher.toml, and check finds it clean", () => {
  const dir = workspace();
  const out = build(dir);
  const checked = run(["check", out]);
  assert.equal(checked.status, 0, `tapewire-feed check: exit ${checked.status}\n${checked.stdout}${checked.stderr}`);
  assert.match(checked.stdout, /\bclean\b/);
  const feed = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.deepEqual(feed.publisher, PUBLISHER);
  assert.equal(feed.updated_at, new Date(Number(SOURCE_DATE_EPOCH) * 1000).toISOString().replace(".000Z", "Z"));
});

test("the built feed on the page: the fixture's coins and prices, the newest Cointelegraph story, the publisher's footer", async () => {
  const feed = serve(build(workspace()));
  const expected = fixtureTickers();
  const { page, context, errors } = await openPage();
  const title = newestTitle(feed);
  await page.getByRole("article").getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === n, expected.length);
  assert.deepEqual(await itemTexts(page), expected);
  assert.equal(await page.locator("article h1").textContent(), title);
  const footer = page.getByRole("contentinfo");
  assert.equal(await footer.getByRole("link", { name: PUBLISHER.name, exact: true }).getAttribute("href"), PUBLISHER.home_url);
  assert.equal(await footer.locator(".tw-footer__tagline").textContent(), PUBLISHER.tagline);
  assert.equal(await page.getByRole("link", { name: "Download the app" }).getAttribute("href"), PUBLISHER.download_url);
  assert.deepEqual(errors, []);
  await context.close();
});

test("rebuilt from a CSV of prices into the same file, the open page shows the new BTC price", async () => {
  const dir = workspace();
  const out = build(dir);
  const feed = serve(out);
  const { page, context, errors } = await openPage("?refresh=1");
  const btc = page.locator('.tw-ticker__copy:first-child [data-symbol="BTC"]');
  const [, first] = fixtureTickers()[0].split(" ");
  await page.waitForFunction((text) => document.querySelector('.tw-ticker__copy:first-child [data-symbol="BTC"] .tw-tick__price > span')?.textContent === text, first);

  const csv = path.join(dir, "prices.csv");
  fs.writeFileSync(csv, "symbol,price,change_24h\nBTC,91234.5,-1.25\nETH,2742.72,3.22301\nSOL,117.61,5.75791\n");
  build(dir, csv);
  const rebuilt = serve(out);
  assert.equal(rebuilt.tickers.find((t) => t.symbol === "BTC").price, "91234.5");
  // A poll (every second) brings the new price in.
  const rebuiltPrice = usd("91234.5");
  await page.waitForFunction(
    (text) => document.querySelector('.tw-ticker__copy:first-child [data-symbol="BTC"] .tw-tick__price > span')?.textContent === text,
    rebuiltPrice,
  );
  assert.equal(await btc.locator(".tw-tick__change").textContent(), change("-1.25"));
  assert.deepEqual((await itemTexts(page)).map((item) => item.split(" ")[0]), ["BTC", "ETH", "SOL"]);
  // Same news: the article stays.
  assert.equal(await page.locator("article h1").textContent(), newestTitle(feed));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the built feed in the news embed: the newest story's title", async () => {
  const feed = serve(build(workspace()));
  host.setHtml(`<!DOCTYPE html><title>Host</title>
    <iframe id="widget" src="${server.url}?embed=news" title="News" style="border: 0; width: 100%; height: 700px"></iframe>`);
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(host.url);
  const widget = page.frameLocator("#widget");
  await widget.locator("article h1").waitFor();
  assert.equal(await widget.locator("article h1").textContent(), newestTitle(feed));
  assert.equal(await widget.locator(".tw-ticker, .tw-header, .tw-footer").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
