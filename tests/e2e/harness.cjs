// Shared by the end-to-end tests and the benchmark: serves dist/ on 127.0.0.1 with a feed the
// test controls, and starts Debian's Chromium headless through playwright-core (tests/e2e/engines.cjs
// drives Firefox and WebKit).
"use strict";

const http = require("node:http");
const net = require("node:net");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "..", "..");
// The build under test: dist/, or another build's folder (an earlier commit's, to see a new
// test fail on it).
const DIST = path.resolve(process.env.TAPEWIRE_DIST || path.join(ROOT, "dist"));
/** Served at this path when `record` is on, and loaded first by every HTML page. */
const RECORDER = "/__tapewire-test/record.js";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The bundled feed's tickers as the source page shows them, "SYMBOL PRICE CHANGE", in order. */
const SEED_TICKERS = [
  "BTC $77,124.50 +2.69%",
  "ETH $2,421.10 +3.08%",
  "BNB $643.44 +1.24%",
  "XRP $1.48 +1.60%",
  "SOL $88.82 -0.25%",
  "TRX $0.3277 +0.27%",
  "DOGE $0.0995 +0.33%",
  "ADA $0.2587 -0.26%",
  "BCH $453.83 -0.27%",
  "LINK $9.61 +0.37%",
  "HYPE $44.60 +1.74%",
  "AAVE $115.14 -0.18%",
  "SUI $0.9994 -0.17%",
  "XLM $0.1743 +3.04%",
  "ZEC $329.02 -3.60%",
];
/** The bundled feed's one article. */
const SEED_ID = "okx-account-security-2024-06-12";
const SEED_TITLE = "OKX: All issues affecting users have been or will be satisfactorily resolved";

function sampleFeed() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "assets", "feed.json"), "utf8"));
}

/**
 * Loaded before anything else by every page of a server started with `record`: keeps what the
 * page says on the console (errors and warnings) and its uncaught errors in sessionStorage, so
 * that they outlast a reload, for a test to read with `window.__tapewireLog()`. WebKit's driver
 * has no console of its own to listen to.
 */
function recorder() {
  const KEY = "tapewire-test-log";
  let store = null;
  try {
    store = window.sessionStorage;
  } catch {
    // A sandboxed frame without same-origin has no storage: the log lasts for the document.
  }
  const memory = [];
  const read = () => (store ? JSON.parse(store.getItem(KEY) || "[]") : memory);
  const add = (kind, text) => {
    const log = read();
    log.push({ kind, text: String(text) });
    if (store) store.setItem(KEY, JSON.stringify(log));
  };
  for (const kind of ["error", "warn"]) {
    const original = console[kind];
    console[kind] = function (...args) {
      add(kind, args.join(" "));
      return original.apply(this, args);
    };
  }
  addEventListener("error", (event) => add("pageerror", event.message));
  addEventListener("unhandledrejection", (event) => add("pageerror", event.reason));
  window.__tapewireLog = read;
}

/**
 * A plain static server for dist/ (no rewrite rules: a path that is not a file is a 404), at the
 * root or under `prefix` (e.g. "/news/widget/"), whose `feed.json` is whatever the test last set.
 * It answers conditional requests with 304 the way a real static server does, records each feed
 * request's status, and can hold feed requests until the test releases them. `headers` are sent
 * with every response (CORS, a Content-Security-Policy); `record` loads the console recorder
 * into every page.
 */
