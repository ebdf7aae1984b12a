// Benchmark of the release build (not a test: it prints figures, each against issue #15's
// budget where it has one):
//   bytes shipped for the first load of the page and of the ticker embed, raw and gzip
//   time from navigation start to the first ticker painted (median of cold loads)
//   DOM mutations caused by one price change
//   main-thread busy time per second while idle-scrolling, beside a static page's
//   main-thread time of a poll in which all of 1,000 tickers change (from a Chromium trace: wall
//   time, and how much of it the thread ran, which the browser's other threads take from on 2 cores)
//   a feed of 1,000 tickers and 1,000 articles: its load and one update
// The heap and DOM after 10,000 updates are held by tests/components.rs (it prints them too).
"use strict";

const zlib = require("node:zlib");
const os = require("node:os");
const { startServer, launchBrowser, sampleFeed, waitFor } = require("../tests/e2e/harness.cjs");

const RUNS = 7;
/** Polls measured per 1,000-ticker figure (medians). */
const ROUNDS = 7;

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
  await page.waitForFunction(() => [...document.querySelectorAll(".tw-ticker__copy")].filter((copy) => copy.querySelector(".tw-tick")).length >= 2);
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

/** Main-thread time of a poll in which all of 1,000 tickers change, from a Chromium trace: every
 * task from the feed's response (fetch, parse, merge, the prices in view written) through the
 * frame that shows them (style, layout, paint); then the idle periods that write the rest, until
 * the last item is on screen. `seen` and `all` are User Timing marks set when an item in view
 * and the last item show their new prices. Medians of `ROUNDS` polls in one page, prices
 * alternating between two feeds. */
async function bigUpdate(browser, server, url, count = 1000) {
  server.setFeed(bigFeed(count, 1));
  const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
  const page = await context.newPage();
  await page.goto(url + (url.includes("?") ? "&" : "?") + "refresh=1");
  await page.waitForFunction((n) => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === n, count);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const factor = round % 2 === 0 ? 2 : 1;
    const price = (i) => `$${(((i % 97) + 1) * 1.25 * factor).toFixed(2)}`;
    await page.evaluate((marks) => {
      for (const [symbol, mark, text] of marks) {
        const price = document.querySelector(`.tw-ticker__copy:first-child [data-symbol="${symbol}"] .tw-tick__price`);
        window[mark] = new Promise((resolve) => {
          new MutationObserver((_, observer) => {
            if (price.textContent === text) {
              observer.disconnect();
              performance.mark(mark);
              resolve();
            }
          }).observe(price, { subtree: true, characterData: true, childList: true });
        });
      }
    }, [["T0", "seen", price(0)], [`T${count - 1}`, "all", price(count - 1)]]);
    const events = await tracePoll(browser, page, async () => {
      server.setFeed(bigFeed(count, factor));
      // Awaited in the page, not polled: polling would run tasks of its own amid the ones measured.
      await page.evaluate(() => window.all);
    });
    rounds.push(pollFigures(events));
  }
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  await context.close();
  server.setFeed(sampleFeed());
  const median = (key) => rounds.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
  return { ...Object.fromEntries(Object.keys(rounds[0]).map((key) => [key, median(key)])), nodes };
}

/** The trace events of `poll` (which changes the feed and waits until the change shows), up to
 * the frame that paints its last change. */
async function tracePoll(browser, page, poll) {
  await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"] });
  await poll();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  return JSON.parse((await browser.stopTracing()).toString()).traceEvents;
}

/** The figures of one poll from its trace (see `bigUpdate`), in ms; `last` is the mark of the
 * last change to land (`seen` itself when the poll has one). */
