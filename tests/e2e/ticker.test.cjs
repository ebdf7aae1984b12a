// The ticker as a reader sees it, in the release build served on 127.0.0.1.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { PNG } = require("pngjs");
const {
  startServer,
  usingServerAndBrowser,
  clockedPage,
  sampleFeed,
  trackOffset,
  travelSpeed,
  steps,
  waitFor,
  motionRunning,
  motionStill,
  SEED_TICKERS: SEED,
} = require("./harness.cjs");


let server;
let browser;
usingServerAndBrowser((started) => ({ server, browser } = started));

async function openTicker({ query = "", width = 1280, reducedMotion = "no-preference", prepare } = {}) {
  const context = await browser.newContext({
    viewport: { width, height: 400 },
    locale: "en-US",
    reducedMotion,
  });
  // What the context needs before the page loads (the routes that serve logos).
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(server.url + query);
  await page.locator(".tw-ticker__copy").first().locator(".tw-tick").first().waitFor();
  return { page, context, errors };
}

/** "SYMBOL PRICE CHANGE" of every item in the first copy, as displayed. */
function itemTexts(page) {
  return page.$$eval(".tw-ticker__copy:first-child .tw-tick", (items) =>
    items.map((item) =>
      [".tw-tick__symbol", ".tw-tick__price > span", ".tw-tick__change"]
        .map((selector) => item.querySelector(selector).textContent.trim())
        .join(" "),
    ),
  );
}

/** Resolves once the ticker's motion runs. */
function moving(page) {
  return page.waitForFunction(motionRunning);
}

/** Asserts that the track moves at `speed` px/s (negative: leftwards) once its motion runs. */
async function assertMoving(page, speed, when) {
  await moving(page);
  const measured = await travelSpeed(page, 10);
  assert.ok(Math.abs(measured - speed) < 1, `the track moved at ${measured} px/s ${when}, not ${speed}`);
}