async function startServer({ prefix = "/", headers: extra = {}, record = false } = {}) {
  const initial = () => ({
    feed: JSON.stringify(sampleFeed()),
    held: null,
    holdOnly: Infinity,
    failing: null,
    files: new Map(),
    fileRequests: new Map(),
  });
  const state = { ...initial(), feedStatuses: [], feedTimes: [] };
  const answerFeed = (req, res) => {
    state.feedTimes.push(Date.now());
    if (state.failing) {
      state.feedStatuses.push(state.failing);
      res.writeHead(state.failing, extra).end("failing on purpose");
      return;
    }
    const etag = `"${crypto.createHash("sha1").update(state.feed).digest("hex")}"`;
    const headers = { ...extra, "Content-Type": "application/json", "Cache-Control": "no-cache", ETag: etag };
    const status = req.headers["if-none-match"] === etag ? 304 : 200;
    state.feedStatuses.push(status);
    res.writeHead(status, headers);
    res.end(status === 200 ? state.feed : undefined);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, extra).end("not found");
      return;
    }
    const relative = url.pathname.slice(prefix.length);
    const served = state.files.get(relative);
    if (served) {
      state.fileRequests.set(relative, (state.fileRequests.get(relative) || 0) + 1);
      const type = { "Content-Type": "application/json", "Cache-Control": "no-cache" };
      res.writeHead(served.status, { ...extra, ...type }).end(served.body);
      return;
    }
    if (relative === "feed.json") {
      if (state.held && state.held.length < state.holdOnly) state.held.push(() => answerFeed(req, res));
      else answerFeed(req, res);
      return;
    }
    if (record && url.pathname === RECORDER) {
      res.writeHead(200, { ...extra, "Content-Type": "text/javascript" }).end(`(${recorder})();`);
      return;
    }
    let file = path.join(DIST, path.normalize(decodeURIComponent(relative)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403, extra).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, extra).end("not found");
        return;
      }
      const type = TYPES[path.extname(file)] || "application/octet-stream";
      if (record && type.startsWith("text/html")) {
        body = body.toString("utf8").replace(/<html[^>]*>/i, `$&<script src="${RECORDER}"></script>`);
      }
      res.writeHead(200, { ...extra, "Content-Type": type });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    /** Replaces the served feed (an object or raw text). */
    setFeed(feed) {
      state.feed = typeof feed === "string" ? feed : JSON.stringify(feed);
    },
    /**
     * Serves `body` (an object, raw text, or `{ status, body }`) at `relative` (e.g.
     * "archive/feed-2.json") until the test ends; later calls replace it.
     */
    setFile(relative, body) {
      const { status = 200, body: text = body } = body?.status ? body : {};
      state.files.set(relative, { status, body: typeof text === "string" ? text : JSON.stringify(text) });
    },
    /** How many times `relative` (one set with `setFile`) has been asked for. */
    fileRequests: (relative) => state.fileRequests.get(relative) || 0,
    feedStatuses: state.feedStatuses,
    /** When each feed request arrived (ms since the epoch). */
    feedTimes: state.feedTimes,
    /** Answers feed requests with this HTTP status from now on; null answers normally again. */
    failFeed(status) {
      state.failing = status;
    },
    /**
     * Holds feed requests from now on (the first `only` of them; the rest are answered); the
     * returned function answers them and stops holding.
     */
    holdFeed(only = Infinity) {
      state.held = [];
      state.holdOnly = only;
      return () => {
        const held = state.held || [];
        state.held = null;
        held.forEach((answer) => answer());
      };
    },
    /** How many feed requests are held now. */
    heldFeeds: () => state.held?.length ?? 0,
    /** Back to the sample feed, answered at once: what every test starts from. */
    reset() {
      const held = state.held || [];
      Object.assign(state, initial());
      held.forEach((answer) => answer());
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A port on 127.0.0.1 that nothing listens on now. */
function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A host page on its own 127.0.0.1 port (so another origin than the app's), as a publisher's
 * site would embed the widget: serves whatever HTML the test last set at `/`.
 */
async function startHost() {
  let html = "<!DOCTYPE html><title>Host</title>";
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    setHtml(next) {
      html = next;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** How long Playwright waits for a condition before it fails: margin for a 2-core machine under load. */
const WAIT_MS = 60_000;

async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  // Every context waits WAIT_MS, not Playwright's default 30 s.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    return context;
  };
  return browser;
}

/**
 * Starts the feed server (with `headers` on every response), a host page of another origin
 * and Chromium before a test file's tests and stops them after; `take` receives
 * `{ server, host, browser }` once they are up. Every test starts from the sample feed,
 * answered at once, and whatever pages it leaves open are closed after it, pass or fail: no
 * test sees another's state.
 */
function usingServerAndBrowser(take, { headers } = {}) {
  const { before, after, beforeEach, afterEach } = require("node:test");
  let started;
  before(async () => {
    started = { server: await startServer({ headers }), host: await startHost(), browser: await launchBrowser() };
    take(started);
  });
  beforeEach(() => started.server.reset());
  afterEach(async () => {
    await closeContexts(started.browser);
    started.server.reset();
  });
  after(async () => {
    await started.browser.close();
    await started.host.close();
    await started.server.close();
  });
}

/** Where a clocked page's clock starts (clockedPage). */
const CLOCK_START = Date.parse("2024-06-12T09:00:00Z");

/**
 * A page at `url` whose timers and `Date` run on a clock that only the test moves
 * (`page.clock.runFor(ms)`), paused from the start, so that what depends on time (poll periods,
 * backoff, the age of delayed data) is tested exactly rather than with slack for the machine's
 * pace; a request's own time limit stays on the real clock. Every random number it draws is 0.5 (no jitter), and it counts its feed requests as it
 * makes them (`feedFetches()`). `said` collects what it writes on the console.
 */
async function clockedPage(browser, url, { init, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...contextOptions });
  // Requests keep timing out on the real clock (the clock would fake AbortSignal.timeout too):
  // moving the app's time a minute on must not cut short a request on its way.
  await context.addInitScript(() => (window.__realTimeout = AbortSignal.timeout));
  await context.clock.install({ time: CLOCK_START });
  await context.clock.pauseAt(CLOCK_START);
  await context.addInitScript(() => {
    AbortSignal.timeout = window.__realTimeout;
    // The fake timers are numbered from 10^12, past the 32-bit ids browsers give (web-sys
    // takes them as i32): renumbered from 1, as a browser would.
    const ids = new Map();
    for (const [set, clear] of [["setTimeout", "clearTimeout"], ["setInterval", "clearInterval"]]) {
      const [fakeSet, fakeClear] = [window[set], window[clear]];
      window[set] = function (...args) {
        const id = ids.size + 1;
        ids.set(id, fakeSet.apply(this, args));
        return id;
      };
      window[clear] = function (id) {
        return fakeClear.call(this, ids.get(id));
      };
    }
    Math.random = () => 0.5;
    window.__feedFetches = 0;
    const fetch = window.fetch;
    window.fetch = function (resource, ...rest) {
      if (String(resource?.url ?? resource).endsWith("/feed.json")) window.__feedFetches++;
      return fetch.call(this, resource, ...rest);
    };
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const said = [];
  page.on("console", (message) => said.push(message.text()));
  await page.goto(url);
  return { context, page, said, feedFetches: () => page.evaluate(() => window.__feedFetches) };
}

/** Closes every context (its pages with it) that a test left open in `browser`. */
async function closeContexts(browser) {
  await Promise.all(browser.contexts().map((context) => context.close()));
}

/** The track's horizontal translation in pixels, as painted now. */
function trackOffset(page) {
  return page.evaluate(() => {
    const track = document.querySelector(".tw-ticker__track");
    return new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
  });
}

/** In the page: whether the ticker's motion runs (a Web Animation starts at the frame after it is asked for). */
function motionRunning() {
  return document.getAnimations().some((animation) => animation.playState === "running" && !animation.pending);
}

/** In the page: whether nothing moves (a pause, too, takes hold at the next frame). */
function motionStill() {
  return document.getAnimations().every((animation) => animation.playState !== "running" && !animation.pending);
}

/**
 * In the page: the track's offset on each of `count` frames, with the document timeline's time
 * of each (`[[ms, px], …]`), and the period the track wraps by. Read on the timeline the motion
 * runs on, so that a speed computed from them needs no slack for the machine's pace.
 */
function trackFrames(count) {
  const track = document.querySelector(".tw-ticker__track");
  const offset = () => new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
  const frames = [];
  return new Promise((resolve) => {
    const tick = () => {
      frames.push([document.timeline.currentTime, offset()]);
      if (frames.length < count) requestAnimationFrame(tick);
      else resolve({ frames, period: document.querySelector(".tw-ticker__copy").getBoundingClientRect().width });
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Each frame's step of `trackFrames`' output, in px and ms, with a wrap (a jump back by one
 * period, as the loop starts over) counted as the travel it stands for: `[[ms, px], …]`.
 */
function steps({ frames, period }) {
  return frames.slice(1).map(([t1, x1], i) => {
    const [t0, x0] = frames[i];
    let step = x1 - x0;
    if (step > period / 2) step -= period;
    if (step < -period / 2) step += period;
    return [t1 - t0, step];
  });
}

/** The track's speed in px/s (negative while it moves left) over `count` frames of `target`. */
async function travelSpeed(target, count = 30) {
  const moved = steps(await target.evaluate(trackFrames, count));
  const [ms, px] = moved.reduce(([ms, px], [dt, dx]) => [ms + dt, px + dx], [0, 0]);
  return (px * 1000) / ms;
}

/**
 * Resolves once `condition()` (a check of state outside the page, maybe async) holds; fails,
 * saying `what` it waited for, after `timeoutMs`.
 */
async function waitFor(condition, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = {
  startServer,
  startHost,
  freePort,
  launchBrowser,
  usingServerAndBrowser,
  closeContexts,
  clockedPage,
  CLOCK_START,
  sampleFeed,
  SEED_TICKERS,
  SEED_ID,
  SEED_TITLE,
  trackOffset,
  motionRunning,
  motionStill,
  trackFrames,
  steps,
  travelSpeed,
  waitFor,
  ROOT,
  DIST,
};
