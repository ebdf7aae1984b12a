// The core of what a reader does, in each of the three browser engines (engines.cjs): the
// ticker's texts, its motion, pausing it from the keyboard, a live price change, the article,
// the Collection over a reload, an embed on another site, the builder's preview, a reload
// during the first request, the timeline of flashes, and the system locale "C".
// TAPEWIRE_ENGINES=firefox,webkit picks engines (default: all three).
"use strict";

const { describe, test, before, after, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const {
  startServer,
  startHost,
  sampleFeed,
  waitFor,
  travelSpeed,
  steps,
  motionRunning,
  motionStill,
  SEED_TICKERS,
  SEED_TITLE,
} = require("./harness.cjs");
const { ENGINES, launchEngine } = require("./engines.cjs");

const chosen = (process.env.TAPEWIRE_ENGINES || ENGINES.join(",")).split(",");

/** "SYMBOL PRICE CHANGE" of every item in the first copy, as displayed. */
function itemTexts() {
  return [...document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick")].map((item) =>
    [".tw-tick__symbol", ".tw-tick__price > span", ".tw-tick__change"]
      .map((selector) => item.querySelector(selector).textContent.trim())
      .join(" "),
  );
}

/** What the page said that a reader's console would show as wrong. */
async function problems(tab) {
  return (await tab.log()).filter((entry) => entry.kind !== "warn");
}

for (const engineName of chosen) {
  describe(engineName, () => {
    let engine;
    let server;
    let host;
    const tabs = new Set();

    before(async () => {
      server = await startServer({ record: true, headers: { "Access-Control-Allow-Origin": "*" } });
      host = await startHost();
      engine = await launchEngine(engineName);
    });
    afterEach(async () => {
      await Promise.all([...tabs].map((tab) => tab.close()));
      tabs.clear();
      server.reset();
    });
    after(async () => {
      await engine?.close();
      await host?.close();
      await server?.close();
    });

    /** A new reader's tab on `url` (default: the app with `query`). */
    async function open(query = "", { url = server.url + query, ...options } = {}) {
      const tab = await engine.open(url, options);
      tabs.add(tab);
      return tab;
    }

    test("the ticker shows the 15 seed prices, moves at its speed, and pauses and resumes from the keyboard", async () => {
      const tab = await open("?speed=80");
      await tab.waitFor(() => [...document.querySelectorAll(".tw-ticker__copy")].filter((copy) => copy.querySelector(".tw-tick")).length >= 2, null, "the ticker's copies");
      assert.deepEqual(await tab.evaluate(itemTexts), SEED_TICKERS);
      await tab.waitFor(motionRunning, null, "the motion");
      const speed = await travelSpeed(tab);
      assert.ok(Math.abs(speed + 80) < 1, `moving left at ${speed} px/s for speed=80`);

      await tab.focus(".tw-ticker__toggle");
      await tab.press("Enter");
      assert.equal(await tab.evaluate(() => document.querySelector(".tw-ticker__toggle").getAttribute("aria-pressed")), "true");
      // Focus pauses too: away from the button, the button alone holds the ticker still.
      await tab.evaluate(() => document.activeElement.blur());
      await tab.waitFor(motionStill, null, "the pause to take hold");
      assert.equal(await travelSpeed(tab, 10), 0, "still while paused");

      await tab.focus(".tw-ticker__toggle");
      await tab.press(" ");
      assert.equal(await tab.evaluate(() => document.querySelector(".tw-ticker__toggle").getAttribute("aria-pressed")), "false");
      await tab.evaluate(() => document.activeElement.blur());
      await tab.waitFor(motionRunning, null, "the motion again");
      assert.ok((await travelSpeed(tab, 10)) < 0, "moving again");
      assert.deepEqual(await problems(tab), []);
    });

    test("a price change in the served feed reaches every copy while the motion goes on without a jump", async () => {
      const tab = await open("?refresh=1");
      await tab.waitFor(motionRunning, null, "the motion");
      const copies = await tab.evaluate(() => document.querySelectorAll(".tw-ticker__copy").length);
      // Every frame from before the change until after it shows.
      await tab.evaluate(() => {
        const track = document.querySelector(".tw-ticker__track");
        window.__frames = [];
        const record = () => {
          window.__frames.push([document.timeline.currentTime, new DOMMatrixReadOnly(getComputedStyle(track).transform).m41]);
          window.__recording = requestAnimationFrame(record);
        };
        window.__recording = requestAnimationFrame(record);
      });
      const feed = sampleFeed();
      feed.tickers[0].price = "78000.00";
      server.setFeed(feed);
      await tab.waitFor(
        (n) =>
          [...document.querySelectorAll('.tw-tick[data-symbol="BTC"] .tw-tick__price')].filter((p) => p.textContent === "$78,000.00")
            .length === n,
        copies,
        `$78,000.00 in all ${copies} copies`,
      );
      const seen = await tab.evaluate(() => window.__frames.length);
      await tab.waitFor((seen) => window.__frames.length > seen + 10, seen, "ten frames after the change");
      const recorded = await tab.evaluate(() => {
        cancelAnimationFrame(window.__recording);
        return { frames: window.__frames, period: document.querySelector(".tw-ticker__copy").getBoundingClientRect().width };
      });
      // From frame to frame the track moves left by the time between them at 50 px/s (a wrap by
      // one period counted as its travel): it never restarts or jumps.
      for (const [i, [ms, px]] of steps(recorded).entries()) {
        assert.ok(Math.abs(px + (ms * 50) / 1000) < 1, `frame ${i + 1}: moved ${px} px in ${ms} ms`);
      }
      assert.deepEqual(await problems(tab), []);
    });

    test("the article: its title, its time on the reader's clock, and the statement's points", async () => {
      const tab = await open();
      await tab.waitFor(() => document.querySelector("article h1") !== null, null, "the article");
      const article = await tab.evaluate(() => ({
        title: document.querySelector("article h1").textContent,
        time: document.querySelector("article time").textContent,
        datetime: document.querySelector("article time").getAttribute("datetime"),
        points: [...document.querySelectorAll(".tw-article__body > p + ul > li")].map((li) => li.textContent),
        documentTitle: document.title,
      }));
      assert.deepEqual(article, {
        title: SEED_TITLE,
        time: "2024-06-12 16:02:10",
        datetime: "2024-06-12T16:02:10+08:00",
        points: sampleFeed().articles[0].body[2].items,
        documentTitle: "ChainCatcher: news flash",
      });
      assert.deepEqual(await problems(tab), []);
    });

    test("an article saved to the Collection is still saved after a reload", async () => {
      const tab = await open();
      await tab.waitFor(() => document.querySelector("article .tw-collect") !== null, null, "the Collection button");
      const pressed = () => document.querySelector("article .tw-collect").getAttribute("aria-pressed");
      assert.equal(await tab.evaluate(pressed), "false");
      await tab.click("article .tw-collect");
      assert.equal(await tab.evaluate(pressed), "true");
      await tab.reload();
      await tab.waitFor(() => document.querySelector("article .tw-collect") !== null, null, "the article after the reload");
      assert.equal(await tab.evaluate(pressed), "true", "kept over the reload");
      assert.equal(await tab.evaluate(() => document.querySelector(".tw-nav__count").textContent), "1");
      assert.deepEqual(await problems(tab), []);
    });

    test("the ticker embed on another site's page is the ticker alone, at its own height", async () => {
      host.setHtml(`<!DOCTYPE html><body style="margin: 0">
        <iframe id="widget" src="${server.url}?embed=ticker&symbols=ETH,BTC" title="Prices" height="44" style="border: 0; width: 100%; display: block"></iframe>
      </body>`);
      const tab = await open("", { url: host.url });
      await tab.waitInFrame(
        "#widget",
        () => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === 2,
        null,
        "the embed's two tickers",
      );
      const widget = await tab.inFrame("#widget", () => ({
        symbols: [...document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick")].map((item) => item.dataset.symbol),
        document: document.documentElement.getBoundingClientRect().height,
        ticker: document.querySelector(".tw-ticker").getBoundingClientRect().height,
        page: document.querySelectorAll("header, main, footer, article").length,
        log: window.__tapewireLog().filter((entry) => entry.kind !== "warn"),
      }));
      assert.deepEqual(widget, { symbols: ["ETH", "BTC"], document: 44, ticker: 44, page: 0, log: [] });
    });

    test("the builder's ticker preview shows the whole ticker, with no scrollbar", async () => {
      const tab = await open("?view=builder");
      const preview = () => {
        const frame = document.querySelector(".tw-builder__preview");
        const inner = frame?.contentDocument?.querySelector(".tw-ticker");
        return (
          inner && {
            inside: frame.clientHeight,
            ticker: inner.getBoundingClientRect().height,
            scrolls: frame.contentDocument.documentElement.scrollHeight > frame.contentDocument.documentElement.clientHeight,
            scrollbar: frame.contentWindow.innerWidth - frame.contentDocument.documentElement.clientWidth,
          }
        );
      };
      const seen = await tab.waitFor(preview, null, "the preview's ticker");
      assert.deepEqual(seen, { inside: 44, ticker: 44, scrolls: false, scrollbar: 0 });
    });

    test("a reload while the first feed request is in flight says nothing about it", async () => {
      // The first page's request waits; the reloaded page's is answered.
      server.holdFeed(1);
      const tab = await open();
      await tab.waitFor(() => document.querySelector(".tw-skeleton") !== null, null, "the loading view");
      await waitFor(() => server.heldFeeds() === 1, "the first feed request");
      await tab.reload();
      await tab.waitFor(() => document.querySelector("article h1") !== null, null, "the article after the reload");
      const said = (await tab.log()).map((entry) => entry.text);
      assert.deepEqual(said.filter((text) => /feed/i.test(text)), []);
      assert.deepEqual(await problems(tab), []);
    });

    test("the timeline: days, a coin chip moved by a poll, and 'Important only' from the keyboard", async () => {
      const feed = sampleFeed();
      feed.articles.push(
        { id: "fed", title: "Fed holds rates", published_at: "2024-06-11T15:00:00Z", important: true, coins: ["BTC"], tags: ["Markets"], body: [] },
        { id: "sol", title: "Solana restarts", published_at: "2024-06-10T07:00:00Z", coins: ["SOL"], body: [] },
      );
      server.setFeed(feed);
      const tab = await open("?tz=UTC&refresh=1");
      await tab.waitFor(() => document.querySelectorAll(".tw-flash").length === 2, null, "the timeline");
      const days = () => [...document.querySelectorAll(".tw-day")].map((day) => [day.querySelector("h3").textContent, ...[...day.querySelectorAll(".tw-news__link")].map((a) => a.textContent)]);
      assert.deepEqual(await tab.evaluate(days), [["2024-06-11", "Fed holds rates"], ["2024-06-10", "Solana restarts"]]);
      const chip = () => {
        const chip = document.querySelector(".tw-flash .tw-chip");
        return [chip.textContent, chip.getAttribute("aria-label")];
      };
      assert.deepEqual(await tab.evaluate(chip), ["BTC $77,124.50 +2.69%", "BTC $77,124.50, up 2.69%"]);
      feed.tickers[0].price = "78000.00";
      server.setFeed(feed);
      await tab.waitFor(() => document.querySelector(".tw-flash .tw-chip").textContent === "BTC $78,000.00 +2.69%", null, "the chip after the poll");

      await tab.focus(".tw-filters__toggle");
      await tab.press("Enter");
      // The important one, in full; no other in the list.
      await tab.waitFor(
        () => new URL(location.href).searchParams.get("filter") === "important" && document.querySelector("article h1")?.textContent === "Fed holds rates" && document.querySelectorAll(".tw-flash").length === 0,
        null,
        "only the important flash",
      );
      assert.equal(await tab.evaluate(() => document.querySelector(".tw-filters__toggle").getAttribute("aria-pressed")), "true");
      assert.deepEqual(await problems(tab), []);
    });

    test("on a system without a locale (LANG=C), prices read as in en-US", async () => {
      const posix = await launchEngine(engineName, { lang: "C.UTF-8" });
      try {
        const tab = await posix.open(server.url + "?embed=ticker&symbols=BTC,TRX");
        try {
          await tab.waitFor(() => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === 2, null, "two tickers");
          assert.deepEqual(await tab.evaluate(itemTexts), [SEED_TICKERS[0], SEED_TICKERS[5]]);
        } finally {
          await tab.close();
        }
      } finally {
        await posix.close();
      }
    });
  });
}
