// The widget embedded as publishers embed it: an <iframe> on a host page of another origin
// (another 127.0.0.1 port), configured by its URL.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { PNG } = require("pngjs");
const { startServer, usingServerAndBrowser, sampleFeed, trackOffset, travelSpeed, motionRunning, SEED_TITLE } = require("./harness.cjs");

// Sandboxed frames without allow-same-origin have an opaque origin: their module scripts, wasm
// and feed are cross-origin requests, which a server must allow (README, "Security").
const CORS = { "Access-Control-Allow-Origin": "*" };

let app;
let host;
let browser;
usingServerAndBrowser((started) => ({ server: app, host, browser } = started), { headers: CORS });

/** A host page with one iframe of the app at `query`, and the frame once the widget is up. */
async function embed(query, { frame = "", style = "", colorScheme = "light", ready = ".tw-tick", hostHead = "" } = {}) {
  host.setHtml(`<!DOCTYPE html><html><head>${hostHead}</head>
    <body style="margin: 0; ${style}">
      <iframe id="widget" src="${app.url}${query}" title="Widget" style="border: 0; width: 100%; display: block" ${frame}></iframe>
      <script>
        window.messages = [];
        addEventListener("message", (event) => messages.push({ origin: event.origin, data: event.data }));
      </script>
    </body></html>`);
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme, timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("console", (message) => {
    if (message.type() === "warning" && message.text().startsWith("Tapewire")) warnings.push(message.text());
  });
  page.on("dialog", (dialog) => {
    errors.push(new Error(`a dialog opened: ${dialog.message()}`));
    dialog.dismiss();
  });
  await page.goto(host.url);
  const widget = page.frameLocator("#widget");
  await widget.locator(ready).first().waitFor();
  const frameHandle = await page.$("#widget");
  return { page, context, errors, warnings, widget, frame: await frameHandle.contentFrame() };
}

function symbolsShown(widget) {
  return widget.locator(".tw-ticker__copy:first-child .tw-tick").evaluateAll((items) => items.map((i) => i.dataset.symbol));
}

test("ticker embed: only the ticker, at its own fixed height, symbols in the order asked", async () => {
  const { page, context, errors, widget, frame } = await embed("?embed=ticker&symbols=ETH,btc,SOL");
  assert.deepEqual(await symbolsShown(widget), ["ETH", "BTC", "SOL"]);
  assert.equal(await widget.locator("header, main, footer, article").count(), 0);
  const heights = await frame.evaluate(() => [
    document.documentElement.getBoundingClientRect().height,
    document.querySelector(".tw-ticker").getBoundingClientRect().height,
  ]);
  assert.equal(heights[0], heights[1], "the document is the ticker bar and no more");
  // It fills the frame's width.
  const width = await frame.evaluate(() => document.querySelector(".tw-ticker").getBoundingClientRect().width);
  assert.equal(width, 1000);
  assert.deepEqual(errors, []);
  await context.close();
});

test("ticker embed: measured speed and direction", async () => {
  const running = (frame) => frame.waitForFunction(motionRunning);
  // Measured on the timeline the motion runs on: exactly the speed asked for.
  for (const [query, expected] of [["", -120], ["&direction=right", 120]]) {
    const { frame } = await embed(`?embed=ticker&speed=120${query}`);
    await running(frame);
    const speed = await travelSpeed(frame);
    assert.ok(Math.abs(speed - expected) < 1, `${speed} px/s for speed=120${query}`);
  }

  const still = await embed("?embed=ticker&speed=0");
  const before = await trackOffset(still.frame);
  await still.frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await trackOffset(still.frame), before, "speed=0 stays still");
  assert.equal(await still.frame.evaluate(() => document.getAnimations().length), 0, "no motion at all");
});

