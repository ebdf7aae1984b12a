// Benchmark of the ticker page in the release build (not a test: it prints figures).
//   bytes shipped for the first load, raw and gzip
//   time from navigation start to the first ticker painted (median of cold loads)
//   DOM mutations caused by one price change
//   main-thread busy time per second while idle-scrolling
"use strict";

const zlib = require("node:zlib");
const os = require("node:os");
const { startServer, launchBrowser, sampleFeed, waitFor } = require("../tests/e2e/harness.cjs");

const RUNS = 7;

async function firstLoadBytes(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    files.push({ name: new URL(response.url()).pathname.split("/").pop() || "index.html", raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  });
  await page.goto(url);
  await page.locator(".tw-tick").first().waitFor();
  await page.waitForLoadState("networkidle");
  await context.close();
  return files;
}

async function timeToFirstTicker(browser, url) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector(".tw-tick")) {
          observer.disconnect();
          // The frame after the item entered the DOM is the one that paints it.
          requestAnimationFrame(() => (window.__firstTicker = performance.now()));
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    times.push(await page.waitForFunction(() => window.__firstTicker).then((h) => h.jsonValue()));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function mutationsPerPriceChange(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
  const page = await context.newPage();
  await page.goto(server.url + "?refresh=1");
  await page.waitForFunction(() => document.querySelectorAll(".tw-ticker__copy").length >= 2);
  const copies = await page.locator(".tw-ticker__copy").count();
  await page.evaluate(() => {
    window.__mutations = [];
    new MutationObserver((records) => window.__mutations.push(...records.map((r) => r.type))).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  const feed = sampleFeed();
  feed.tickers[1].price = "2500.00";
  server.setFeed(feed);
  await page.waitForFunction(() => document.querySelector('[data-symbol="ETH"] .tw-tick__price').textContent === "$2,500.00");
  // Let the flash (a Web Animation, no DOM mutation of its own) run to its end.
  await page.waitForFunction(() => !document.getAnimations().some((a) => a.id.startsWith("tw-flash")));
  const mutations = await page.evaluate(() => window.__mutations);
  await context.close();
  server.setFeed(sampleFeed());
  return { total: mutations.length, copies };
}

/** A feed of `count` tickers, every price scaled by `factor`. */
function bigFeed(count, factor) {
  const feed = sampleFeed();
  feed.tickers = Array.from({ length: count }, (_, i) => ({
    symbol: `T${i}`,
    price: (((i % 97) + 1) * 1.25 * factor).toFixed(2),
    change_24h: (((i % 11) - 5) / 3).toFixed(2),
  }));
  return feed;
}

/** Main-thread time (fetch, parse, merge, patch, style and layout) of one poll in which all of
 * 1,000 tickers change. */
async function bigUpdate(browser, server, count = 1000) {
  server.setFeed(bigFeed(count, 1));
  const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
  const page = await context.newPage();
  await page.goto(server.url + "?refresh=1");
  await page.waitForFunction((n) => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === n, count);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await task();
  server.setFeed(bigFeed(count, 2));
  await page.waitForFunction(() => document.querySelector('[data-symbol="T0"] .tw-tick__price').textContent === "$2.50");
  const after = await task();
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  await context.close();
  server.setFeed(sampleFeed());
  return { ms: (after - before) * 1000, nodes };
}

async function busyPerSecond(browser, url, seconds = 5) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getAnimations().some((a) => a.playState === "running"));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await task();
  const start = Date.now();
  await waitFor(() => Date.now() - start >= seconds * 1000, "the idle period", seconds * 1000 + 1000);
  const after = await task();
  await context.close();
  return ((after - before) * 1000) / seconds;
}

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const files = await firstLoadBytes(browser, server.url);
    const raw = files.reduce((sum, f) => sum + f.raw, 0);
    const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
    const embedFiles = await firstLoadBytes(browser, server.url + "?embed=ticker");
    const embedGzip = embedFiles.reduce((sum, f) => sum + f.gzip, 0);
    const embedRaw = embedFiles.reduce((sum, f) => sum + f.raw, 0);
    const firstTicker = await timeToFirstTicker(browser, server.url);
    const firstEmbedTicker = await timeToFirstTicker(browser, server.url + "?embed=ticker");
    const mutations = await mutationsPerPriceChange(browser, server);
    const busy = await busyPerSecond(browser, server.url);
    const big = await bigUpdate(browser, server);
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`Tapewire ticker benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model}, ${browser.version()}`);
    console.log("| figure | value |");
    console.log("|---|---|");
    for (const f of files.sort((a, b) => b.raw - a.raw)) console.log(`| ${f.name} | ${kb(f.raw)} KB raw, ${kb(f.gzip)} KB gzip |`);
    console.log(`| first load, all files | ${kb(raw)} KB raw, ${kb(gzip)} KB gzip |`);
    console.log(`| ticker embed (?embed=ticker), first load, all files | ${kb(embedRaw)} KB raw, ${kb(embedGzip)} KB gzip |`);
    console.log(`| first ticker painted (median of ${RUNS} cold loads) | ${firstTicker.toFixed(0)} ms after navigation start (ticker embed: ${firstEmbedTicker.toFixed(0)} ms) |`);
    console.log(`| DOM mutations for one price change | ${mutations.total} (${mutations.copies} copies on screen, flash included) |`);
    console.log(`| main-thread busy while idle-scrolling | ${busy.toFixed(1)} ms per second |`);
    console.log(`| 1,000 tickers all changing in one poll | ${big.ms.toFixed(1)} ms of main-thread time, poll to painted (${big.nodes} elements on the page) |`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