function pollFigures(events, last = "all") {
  const seen = events.find((e) => e.name === "seen");
  const all = events.find((e) => e.name === last);
  const mainThread = events.filter((e) => e.pid === seen.pid && e.tid === seen.tid);
  const runs = mainThread.filter((e) => e.name === "RunTask" && e.ph === "X").sort((a, b) => a.ts - b.ts);
  // Top-level tasks only (a task may run nested ones).
  const tasks = runs.filter((t) => !runs.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur));
  const paints = mainThread.filter((e) => e.name === "Paint");
  const taskAt = (event) => tasks.find((t) => t.ts <= event.ts && t.ts + t.dur >= event.ts);
  // The frame that paints what `mark` saw change: its own task's, if that task paints after it.
  const frameOf = (mark) => tasks.find((t) => t.ts + t.dur >= mark.ts && paints.some((p) => p.ts >= mark.ts && p.ts >= t.ts && p.ts <= t.ts + t.dur));
  // The poll starts when the feed's response arrives, in the task that takes it.
  const response = mainThread.filter((e) => e.name === "ResourceReceiveResponse" && e.ts <= seen.ts).pop();
  const start = taskAt(response) ?? tasks.find((t) => t.ts >= response.ts);
  const frame = frameOf(seen);
  // The last change is on screen once the frame after its task has painted it; a write into a
  // chunk out of view needs no frame at all (content-visibility), so then its task is the end.
  const lastTask = taskAt(all);
  const nextFrame = frameOf(all);
  const end = nextFrame && nextFrame.ts - (lastTask.ts + lastTask.dur) < 17_000 ? nextFrame : lastTask;
  const between = (to) => tasks.filter((t) => t.ts >= start.ts && t.ts <= to.ts);
  const sum = (list) => list.reduce((total, t) => total + t.dur, 0);
  // On two cores the browser's other threads take the CPU from the main thread in the middle of
  // its tasks: `dur` is wall time, `tdur` the time the thread actually ran.
  const cpu = (list) => list.reduce((total, t) => total + (t.tdur ?? t.dur), 0);
  const ms = (us) => us / 1000;
  return {
    updateMs: ms(sum(between(frame))),
    updateCpuMs: ms(cpu(between(frame))),
    pollMs: ms(sum(between(frame)) - frame.dur),
    frameMs: ms(frame.dur),
    totalMs: ms(sum(between(end))),
    longestMs: ms(Math.max(...between(end).map((t) => t.dur))),
    allAfterMs: ms(end.ts + end.dur - start.ts),
  };
}

async function busyPerSecond(browser, url, scrolling = true, seconds = 5) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
  const page = await context.newPage();
  await page.goto(url);
  if (scrolling) await page.waitForFunction(() => document.getAnimations().some((a) => a.playState === "running"));
  // Start-up over (no request left, fonts in): what is left is the idle cost.
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
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

/** Main-thread time of loading a feed of 1,000 tickers and 1,000 articles, and of one poll
 * that changes a price and an article's title. */
async function bigNews(browser, server) {
  const feed = bigFeed(1000, 1);
  feed.articles = Array.from({ length: 1000 }, (_, i) => ({
    id: `a${i}`,
    title: `Article ${i}`,
    published_at: "2024-06-12T08:02:10Z",
    body: [{ type: "paragraph", text: `The text of article ${i}.` }],
  }));
  server.setFeed(feed);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + "?refresh=1");
  await page.waitForFunction(() => document.querySelector("article h1")?.textContent === "Article 0");
  const loaded = await page.evaluate(() => performance.now());
  // Each round changes the first price and the second article's title (back and forth); the
  // mark is set when the title is on screen, in the poll's task.
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const title = round % 2 === 0 ? "Article 1, updated" : "Article 1";
    await page.evaluate((title) => {
      // The list may re-create the item: watch the whole page.
      window.seen = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(".tw-news__link")?.textContent === title) {
            observer.disconnect();
            performance.mark("seen");
            resolve();
          }
        }).observe(document.body, { subtree: true, characterData: true, childList: true });
      });
    }, title);
    const events = await tracePoll(browser, page, async () => {
      feed.tickers[0].price = round % 2 === 0 ? "9999.00" : "1.25";
      feed.articles[1].title = title;
      server.setFeed(feed);
      await page.evaluate(() => window.seen);
    });
    rounds.push(pollFigures(events, "seen"));
  }
  await context.close();
  server.setFeed(sampleFeed());
  const updates = rounds.map((r) => r.updateMs).sort((x, y) => x - y);
  return { loadedMs: loaded, updateMs: updates[Math.floor(updates.length / 2)] };
}