test("theme=dark and colors=red-up change the colours, whatever the system says", async () => {
  const colours = (frame) =>
    frame.evaluate(() => {
      const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
      return { bg: css("body", "backgroundColor"), up: css(".tw-tick__change.tw-up", "color"), down: css(".tw-tick__change.tw-down", "color") };
    });
  const light = await embed("?embed=ticker", { colorScheme: "light" });
  assert.deepEqual(await colours(light.frame), { bg: "rgb(255, 255, 255)", up: "rgb(6, 122, 68)", down: "rgb(196, 43, 43)" });
  await light.context.close();

  const dark = await embed("?embed=ticker&theme=dark", { colorScheme: "light" });
  assert.deepEqual(await colours(dark.frame), { bg: "rgb(15, 17, 21)", up: "rgb(53, 208, 127)", down: "rgb(255, 112, 112)" });
  await dark.context.close();

  const forcedLight = await embed("?embed=ticker&theme=light", { colorScheme: "dark" });
  assert.equal((await colours(forcedLight.frame)).bg, "rgb(255, 255, 255)");
  await forcedLight.context.close();

  const redUp = await embed("?embed=ticker&colors=red-up");
  assert.deepEqual(await colours(redUp.frame), { bg: "rgb(255, 255, 255)", up: "rgb(196, 43, 43)", down: "rgb(6, 122, 68)" });
  await redUp.context.close();
});

test("locale= writes numbers the locale's way; an unknown one falls back to the reader's", async () => {
  const price = (widget) => widget.locator(".tw-tick[data-symbol=BTC] .tw-tick__price > span").first().textContent();
  const german = await embed("?embed=ticker&locale=de-DE&symbols=BTC");
  assert.equal(await price(german.widget), "77.124,50\u00a0$");
  assert.equal(await german.widget.locator(".tw-tick[data-symbol=BTC] .tw-tick__change").first().textContent(), "+2,69\u00a0%");
  await german.context.close();

  // Dutch writes a no-break space after a leading sign; POSIX (a machine's "no locale", as
  // WebKit reports with LANG=C) is read as plain en-US, not as "$ 77124.50".
  for (const [locale, expected] of [["nl-NL", "$\u00a077.124,50"], ["en-US-u-va-posix", "$77,124.50"]]) {
    const { widget } = await embed(`?embed=ticker&locale=${locale}&symbols=BTC`);
    assert.equal(await price(widget), expected, locale);
  }

  const unknown = await embed("?embed=ticker&locale=zz-ZZ&symbols=BTC");
  assert.equal(await price(unknown.widget), "$77,124.50", "the reader's (en-US) instead");
  assert.ok(unknown.warnings.some((w) => /locale=.*zz-ZZ/.test(w)), JSON.stringify(unknown.warnings));
  await unknown.context.close();
});

test("transparent=1 lets the host page show through, on a light and on a dark host", async () => {
  const hosts = [
    { scheme: "light", query: "&theme=light", background: [240, 232, 216] },
    { scheme: "dark", query: "&theme=dark", background: [32, 48, 64] },
    { scheme: "dark", query: "", background: [32, 48, 64] },
  ];
  for (const { scheme, query, background } of hosts) {
    for (const view of ["ticker", "article"]) {
      const { page, context, widget } = await embed(`?embed=${view}&transparent=1${query}`, {
        colorScheme: scheme,
        style: `background: rgb(${background.join(",")}); color-scheme: ${scheme};`,
        ready: view === "ticker" ? ".tw-tick" : "article h1",
      });
      await widget.locator(view === "ticker" ? ".tw-tick" : "article h1").first().waitFor();
      // A corner of the frame with nothing drawn on it: the host's own colour.
      const png = await page.screenshot({ clip: { x: 1, y: 1, width: 1, height: 1 } });
      const pixel = [...PNG.sync.read(png).data.subarray(0, 3)];
      assert.deepEqual(pixel, background, `${view} on a ${scheme} host (${query || "theme auto"})`);
      await context.close();
    }
  }
});