test("shows the 15 seed tickers in feed order, exactly as the source page", async () => {
  const { page, context, errors } = await openTicker();
  await page.waitForFunction(() => document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick").length === 15);
  assert.deepEqual(await itemTexts(page), SEED);
  const symbols = await page.$$eval(".tw-ticker__copy:first-child .tw-tick", (items) => items.map((i) => i.dataset.symbol));
  assert.deepEqual(symbols, SEED.map((s) => s.split(" ")[0]));
  // Direction is shown by an arrow as well as colour.
  const arrows = await page.$$eval(".tw-tick__change", (changes) =>
    changes.slice(0, 15).map((c) => getComputedStyle(c, "::before").content),
  );
  assert.match(arrows[0], /▲/);
  assert.match(arrows[4], /▼/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("copies after the first are hidden from assistive technology and focus", async () => {
  const { page, context } = await openTicker();
  await page.waitForFunction(() => [...document.querySelectorAll(".tw-ticker__copy")].filter((copy) => copy.querySelector(".tw-tick")).length >= 2);
  const copies = await page.$$eval(".tw-ticker__copy", (lists) =>
    lists.map((list) => ({
      hidden: list.getAttribute("aria-hidden"),
      inert: list.inert,
      symbols: [...list.querySelectorAll(".tw-tick[data-symbol]")].map((item) => item.dataset.symbol),
    })),
  );
  const { symbols: all, ...first } = copies[0];
  assert.deepEqual(first, { hidden: null, inert: false });
  assert.equal(all.length, 15);
  for (const { symbols, ...copy } of copies.slice(1)) {
    assert.deepEqual(copy, { hidden: "true", inert: true });
    // The last copy holds only the items that reach into the viewport: the list's start.
    assert.ok(symbols.length >= 1, "an empty copy");
    assert.deepEqual(symbols, all.slice(0, symbols.length));
  }

  const region = page.getByRole("marquee", { name: "Cryptocurrency prices" });
  const tree = await region.ariaSnapshot();
  assert.equal((tree.match(/BTC/g) || []).length, 1, tree);
  assert.equal((tree.match(/ZEC/g) || []).length, 1, tree);
  await context.close();
});

/**
 * Whether every chunk of items within the viewport is drawn: until the browser has found a
 * chunk near the view (a frame or two after it appears), `content-visibility: auto` skips it and
 * it measures as its placeholder (`contain-intrinsic-size`).
 */
function inViewDrawn() {
  const view = document.querySelector(".tw-ticker__viewport").getBoundingClientRect();
  return [...document.querySelectorAll(".tw-ticker__chunk")]
    .filter((chunk) => {
      const rect = chunk.getBoundingClientRect();
      return rect.right > view.left && rect.left < view.right;
    })
    .every((chunk) => chunk.firstElementChild.checkVisibility({ contentVisibilityAuto: true }));
}

/** How the copies lie: each touching the next, all full but the last, and what they cover. */
function coverage() {
  const viewport = document.querySelector(".tw-ticker__viewport").getBoundingClientRect();
  const copies = [...document.querySelectorAll(".tw-ticker__copy")].map((c) => c.getBoundingClientRect());
  const period = copies[0].width;
  const adjacent = copies.every((c, i) => i === 0 || Math.abs(c.left - copies[i - 1].right) < 0.5);
  const full = copies.slice(0, -1).every((c) => Math.abs(c.width - period) < 0.5);
  // The cycle's last view ends one period plus the viewport's width from the start.
  return { covered: copies.at(-1).right - copies[0].left - period - viewport.width, adjacent: adjacent && full, period };
}

for (const [width, count] of [[320, 15], [1280, 15], [2560, 15], [2560, 1]]) {
  test(`copies of ${count} ticker${count > 1 ? "s" : ""} cover a ${width} px viewport with no gap`, async () => {
    const feed = sampleFeed();
    feed.tickers = feed.tickers.slice(0, count);
    server.setFeed(feed);
    const { page, context } = await openTicker({ width });
    // Moving, with what is in view drawn: the copies are laid out for the motion.
    await moving(page);
    await page.waitForFunction(inViewDrawn);
    const { covered, adjacent, period } = await page.evaluate(coverage);
    assert.ok(period > 0);
    assert.ok(adjacent, "copies touch each other, all full but the last");
    assert.ok(covered >= 0, `the track leaves ${-covered} px uncovered at the end of a cycle`);
    await context.close();
  });
}

test("a thousand tickers scroll by with no blank stretch: chunks out of view are drawn before they enter", async () => {
  const feed = sampleFeed();
  feed.tickers = Array.from({ length: 1000 }, (_, i) => ({ symbol: `T${i}`, price: `${i + 1}.00`, change_24h: "1.00" }));
  server.setFeed(feed);
  const { page, context } = await openTicker({ query: "?speed=2000" });
  await moving(page);
  const viewport = await page.locator(".tw-ticker__viewport").boundingBox();
  // What the compositor shows, every 1,500 px of travel across two chunks' worth: each
  // stretch of 100 px of the viewport has text in it.
  for (let shot = 0; shot < 8; shot++) {
    const start = await trackOffset(page);
    await waitFor(async () => Math.abs((await trackOffset(page)) - start) >= 1500, "1,500 px of travel");
    const png = PNG.sync.read(await page.screenshot({ clip: viewport }));
    // Text is whatever differs clearly from the background (taken at the top-left corner).
    const inked = (x) => {
      for (let y = 0; y < png.height; y++) {
        const at = (y * png.width + x) * 4;
        const distance = [0, 1, 2].reduce((sum, c) => sum + Math.abs(png.data[at + c] - png.data[c]), 0);
        if (distance > 120) return true;
      }
      return false;
    };
    for (let from = 0; from + 100 <= png.width; from += 100) {
      let ink = false;
      for (let x = from; x < from + 100 && !ink; x++) ink = inked(x);
      assert.ok(ink, `shot ${shot}: no text between ${from} and ${from + 100} px`);
    }
  }
  await context.close();
});

test("the ticker moves at the configured speed, and pauses by button and by hover", async () => {
  const { page, context } = await openTicker({ query: "?speed=80" });
  // Measured on the timeline the motion runs on: exactly the speed asked for, leftwards.
  await assertMoving(page, -80, "for speed=80");

  const button = page.getByRole("button", { name: "Pause prices" });
  await button.click();
  await assertStill(page, "after pressing pause");
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  // The keyboard works too, and the motion resumes with the mouse still on the button.
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  await assertMoving(page, -80, "after pressing it again");

  await page.hover(".tw-ticker__viewport");
  await assertStill(page, "while hovered");
  await page.mouse.move(5, 300);
  await assertMoving(page, -80, "once the pointer left");
  await context.close();
});

/** Asserts that the track stays where it is for ten frames, once its motion is paused. */
async function assertStill(page, when) {
  await page.waitForFunction(motionStill);
  const moved = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const track = document.querySelector(".tw-ticker__track");
        const x = () => new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
        const x0 = x();
        let frames = 0;
        const tick = () => (++frames < 10 ? requestAnimationFrame(tick) : resolve(x() - x0));
        requestAnimationFrame(tick);
      }),
  );
  assert.equal(moved, 0, `the track moved ${moved} px ${when}`);
}

test("with reduced motion nothing moves and every ticker can be scrolled to", async () => {
  const { page, context } = await openTicker({ width: 480, reducedMotion: "reduce" });
  await page.waitForFunction(() => document.querySelectorAll(".tw-tick").length === 15);
  assert.equal(await page.locator(".tw-ticker__copy").count(), 1);
  assert.equal(await page.evaluate(() => document.getAnimations().length), 0);
  assert.equal(await page.getByRole("button", { name: "Pause prices" }).count(), 0);
  const scrolled = await page.evaluate(() => {
    const viewport = document.querySelector(".tw-ticker__viewport");
    viewport.scrollLeft = viewport.scrollWidth;
    return { left: viewport.scrollLeft, overflow: viewport.scrollWidth > viewport.clientWidth };
  });
  assert.ok(scrolled.overflow && scrolled.left > 0, JSON.stringify(scrolled));
  await page.locator('.tw-tick[data-symbol="ZEC"]').scrollIntoViewIfNeeded();
  assert.ok(await page.locator('.tw-tick[data-symbol="ZEC"]').isVisible());
  await context.close();
});

test("a price change in the served feed flashes in the page while the motion goes on without a jump", async () => {
  const { page, context, errors } = await openTicker({ query: "?refresh=1" });
  await page.waitForFunction(() => [...document.querySelectorAll(".tw-ticker__copy")].filter((copy) => copy.querySelector(".tw-tick")).length >= 2);
  const copies = await page.locator(".tw-ticker__copy").count();
  await moving(page);

  // Record every frame's offset (on the timeline the motion runs on) and every flash, from
  // before the change until after it shows.
  await page.evaluate(() => {
    const track = document.querySelector(".tw-ticker__track");
    window.__frames = [];
    window.__flashes = new Set();
    const record = () => {
      window.__frames.push([document.timeline.currentTime, new DOMMatrixReadOnly(getComputedStyle(track).transform).m41]);
      // Flashes are Web Animations with their own ids, on the items they highlight.
      for (const animation of document.getAnimations()) {
        if (animation.id.startsWith("tw-flash")) {
          window.__flashes.add(`${animation.effect.target.closest(".tw-tick").dataset.symbol} ${animation.id}`);
        }
      }
      window.__recording = requestAnimationFrame(record);
    };
    window.__recording = requestAnimationFrame(record);
  });

  // Flashes show where they can be seen: move the price of an item well inside the view (it
  // stays there for seconds at 50 px/s).
  const symbol = await page.evaluate(
    () =>
      [...document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick")].find((item) => item.getBoundingClientRect().left > 300)
        .dataset.symbol,
  );
  const feed = sampleFeed();
  const moved = feed.tickers.find((t) => t.symbol === symbol);
  moved.price = "78000.00";
  feed.tickers[0].change_24h = "3.85";
  feed.tickers = feed.tickers.filter((t) => t.symbol !== "ZEC" || t === moved);
  feed.tickers.push({ symbol: "PEPE", price: "0.00001234", change_24h: "-1.5" });
  server.setFeed(feed);
  await page.waitForFunction(
    ({ n, symbol }) =>
      [...document.querySelectorAll(`.tw-tick[data-symbol="${symbol}"] .tw-tick__price`)].filter((p) => p.textContent === "$78,000.00")
        .length === n,
    { n: copies, symbol },
  );
  // The flash starts in the frame after the change; 30 more frames of motion follow.
  const seen = await page.evaluate(() => window.__frames.length);
  await page.waitForFunction((seen) => window.__frames.length > seen + 30, seen);
  const { frames, flashes, period } = await page.evaluate(() => {
    cancelAnimationFrame(window.__recording);
    const period = document.querySelector(".tw-ticker__copy").getBoundingClientRect().width;
    return { frames: window.__frames, flashes: [...window.__flashes], period };
  });
  assert.deepEqual(flashes, [`${symbol} tw-flash-up`]);
  // Motion never restarts or jumps: from frame to frame the track moves left by the time between
  // them at 50 px/s (a wrap by one period counted as its travel).
  for (const [i, [ms, px]] of steps({ frames, period }).entries()) {
    assert.ok(Math.abs(px + (ms * 50) / 1000) < 1, `frame ${i + 1}: moved ${px} px in ${ms} ms`);
  }
  const btc = await page.$eval('.tw-ticker__copy:first-child [data-symbol="BTC"] .tw-tick__change', (c) => c.textContent);
  assert.equal(btc, "+3.85%");
  assert.equal(await page.locator('.tw-ticker__copy:first-child [data-symbol="PEPE"]').count(), 1);
  if (symbol !== "ZEC") assert.equal(await page.locator('[data-symbol="ZEC"]').count(), 0);
  const pepe = page.locator('.tw-ticker__copy:first-child [data-symbol="PEPE"] .tw-tick__price');
  assert.equal(await pepe.getAttribute("title"), "$0.00001234");
  assert.equal(await pepe.locator("span").first().textContent(), "$0.0₄1234");
  assert.deepEqual(errors, []);
  await context.close();
});

test("polls revalidate: an unchanged feed costs a 304", async () => {
  const seen = server.feedStatuses.length;
  await openTicker({ query: "?refresh=1" });
  await waitFor(() => server.feedStatuses.length >= seen + 2, "a second poll");
  // The first load fetches the feed; the poll after it revalidates what the browser holds.
  assert.deepEqual(server.feedStatuses.slice(seen, seen + 2), [200, 304]);
});

test("prices are written in the feed's quote currency and the reader's locale", async () => {
  const cases = [
    { currency: "EUR", locale: "en-US", btc: "€77,124.50", change: "+2.69%" },
    { currency: "USDT", locale: "en-US", btc: "77,124.50\u00a0USDT", change: "+2.69%" },
    { currency: "USD", locale: "de-DE", btc: "77.124,50\u00a0$", change: "+2,69\u00a0%" },
  ];
  for (const { currency, locale, btc, change } of cases) {
    server.setFeed({ ...sampleFeed(), quote_currency: currency });
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(server.url);
    const item = page.locator('.tw-ticker__copy:first-child [data-symbol="BTC"]');
    await item.locator(".tw-tick__price").waitFor();
    assert.equal(await item.locator(".tw-tick__price").textContent(), btc, `${currency} in ${locale}`);
    assert.equal(await item.locator(".tw-tick__change").textContent(), change, `${currency} in ${locale}`);
    await context.close();
  }
});

test("direction=right moves the items rightwards; pause_on_hover=0 keeps them moving under the pointer", async () => {
  const { page } = await openTicker({ query: "?direction=right&pause_on_hover=0" });
  await page.hover(".tw-ticker__viewport");
  await assertMoving(page, 50, "rightwards under the pointer");
});

test("polling stops while the page is hidden and resumes at once when it shows", async () => {
  // Headless tabs are always visible: the test plays the browser's part in hiding this one.
  const { page, feedFetches } = await clockedPage(browser, server.url + "?refresh=2", {
    init: () => {
      window.__visibility = "visible";
      Object.defineProperty(document, "visibilityState", { get: () => window.__visibility });
      window.__setVisibility = (state) => {
        window.__visibility = state;
        document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
      };
    },
  });
  await page.locator(".tw-tick").first().waitFor();
  assert.equal(await feedFetches(), 1, "the first load");
  await page.clock.runFor(2000);
  assert.equal(await feedFetches(), 2, "a poll after one period");
  await page.evaluate(() => window.__setVisibility("hidden"));
  await page.clock.runFor(20_000);
  assert.equal(await feedFetches(), 2, "no poll in ten periods while hidden");
  await page.evaluate(() => window.__setVisibility("visible"));
  // With the clock standing still: the poll comes from showing, not from a timer.
  assert.equal(await feedFetches(), 3, "a poll as soon as the page shows");
});

test("a broken feed before any data says what broke, and Retry recovers", async () => {
  server.setFeed('{ "version": 1, oops');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /not valid JSON \(line 1, column 17/);
  assert.equal(await page.getByRole("button", { name: "Pause prices" }).count(), 0, "a pause button with nothing to pause");
  assert.equal(await page.locator(".tw-ticker").isVisible(), false, "an empty ticker strip above the message");
  server.setFeed(sampleFeed());
  await alert.getByRole("button", { name: "Retry" }).click();
  await page.locator('.tw-ticker__copy:first-child [data-symbol="BTC"]').waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  await context.close();
});

/** A coin's logo: a disc in its colour. */
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#f7931a"/></svg>';

/** Serves LOGO for every `.svg` the context asks for, from any server. */
function serveLogos(context) {
  return context.route("**/*.svg", (route) => route.fulfill({ contentType: "image/svg+xml", body: LOGO }));
}

/** In the page: the first copy's item for `symbol` and, in it, its logo, symbol and link. */
function itemParts(symbol) {
  const item = document.querySelector(`.tw-ticker__copy:first-child [data-symbol="${symbol}"]`);
  const box = (element) => element && element.getBoundingClientRect().toJSON();
  const logo = item.querySelector("img");
  return {
    item: box(item),
    link: box(item.querySelector(".tw-tick__link")),
    symbol: box(item.querySelector(".tw-tick__symbol")),
    logo: logo && {
      ...box(logo),
      first: item.querySelector(".tw-tick__link").firstElementChild === logo,
      src: logo.getAttribute("src"),
      alt: logo.getAttribute("alt"),
      loading: logo.getAttribute("loading"),
      decoding: logo.getAttribute("decoding"),
      loaded: logo.complete && logo.naturalWidth > 0,
      visibility: getComputedStyle(logo).visibility,
      fontSize: parseFloat(getComputedStyle(logo).fontSize),
    },
  };
}

test("a ticker's logo shows at its start, relative to the feed's own address, lazy, alt=\"\", at a fixed size; none, no gap", async () => {
  // A feed on another origin (a CDN) with its logos beside it.
  const cdn = await startServer({ headers: { "Access-Control-Allow-Origin": "*" } });
  try {
    const feed = sampleFeed();
    feed.tickers[0].logo = "img/btc.svg";
    feed.tickers[1].logo = "/logos/eth.svg";
    feed.tickers[2].logo = "https://logos.example/bnb.svg";
    cdn.setFeed(feed);
    const { page, context, errors } = await openTicker({
      query: `?feed=${encodeURIComponent(cdn.url + "feed.json")}`,
      reducedMotion: "reduce",
      prepare: serveLogos,
    });
    await page.waitForFunction(() => document.querySelector('[data-symbol="BTC"] img')?.complete);
    const [btc, eth, bnb, xrp] = await Promise.all(["BTC", "ETH", "BNB", "XRP"].map((s) => page.evaluate(itemParts, s)));
    assert.equal(btc.logo.src, cdn.url + "img/btc.svg", "resolved against the feed, not the page");
    assert.equal(eth.logo.src, new URL("/logos/eth.svg", cdn.url).href);
    assert.equal(bnb.logo.src, "https://logos.example/bnb.svg");
    for (const { logo, symbol } of [btc, eth, bnb]) {
      assert.deepEqual(
        { first: logo.first, alt: logo.alt, loading: logo.loading, decoding: logo.decoding, loaded: logo.loaded },
        { first: true, alt: "", loading: "lazy", decoding: "async", loaded: true },
      );
      // A square as tall as a line of the item's text, before the symbol.
      assert.equal(logo.width, logo.height);
      assert.equal(logo.width, logo.fontSize * 1.25);
      assert.ok(logo.right < symbol.left, "the logo comes before the symbol");
    }
    // Without a logo: no image, and the symbol starts where the logo would have.
    assert.equal(xrp.logo, null);
    assert.equal(xrp.symbol.left - xrp.link.left, btc.logo.left - btc.link.left);
    assert.equal(await page.locator(".tw-ticker__copy:first-child img").count(), 3);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await cdn.close();
  }
});

test("a logo that fails to load is hidden in its box: no broken-image icon, nothing moves", async () => {
  const feed = sampleFeed();
  feed.tickers[0].logo = "img/missing.svg";
  server.setFeed(feed);
  // The request waits until the test has measured the item; then the server answers 404.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked = false;
  const { page, context, errors } = await openTicker({
    reducedMotion: "reduce",
    prepare: (context) =>
      context.route("**/img/missing.svg", async (route) => {
        asked = true;
        await held;
        await route.continue();
      }),
  });
  await waitFor(() => asked, "the logo's request");
  const places = () => page.evaluate(() => [...document.querySelectorAll(".tw-ticker__copy:first-child .tw-tick")].slice(0, 3).map((i) => i.getBoundingClientRect().toJSON()));
  const before = { parts: await page.evaluate(itemParts, "BTC"), places: await places() };
  assert.equal(before.parts.logo.loaded, false);
  release();
  const failed = await page.waitForFunction(() => {
    const logo = document.querySelector('.tw-ticker__copy:first-child [data-symbol="BTC"] img');
    return logo.complete && getComputedStyle(logo).visibility === "hidden";
  });
  await failed.dispose();
  const after = { parts: await page.evaluate(itemParts, "BTC"), places: await places() };
  assert.deepEqual(after.places, before.places, "the items kept their places and widths");
  assert.deepEqual(after.parts.logo, { ...before.parts.logo, visibility: "hidden" }, "the logo kept its box");
  // Nothing drawn where it is: every pixel of its box is the bar's background.
  const { x, y, width, height } = after.parts.logo;
  const png = PNG.sync.read(await page.screenshot({ clip: { x, y, width, height } }));
  const background = [...png.data.subarray(0, 4)];
  for (let at = 0; at < png.data.length; at += 4) {
    assert.deepEqual([...png.data.subarray(at, at + 4)], background, `a pixel drawn at ${at / 4} of the failed logo's box`);
  }
  assert.deepEqual(
    await page.evaluate(() => getComputedStyle(document.querySelector(".tw-ticker")).backgroundColor),
    `rgb(${background.slice(0, 3).join(", ")})`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test("logos are lazy: those near the view load, and those coming into view as the ticker moves", async () => {
  const feed = sampleFeed();
  feed.tickers = Array.from({ length: 300 }, (_, i) => ({ symbol: `T${i}`, price: `${i + 1}.00`, change_24h: "1.00", logo: `img/t${i}.svg` }));
  server.setFeed(feed);
  const asked = new Set();
  const { page, context } = await openTicker({
    query: "?speed=2000",
    prepare: (context) =>
      context.route("**/img/*.svg", (route) => {
        asked.add(route.request().url());
        return route.fulfill({ contentType: "image/svg+xml", body: LOGO });
      }),
  });
  await moving(page);
  const inViewLoaded = () =>
    page.evaluate(() => {
      const view = document.querySelector(".tw-ticker__viewport").getBoundingClientRect();
      const shown = [...document.querySelectorAll(".tw-tick__logo")].filter(
        (logo) => logo.getBoundingClientRect().right > view.left && logo.getBoundingClientRect().left < view.right,
      );
      return shown.length > 0 && shown.every((logo) => logo.complete && logo.naturalWidth > 0);
    });
  await waitFor(inViewLoaded, "the logos in view");
  assert.ok(asked.size < 100, `${asked.size} of 300 logos asked for at the start`);
  // Three times 3,000 px on, the logos in view have loaded.
  for (let stretch = 0; stretch < 3; stretch++) {
    const start = await trackOffset(page);
    await waitFor(async () => Math.abs((await trackOffset(page)) - start) >= 3000, "3,000 px of travel");
    await waitFor(inViewLoaded, `the logos in view after stretch ${stretch + 1}`);
  }
  await context.close();
});

test("logos add no DOM mutation to a price poll", async () => {
  const feed = sampleFeed();
  feed.tickers.forEach((ticker) => (ticker.logo = `img/${ticker.symbol.toLowerCase()}.svg`));
  server.setFeed(feed);
  const { page, context } = await openTicker({ query: "?refresh=1", prepare: serveLogos });
  await page.waitForFunction(() => [...document.querySelectorAll(".tw-ticker__copy")].filter((copy) => copy.querySelector(".tw-tick")).length >= 2);
  // Every logo in view has loaded before the count starts.
  await page.waitForFunction(() => {
    const view = document.querySelector(".tw-ticker__viewport").getBoundingClientRect();
    const near = [...document.querySelectorAll(".tw-tick__logo")].filter((logo) => logo.getBoundingClientRect().left < view.right);
    return near.length > 0 && near.every((logo) => logo.complete && logo.naturalWidth > 0);
  });
  const copies = await page.evaluate(() => document.querySelectorAll('[data-symbol="ETH"] .tw-tick__price').length);
  await page.evaluate(() => {
    window.__mutations = [];
    new MutationObserver((records) => window.__mutations.push(...records.map((r) => `${r.type} ${r.target.nodeName}`))).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  feed.tickers[1].price = "2500.00";
  server.setFeed(feed);
  await page.waitForFunction(
    (copies) => [...document.querySelectorAll('[data-symbol="ETH"] .tw-tick__price')].filter((p) => p.textContent === "$2,500.00").length === copies,
    copies,
  );
  await page.waitForFunction(() => !document.getAnimations().some((a) => a.id.startsWith("tw-flash")));
  // One text node per copy, as without logos (bench/ticker.cjs).
  assert.deepEqual(await page.evaluate(() => window.__mutations), Array(copies).fill("characterData #text"));
  await context.close();
});

test("link= sends every ticker to its template, over the feed's own url, and a poll leaves it", async () => {
  const feed = sampleFeed();
  feed.tickers[0].url = "https://feed.example/btc";
  server.setFeed(feed);
  const { page, context, errors } = await openTicker({ query: `?refresh=1&link=${encodeURIComponent("https://example.com/coins/{symbol}?from=ticker")}` });
  const links = () =>
    page.$$eval(".tw-ticker__copy:first-child .tw-tick", (items) => items.map((item) => [item.dataset.symbol, item.querySelector("a.tw-tick__link")?.getAttribute("href")]));
  const expected = SEED.map((s) => s.split(" ")[0]).map((symbol) => [symbol, `https://example.com/coins/${symbol}?from=ticker`]);
  assert.deepEqual(await links(), expected);
  assert.equal(await page.locator('[data-symbol="BTC"] a').first().getAttribute("target"), "_blank");
  // A poll with a new url and price for BTC changes its price, not its link.
  const seen = server.feedStatuses.length;
  feed.tickers[0].url = "https://feed.example/bitcoin";
  feed.tickers[0].price = "78000.00";
  server.setFeed(feed);
  await page.locator('.tw-ticker__copy:first-child [data-symbol="BTC"] .tw-tick__price').filter({ hasText: "$78,000.00" }).waitFor();
  assert.ok(server.feedStatuses.length > seen);
  assert.deepEqual(await links(), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link= that is not an absolute http(s) URL is refused as a bad feed= is: said in the widget and on the console", async () => {
  const feed = sampleFeed();
  feed.tickers[0].url = "https://feed.example/btc";
  server.setFeed(feed);
  for (const bad of ["coins/{symbol}", "javascript:alert(1)"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings = [];
    page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    page.on("dialog", () => assert.fail("a dialog opened"));
    await page.goto(`${server.url}?link=${encodeURIComponent(bad)}`);
    await page
      .getByRole("status")
      .filter({ hasText: `The ticker link “${bad}” is not an absolute http(s) URL with a host of its own; tickers link where the feed says.` })
      .waitFor();
    assert.ok(
      warnings.some((w) => w.startsWith(`Tapewire: link="${bad}" is not an absolute http(s) URL`)),
      JSON.stringify(warnings),
    );
    // The feed's own links, and none where the feed has none.
    const btc = page.locator('.tw-ticker__copy:first-child [data-symbol="BTC"] a');
    assert.equal(await btc.getAttribute("href"), "https://feed.example/btc");
    assert.equal(await page.locator('.tw-ticker__copy:first-child [data-symbol="ETH"] a').count(), 0);
    await context.close();
  }
});