/** A poll moving every one of 1,000 tickers, on a page of 1,000 flashes with 20 coins each (the
 * list shows its first 20, with their 400 chips, and the newest in full with its 20): from the
 * feed's response until the last chip on the page shows its new price, and the longest task on
 * the way. The same poll on the same page without coins is `bigUpdate`'s page figure. */
async function bigFlashes(browser, server) {
  const feedAt = (factor) => {
    const feed = bigFeed(1000, factor);
    feed.articles = Array.from({ length: 1000 }, (_, i) => ({
      id: `f${i}`,
      title: `Flash ${i}`,
      published_at: new Date(Date.parse("2024-06-12T08:00:00Z") - i * 60_000).toISOString(),
      coins: Array.from({ length: 20 }, (_, j) => `T${(i * 20 + j) % 1000}`),
      body: [{ type: "paragraph", text: `The text of flash ${i}.` }],
    }));
    return feed;
  };
  server.setFeed(feedAt(1));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + "?refresh=1");
  await page.waitForFunction(() => document.querySelectorAll(".tw-chip").length >= 420);
  const chips = await page.evaluate(() => document.querySelectorAll(".tw-chip").length);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const factor = round % 2 === 0 ? 2 : 1;
    await page.evaluate((factor) => {
      const all = [...document.querySelectorAll(".tw-chip")];
      const expected = (chip) => {
        const i = Number(chip.textContent.split(" ")[0].slice(1));
        return `$${(((i % 97) + 1) * 1.25 * factor).toFixed(2)}`;
      };
      for (const [chip, mark] of [[all[0], "seen"], [all[all.length - 1], "all"]]) {
        const text = expected(chip);
        window[mark] = new Promise((resolve) => {
          new MutationObserver((_, observer) => {
            if (chip.textContent.split(" ")[1] === text) {
              observer.disconnect();
              performance.mark(mark);
              resolve();
            }
          }).observe(chip, { subtree: true, characterData: true, childList: true });
        });
      }
    }, factor);
    const events = await tracePoll(browser, page, async () => {
      server.setFeed(feedAt(factor));
      await page.evaluate(() => Promise.all([window.seen, window.all]));
    });
    rounds.push(pollFigures(events));
  }
  await context.close();
  server.setFeed(sampleFeed());
  const median = (key) => rounds.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
  return { chips, totalMs: median("totalMs"), longestMs: median("longestMs"), allAfterMs: median("allAfterMs") };
}