test("article and news embeds report their height on every change, and a host can size the frame", async () => {
  const feed = sampleFeed();
  app.setFeed(feed);
  const resize = `<script>
    addEventListener("message", (event) => {
      const frame = document.getElementById("widget");
      if (event.source !== frame.contentWindow || event.origin !== "${app.url.slice(0, -1)}") return;
      if (event.data?.type === "tapewire:resize") frame.style.height = event.data.height + "px";
    });
  </script>`;
  const { page, context, frame, errors } = await embed("?embed=news&refresh=1", { ready: "article h1", hostHead: resize });
  const documentHeight = () => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await page.waitForFunction(async () => window.messages.length > 0);
  const first = await documentHeight();
  await page.waitForFunction((h) => document.getElementById("widget").getBoundingClientRect().height === h, first);
  const message = await page.evaluate(() => messages.at(-1));
  assert.equal(message.origin, app.url.slice(0, -1));
  assert.deepEqual(message.data, { type: "tapewire:resize", height: first });

  // A new article arrives: the widget grows and says so.
  feed.articles.push({ id: "later", title: "A second story", published_at: "2024-06-12T09:00:00Z", body: [{ type: "paragraph", text: "More." }] });
  app.setFeed(feed);
  await frame.getByRole("link", { name: "A second story" }).waitFor();
  const grown = await documentHeight();
  assert.ok(grown > first, `${grown} > ${first}`);
  await page.waitForFunction((h) => messages.at(-1).data.height === h, grown);
  await page.waitForFunction((h) => document.getElementById("widget").getBoundingClientRect().height === h, grown);
  assert.deepEqual(errors, []);
  await context.close();
});

test("embed=article shows the article id names (the latest without one); links open new tabs", async () => {
  const feed = sampleFeed();
  feed.articles.push({
    id: "second",
    title: "Second story",
    published_at: "2024-06-11T09:00:00Z",
    url: "https://example.com/original",
    body: [{ type: "link", text: "A source", href: "https://example.com/source" }],
  });
  app.setFeed(feed);
  const latest = await embed("?embed=article", { ready: "article h1" });
  assert.equal(await latest.widget.locator("h1").textContent(), SEED_TITLE);
  assert.equal(await latest.widget.locator("time").textContent(), "2024-06-12 16:02:10");
  assert.equal(await latest.widget.locator(".tw-ticker, .tw-header, .tw-footer").count(), 0);
  await latest.context.close();

  const chosen = await embed("?embed=article&id=second&theme=dark", { ready: "article h1" });
  assert.equal(await chosen.widget.locator("h1").textContent(), "Second story");
  for (const name of ["A source", "Read the original article", /Previous/]) {
    const link = chosen.widget.getByRole("link", { name });
    assert.equal(await link.getAttribute("target"), "_blank", String(name));
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer", String(name));
  }
  assert.equal(await chosen.widget.getByRole("button", { name: "Copy link" }).count(), 1);
  // The neighbour opens on the whole page, with the embed's look but not the embed.
  const href = await chosen.widget.getByRole("link", { name: /Previous/ }).getAttribute("href");
  assert.equal(new URL(href, app.url).search, "?theme=dark&id=okx-account-security-2024-06-12");
  await chosen.context.close();
});

test("a ticker with a url opens it in a new tab", async () => {
  const feed = sampleFeed();
  feed.tickers[0].url = "https://example.com/btc";
  app.setFeed(feed);
  const { widget, context } = await embed("?embed=ticker&symbols=BTC&speed=0");
  const link = widget.locator(".tw-tick[data-symbol=BTC] a");
  assert.equal(await link.getAttribute("href"), "https://example.com/btc");
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  await context.close();
});

test("sandboxed without same-origin (no localStorage): every view still works", async () => {
  const sandbox = 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"';
  const ticker = await embed("?embed=ticker&symbols=ETH,BTC", { frame: sandbox });
  assert.deepEqual(await symbolsShown(ticker.widget), ["ETH", "BTC"]);
  assert.deepEqual(ticker.errors, []);
  await ticker.context.close();

  const news = await embed("?embed=news", { frame: sandbox, ready: "article h1" });
  const toggle = news.widget.getByRole("button", { name: "Collection" });
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true", "saved for the visit without storage");
  await news.page.waitForFunction(() => messages.some((m) => m.data?.type === "tapewire:resize"));
  assert.equal(await news.page.evaluate(() => messages[0].origin), "null", "an opaque origin still reports");
  assert.deepEqual(news.errors, []);
  await news.context.close();
});

