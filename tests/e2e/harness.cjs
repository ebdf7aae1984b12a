// Shared by the end-to-end tests and the benchmark: serves dist/ on 127.0.0.1 with a feed the
// test controls, and starts Debian's Chromium headless through playwright-core.
"use strict";

const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

function sampleFeed() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "assets", "feed.json"), "utf8"));
}

/**
 * A plain static server for dist/ (no rewrite rules: a path that is not a file is a 404), at the
 * root or under `prefix` (e.g. "/news/widget/"), whose `feed.json` is whatever the test last set.
 * It answers conditional requests with 304 the way a real static server does, records each feed
 * request's status, and can hold feed requests until the test releases them. `headers` are sent
 * with every response (CORS, a Content-Security-Policy).
 */
async function startServer({ prefix = "/", headers: extra = {} } = {}) {
  const state = { feed: JSON.stringify(sampleFeed()), feedStatuses: [], feedTimes: [], held: null, failing: null };
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
    if (relative === "feed.json") {
      if (state.held) state.held.push(() => answerFeed(req, res));
      else answerFeed(req, res);
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
      res.writeHead(200, { ...extra, "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
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
    feedStatuses: state.feedStatuses,
    /** When each feed request arrived (ms since the epoch). */
    feedTimes: state.feedTimes,
    /** Answers feed requests with this HTTP status from now on; null answers normally again. */
    failFeed(status) {
      state.failing = status;
    },
    /** Holds feed requests from now on; the returned function answers them and stops holding. */
    holdFeed() {
      state.held = [];
      return () => {
        const held = state.held;
        state.held = null;
        held.forEach((answer) => answer());
      };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
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

function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Starts the feed server and Chromium before a test file's tests and stops both after them;
 * `take` receives `{ server, browser }` once they are up.
 */
function usingServerAndBrowser(take) {
  const { before, after } = require("node:test");
  let started;
  before(async () => {
    started = { server: await startServer(), browser: await launchBrowser() };
    take(started);
  });
  after(async () => {
    await started.browser.close();
    await started.server.close();
  });
}

/** The track's horizontal translation in pixels, as painted now. */
function trackOffset(page) {
  return page.evaluate(() => {
    const track = document.querySelector(".tw-ticker__track");
    return new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
  });
}

/** The track's measured speed over `ms` of frames, in px/s: negative while it moves left. */
function travelSpeed(target, ms = 500) {
  return target.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const track = document.querySelector(".tw-ticker__track");
        const x = () => new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
        const t0 = performance.now();
        const x0 = x();
        const tick = () => {
          const elapsed = performance.now() - t0;
          if (elapsed < ms) return requestAnimationFrame(tick);
          resolve(((x() - x0) * 1000) / elapsed);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/** Resolves once `condition()` (a check of state outside the page) holds; fails after 10 s. */
async function waitFor(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = { startServer, startHost, launchBrowser, usingServerAndBrowser, sampleFeed, trackOffset, travelSpeed, waitFor, ROOT, DIST };