/** `node bench/ticker.cjs big` prints only the 1,000-ticker figures (quicker, when tuning them). */
async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    if (process.argv[2] === "big") {
      printBig(await bigUpdate(browser, server, server.url + "?embed=ticker"), await bigUpdate(browser, server, server.url));
      return;
    }
    const page = await firstLoadBytes(browser, server.url);
    const embed = await firstLoadBytes(browser, server.url + "?embed=ticker");
    const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
    const firstTicker = await timeToFirstTicker(browser, server.url);
    const firstEmbedTicker = await timeToFirstTicker(browser, server.url + "?embed=ticker");
    const mutations = await mutationsPerPriceChange(browser, server);
    const busy = await busyPerSecond(browser, server.url);
    const staticBusy = await busyPerSecond(browser, "data:text/html,<p>A static page.</p>", false);
    // The floor for anything that moves: one bare CSS transform animation, nothing else.
    const bareMarquee = await busyPerSecond(
      browser,
      "data:text/html,<style>@keyframes m{to{transform:translateX(-2000px)}}p{width:4000px;animation:m 40s linear infinite}</style><p>A bare CSS marquee.</p>",
    );
    const bigPage = await bigUpdate(browser, server, server.url);
    const bigEmbed = await bigUpdate(browser, server, server.url + "?embed=ticker");
    const news = await bigNews(browser, server);
    const flashes = await bigFlashes(browser, server);
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`Tapewire benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model}, ${browser.version()}`);
    console.log("");
    console.log("| file (whole page, then ticker embed) | raw | gzip |");
    console.log("|---|---|---|");
    for (const [label, files] of [["page", page], ["embed", embed]]) {
      for (const f of files.sort((a, b) => b.raw - a.raw)) console.log(`| ${label}: ${f.name} | ${kb(f.raw)} KB | ${kb(f.gzip)} KB |`);
    }
    console.log("");
    console.log("| figure | value | budget (#15) | |");
    console.log("|---|---|---|---|");
    const embedGzip = sum(embed, "gzip");
    row(
      "ticker embed, first load, all files",
      `${kb(embedGzip)} KB gzip (${kb(sum(embed, "raw"))} KB raw)`,
      "64 KB gzip; never above 73 (React 19 + react-fast-marquee)",
      embedGzip <= 64 * 1024 ? true : embedGzip <= 73 * 1024 ? "missed 64, within 73" : false,
    );
    row("whole page, first load, all files", `${kb(sum(page, "gzip"))} KB gzip (${kb(sum(page, "raw"))} KB raw)`, "140 KB gzip", sum(page, "gzip") <= 140 * 1024);
    row(`first ticker painted, page (median of ${RUNS} cold loads)`, `${firstTicker.toFixed(0)} ms`, "300 ms", firstTicker <= 300);
    row(`first ticker painted, ticker embed (median of ${RUNS})`, `${firstEmbedTicker.toFixed(0)} ms`, "300 ms", firstEmbedTicker <= 300);
    row(
      "main-thread busy while idle-scrolling",
      `${busy.toFixed(1)} ms per second (a static page: ${staticBusy.toFixed(1)}; a bare CSS marquee: ${bareMarquee.toFixed(1)})`,
    );
    row("DOM mutations for one price change", `${mutations.total} with ${mutations.copies} copies on screen (the flash is a Web Animation: none)`, "2 with 2 copies", mutations.total <= mutations.copies);
    printBig(bigEmbed, bigPage);
    row("heap and DOM after 10,000 updates", "see `cargo test --target wasm32-unknown-unknown --test components ten_thousand -- --nocapture`", "flat");
    row("1,000 tickers + 1,000 articles: loaded (article on screen)", `${news.loadedMs.toFixed(0)} ms after navigation start`);
    row("1,000 tickers + 1,000 articles: a poll changing a price and a title", `${news.updateMs.toFixed(1)} ms main thread (from the feed's response through the frame that shows it, median of ${ROUNDS})`);
    row(
      "1,000 flashes × 20 coins, a poll moving all 1,000 tickers, page",
      `every chip on the page (${flashes.chips}) at its new price ${flashes.allAfterMs.toFixed(0)} ms after the response; ${flashes.totalMs.toFixed(1)} ms main thread in all, longest task ${flashes.longestMs.toFixed(1)} ms (medians of ${ROUNDS}; the same poll without coins: the page's 1,000-ticker row)`,
      "no long task (50 ms)",
      flashes.longestMs < 50,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `met`: true, false, null (no budget) or a word of its own. */
function row(figure, value, budget = "", met = null) {
  const verdict = met === null ? "" : met === true ? "met" : met === false ? "**missed**" : `**${met}**`;
  console.log(`| ${figure} | ${value} | ${budget} | ${verdict} |`);
}

function printBig(bigEmbed, bigPage) {
  for (const [label, big] of [["ticker embed", bigEmbed], ["page", bigPage]]) {
    row(
      `1,000 tickers all changing in one poll, ${label}: from the feed's response through the frame that shows it`,
      `${big.updateMs.toFixed(1)} ms main thread, ${big.updateCpuMs.toFixed(1)} of it running (medians of ${ROUNDS} polls: ${big.pollMs.toFixed(1)} before the frame + ${big.frameMs.toFixed(1)} the frame; ${big.nodes} elements)`,
      "8 ms running",
      big.updateCpuMs <= 8,
    );
    row(
      `… then the other chunks in idle periods, ${label}`,
      `all on screen ${big.allAfterMs.toFixed(0)} ms after the poll; ${big.totalMs.toFixed(0)} ms main thread in all, longest task ${big.longestMs.toFixed(1)} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