test("bad values never blank the widget: defaults, console reasons, and a refused feed said in the widget", async () => {
  const { widget, warnings, errors, context, frame } = await embed(
    "?embed=ticker&theme=purple&speed=-5&symbols=NOPE&refresh=0&feed=javascript:alert(1)&link=javascript:alert(2)",
  );
  assert.equal((await symbolsShown(widget)).length, 15, "symbols nobody has: all tickers");
  await widget.getByRole("status").filter({ hasText: "is not an absolute http(s) URL; showing the bundled feed" }).waitFor();
  assert.match(
    await widget.getByRole("status").textContent(),
    /The ticker link “javascript:alert\(2\)” is not an absolute http\(s\) URL with a host of its own; tickers link where the feed says\.$/,
  );
  assert.equal(await widget.locator("a.tw-tick__link").count(), 0, "no links: the bundled feed has none");
  // The notice lies over the bar's end: the bar stays at the top of its 44 px frame.
  assert.deepEqual(
    await frame.evaluate(() => [".tw-ticker", ".tw-refused"].map((s) => document.querySelector(s).getBoundingClientRect().top)),
    [0, 0],
  );
  for (const expected of [/theme="purple"/, /speed="-5"/, /refresh="0"/, /feed="javascript:alert\(1\)"/, /link="javascript:alert\(2\)"/, /symbols: the feed has no NOPE; showing every ticker/]) {
    assert.ok(warnings.some((w) => expected.test(w)), `${expected} in ${JSON.stringify(warnings)}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("feed= reads another origin's feed (CORS), and says so when it cannot", async () => {
  const other = await startServer({ headers: CORS });
  const feed = sampleFeed();
  feed.tickers = [{ symbol: "DOT", name: "Polkadot", price: "7.10", change_24h: "1.5" }];
  other.setFeed(feed);
  try {
    const good = await embed(`?embed=ticker&feed=${encodeURIComponent(other.url + "feed.json")}`);
    assert.deepEqual(await symbolsShown(good.widget), ["DOT"]);
    await good.context.close();

    const missing = await embed(`?embed=ticker&feed=${encodeURIComponent(other.url + "nope.json")}`, { ready: ".tw-problem" });
    assert.match(await missing.widget.getByRole("alert").textContent(), /server answered 404/);
    await missing.context.close();
  } finally {
    await other.close();
  }
});

test("ticker embed: link= sends every ticker to its template in a new tab; logos relative to the feed", async () => {
  const feed = sampleFeed();
  feed.tickers[0].url = "https://feed.example/btc";
  feed.tickers[0].logo = "logos/btc.svg";
  app.setFeed(feed);
  const { widget, context, errors } = await embed(`?embed=ticker&symbols=BTC,ETH&link=${encodeURIComponent("https://example.com/coins/{symbol}")}`, {
    frame: 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"',
  });
  const links = await widget.locator(".tw-ticker__copy:first-child a.tw-tick__link").evaluateAll((links) =>
    links.map((a) => [a.getAttribute("href"), a.getAttribute("target"), a.getAttribute("rel")]),
  );
  assert.deepEqual(links, [
    ["https://example.com/coins/BTC", "_blank", "noopener noreferrer"],
    ["https://example.com/coins/ETH", "_blank", "noopener noreferrer"],
  ]);
  const logos = await widget.locator(".tw-ticker__copy:first-child img").evaluateAll((logos) => logos.map((img) => [img.getAttribute("src"), img.getAttribute("alt")]));
  assert.deepEqual(logos, [[app.url + "logos/btc.svg", ""]]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("sparkline=1 draws each ticker's history beside its price, coloured by its trend", async () => {
  const feed = sampleFeed();
  feed.tickers[0].history = [70000, 71000, 77124.5];
  feed.tickers[1].history = [2500, 2421.1];
  app.setFeed(feed);
  const { widget, context } = await embed("?embed=ticker&sparkline=1&speed=0&symbols=BTC,ETH,BNB");
  const lines = await widget.locator(".tw-ticker__copy:first-child .tw-tick").evaluateAll((items) =>
    items.map((item) => {
      const line = item.querySelector(".tw-spark");
      return line && [line.getAttribute("class"), line.querySelector("polyline").getAttribute("points")];
    }),
  );
  assert.deepEqual(lines, [
    ["tw-spark tw-up", "0,150 240,130 480,10"],
    ["tw-spark tw-down", "0,10 480,150"],
    null,
  ]);
  await context.close();
});

test("the embed builder's snippet shows the same widget as its preview", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByRole("link", { name: "Embed these prices and news" }).click();
  await page.getByRole("heading", { level: 1, name: "Embed builder" }).waitFor();
  await page.getByLabel("Symbols, in order").fill("SOL,ETH,BTC");
  await page.getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("checkbox", { name: /Red means up/ }).check();
  await page.getByLabel(/Ticker link/).fill("https://example.com/coins/{symbol}");
  const code = page.locator(".tw-builder__code");
  await code.filter({ hasText: "link=" }).waitFor();
  const snippet = await code.textContent();
  assert.match(
    snippet,
    /^<iframe src="[^"]+\?embed=ticker&amp;symbols=SOL,ETH,BTC&amp;theme=dark&amp;colors=red-up&amp;link=https:\/\/example.com\/coins\/%7Bsymbol%7D" /,
  );

  const preview = page.frameLocator(".tw-builder__preview");
  await preview.locator('.tw-tick a[href="https://example.com/coins/SOL"]').first().waitFor();
  const previewTicks = await symbolsShown(preview);
  assert.deepEqual(previewTicks, ["SOL", "ETH", "BTC"]);

  await page.getByRole("button", { name: "Copy code" }).click();
  await page.getByRole("status").filter({ hasText: "Copied." }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

  // The snippet, pasted into a page of another origin.
  host.setHtml(`<!DOCTYPE html><body>${snippet}</body>`);
  const hostPage = await context.newPage();
  await hostPage.goto(host.url);
  const pasted = hostPage.frameLocator("iframe");
  await pasted.locator(".tw-tick").first().waitFor();
  assert.deepEqual(await symbolsShown(pasted), previewTicks);
  assert.equal(await pasted.locator('.tw-ticker__copy:first-child [data-symbol="BTC"] a').getAttribute("href"), "https://example.com/coins/BTC");
  const colour = (locator) => locator.locator(".tw-tick__change.tw-up").first().evaluate((e) => getComputedStyle(e).color);
  assert.equal(await colour(pasted), await colour(preview));

  // News: the snippet carries the resize script, and it sizes the frame on the host.
  await page.getByRole("radio", { name: /News/ }).check();
  await code.filter({ hasText: "tapewire:resize" }).waitFor();
  host.setHtml(`<!DOCTYPE html><body style="margin:0">${await code.textContent()}</body>`);
  await hostPage.goto(host.url);
  await hostPage.frameLocator("iframe").locator("article h1").waitFor();
  await hostPage.waitForFunction(() => {
    const frame = document.querySelector("iframe");
    return frame.style.height !== "" && frame.getBoundingClientRect().height !== 600;
  });

  // The news embed's filters, offered with the live preview: nothing in the sample is
  // important, so the preview says so.
  await page.getByRole("checkbox", { name: "Important only" }).check();
  await page.getByLabel("About the coin").fill("btc");
  await code.filter({ hasText: "coin=BTC" }).waitFor();
  assert.match(await code.textContent(), /\?embed=news&amp;theme=dark&amp;filter=important&amp;coin=BTC"/);
  await preview.getByRole("heading", { name: "No flashes match these filters" }).waitFor();
  await page.getByRole("checkbox", { name: "Important only" }).uncheck();
  await page.getByLabel("About the coin").fill("");
  await preview.locator("article h1").waitFor();
  await context.close();
});
