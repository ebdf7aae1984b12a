// The README's example server config (deploy/nginx.conf), run by a real nginx over a copy of
// dist/: its headers, its compressed files and feed, and the page and its embeds working under its
// strict Content-Security-Policy.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { spawn, spawnSync } = require("node:child_process");
const { startHost, launchBrowser, freePort, DIST, ROOT } = require("./harness.cjs");

const NGINX = process.env.NGINX || "/usr/sbin/nginx";
const SEED_TITLE = "OKX: All issues affecting users have been or will be satisfactorily resolved";
const FEED_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";

let nginx;
let nginxDir;
let nginxConf;
/** What nginx serves: a copy of dist/, whose feed a test may rewrite. */
let served;
let origin;
let host;
let stranger;
let browser;

/** deploy/nginx.conf with its three EDIT lines filled in, and paths of its own for a test run. */
function configure(port, embedder, dir, root) {
  let conf = fs.readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
  const edits = [
    [/listen 8080;/, `listen 127.0.0.1:${port};`],
    [/root \/srv\/tapewire;/, `root ${root};`],
    [/set \$embedders "[^"]*";/, `set $embedders "${embedder}";`],
    [/http \{/, `http {\n    access_log off;\n    client_body_temp_path ${dir}/body;\n    proxy_temp_path ${dir}/proxy;\n    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;`],
  ];
  for (const [pattern, replacement] of edits) {
    assert.match(conf, pattern, `deploy/nginx.conf still has ${pattern}`);
    conf = conf.replace(pattern, replacement);
  }
  // As root, workers would otherwise run as nobody, who may not reach a clone under /root.
  if (process.getuid() === 0) conf = `user root;\n${conf}`;
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, conf);
  return file;
}

before(async () => {
  host = await startHost();
  stranger = await startHost();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tapewire-nginx-"));
  nginxDir = dir;
  served = path.join(dir, "root");
  fs.cpSync(DIST, served, { recursive: true });
  nginxConf = configure(port, host.url.slice(0, -1), dir, served);
  nginx = spawn(NGINX, ["-c", nginxConf, "-g", `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;`], { stdio: "inherit" });
  origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await fetch(origin + "/").then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer (see ${dir}/error.log)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (nginx) {
    const exited = new Promise((resolve) => nginx.once("exit", resolve));
    nginx.kill();
    await exited;
  }
  if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
  await host.close();
  await stranger.close();
});

/** A context whose every document records the CSP violations it meets. */
async function recordingContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });
  return context;
}

test("the example config sends a strict policy and the caching the app needs", async () => {
  const index = await fetch(origin + "/");
  const csp = index.headers.get("content-security-policy");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(csp, /style-src 'self';/);
  assert.match(csp, new RegExp(`frame-ancestors 'self' ${host.url.slice(0, -1)};`));
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(index.headers.get("x-content-type-options"), "nosniff");
  assert.equal(index.headers.get("access-control-allow-origin"), "*");
  assert.equal(index.headers.get("cache-control"), "no-cache");

  const html = await index.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script in index.html");
  // The release build's HTML is minified: attribute values may come without quotes.
  const wasm = html.match(/data-tapewire-wasm="?\.\/([^"\s>]+)/)[1];
  const wasmResponse = await fetch(`${origin}/${wasm}`);
  assert.equal(wasmResponse.headers.get("content-type"), "application/wasm");
  assert.match(wasmResponse.headers.get("cache-control"), /max-age=\d{6,}/);
  // Every file index.html names (boot.js, the CSS, each bundle's glue and wasm) has a hash of its
  // content in its name, and is kept for good.
  const files = [...html.matchAll(/=("?)\.\/([^"\s>]+)\1/g)].map((match) => match[2]);
  assert.equal(files.length, 11, files.join(" "));
  for (const file of files) {
    assert.match(file, /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/);
    const response = await fetch(`${origin}/${file}`);
    assert.equal(response.status, 200, file);
    assert.equal(response.headers.get("cache-control"), "max-age=31536000, immutable", file);
  }

  const feed = await fetch(origin + "/feed.json");
  assert.equal(feed.headers.get("cache-control"), FEED_CACHE_CONTROL);
  assert.ok(feed.headers.get("etag"), "an ETag to revalidate against");
});

/** A GET whose body stays as the server encoded it (fetch would decode it). */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

test("the build's .br and .gz files are sent to whoever accepts them, the same bytes as the files", async () => {
  const html = fs.readFileSync(path.join(served, "index.html"), "utf8");
  const named = (pattern) => html.match(pattern)[1];
  const files = {
    "/": "index.html",
    page: named(/data-tapewire-wasm="?\.\/([^"\s>]+)/),
    ticker: named(/data-ticker-wasm="?\.\/([^"\s>]+)/),
    glue: named(/data-tapewire-js="?\.\/([^"\s>]+)/),
    style: named(/href="?\.\/([^"\s>]+\.css)/),
  };
  for (const [what, file] of Object.entries(files)) {
    const url = what === "/" ? origin + "/" : `${origin}/${file}`;
    const content = fs.readFileSync(path.join(served, file));
    const type = (await get(url)).headers["content-type"];
    const cacheControl = what === "/" ? "no-cache" : "max-age=31536000, immutable";
    // What browsers send; only br; only gzip; gzip through a CDN (which says so in Via); nothing.
    const cases = [
      [{ "Accept-Encoding": "gzip, deflate, br" }, "br"],
      [{ "Accept-Encoding": "br" }, "br"],
      [{ "Accept-Encoding": "gzip" }, "gzip"],
      [{ "Accept-Encoding": "gzip", Via: "1.1 cdn.example" }, "gzip"],
      [{}, undefined],
    ];
    for (const [headers, encoding] of cases) {
      const label = `${file} for ${JSON.stringify(headers)}`;
      const response = await get(url, headers);
      assert.equal(response.status, 200, label);
      assert.equal(response.headers["content-encoding"], encoding, label);
      assert.equal(response.headers["content-type"], type, label);
      assert.match(response.headers.vary ?? "", /Accept-Encoding/, label);
      assert.equal(response.headers["cache-control"], cacheControl, label);
      assert.equal(response.headers["x-content-type-options"], "nosniff", label);
      if (encoding) {
        const copy = `${file}.${{ br: "br", gzip: "gz" }[encoding]}`;
        assert.ok(response.body.equals(fs.readFileSync(path.join(served, copy))), `${label}: the build's ${copy}`);
      }
      const decode = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync }[encoding];
      const decoded = decode ? decode(response.body) : response.body;
      assert.ok(decoded.equals(content), `${label}: decodes to ${file}`);
    }
  }
});

test("the feed is compressed for each response, never stale, revalidated, and cached by a CDN for seconds", async () => {
  for (const name of ["feed.json.gz", "feed.json.br"]) {
    assert.ok(!fs.existsSync(path.join(DIST, name)), `the build wrote no ${name}`);
  }
  const file = path.join(served, "feed.json");
  const url = origin + "/feed.json";
  const original = fs.readFileSync(file);
  // Compressed copies beside the feed, as a deploy step that compresses everything would leave:
  // stale as soon as the feed is rewritten, so never to be sent.
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(original));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(original));
  try {
    const first = await get(url, { "Accept-Encoding": "gzip, deflate, br", Via: "1.1 cdn.example" });
    assert.equal(first.status, 200);
    assert.equal(first.headers["content-encoding"], "gzip");
    assert.ok(zlib.gunzipSync(first.body).equals(original));
    assert.equal(first.headers["cache-control"], FEED_CACHE_CONTROL);
    assert.match(first.headers.vary ?? "", /Accept-Encoding/);
    assert.equal(first.headers["access-control-allow-origin"], "*");
    const etag = first.headers.etag;
    assert.ok(etag, "an ETag to revalidate against");
    const unchanged = await get(url, { "Accept-Encoding": "gzip", "If-None-Match": etag });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.body.length, 0);

    // The publisher's next feed. Its length differs too: nginx's ETag is the file's size and
    // modification time in whole seconds, which a rewrite within the second leaves as it was.
    const feed = JSON.parse(original);
    feed.tickers[0].price = "80000.125";
    const next = Buffer.from(JSON.stringify(feed));
    assert.notEqual(next.length, original.length);
    fs.writeFileSync(file, next);

    const changed = await get(url, { "Accept-Encoding": "gzip, deflate, br", "If-None-Match": etag });
    assert.equal(changed.status, 200);
    assert.equal(changed.headers["content-encoding"], "gzip");
    assert.ok(zlib.gunzipSync(changed.body).equals(next), "the new feed, not a copy compressed before");
    assert.equal(changed.headers["cache-control"], FEED_CACHE_CONTROL);
    assert.notEqual(changed.headers.etag, etag);
    const plain = await get(url);
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.ok(plain.body.equals(next));
    assert.equal((await get(url, { "Accept-Encoding": "gzip", "If-None-Match": changed.headers.etag })).status, 304);
    // A client that takes it uncompressed revalidates with that answer's ETag.
    assert.equal((await get(url, { "If-None-Match": plain.headers.etag })).status, 304);
  } finally {
    fs.writeFileSync(file, original);
    fs.rmSync(`${file}.gz`);
    fs.rmSync(`${file}.br`);
  }
});

test("without the brotli module, the config stands once its lines marked BROTLI are deleted", () => {
  const conf = fs.readFileSync(nginxConf, "utf8");
  const without = conf
    .split("\n")
    .filter((line) => !line.endsWith("# BROTLI"))
    .join("\n");
  assert.match(conf, /brotli_static on;/);
  assert.doesNotMatch(without, /^[^#]*brotli/m, "every line that needs the module is marked");
  const file = path.join(nginxDir, "nginx-without-brotli.conf");
  fs.writeFileSync(file, without);
  const check = spawnSync(NGINX, ["-t", "-c", file, "-g", `pid ${nginxDir}/test.pid; error_log ${nginxDir}/test-error.log;`], {
    encoding: "utf8",
  });
  assert.equal(check.status, 0, check.stderr);
});

test("the whole page works under the policy, without one violation", async () => {
  const context = await recordingContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(origin + "/");
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
  await page.locator(".tw-tick").first().waitFor();
  await page.getByRole("link", { name: "Embed these prices and news" }).click();
  await page.frameLocator(".tw-builder__preview").locator(".tw-tick").first().waitFor();
  for (const frame of page.frames()) {
    assert.deepEqual(await frame.evaluate(() => window.__violations), [], frame.url());
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("embeds work on an allowed site, sandboxed too, and are refused on any other", async () => {
  const frames = `
    <iframe id="ticker" src="${origin}/?embed=ticker"></iframe>
    <iframe id="news" src="${origin}/?embed=news" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>`;
  host.setHtml(`<!DOCTYPE html><body>${frames}</body>`);
  const context = await recordingContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await page.frameLocator("#ticker").locator(".tw-tick").first().waitFor();
  await page.frameLocator("#news").locator("article h1").waitFor();
  for (const frame of page.frames()) {
    assert.deepEqual(await frame.evaluate(() => window.__violations), [], frame.url());
  }

  stranger.setHtml(`<!DOCTYPE html><body>${frames}</body>`);
  const refused = new Promise((resolve) =>
    page.on("console", (message) => /frame-ancestors/.test(message.text()) && resolve(message.text())),
  );
  await page.goto(stranger.url);
  assert.match(await refused, /violates the following Content Security Policy directive: "frame-ancestors/);
  // Once the host page and its frames have loaded, neither frame holds the app: the browser put
  // its error page in their place.
  await page.waitForLoadState("load");
  assert.deepEqual(page.frames().filter((frame) => frame.url().startsWith(origin)), []);
  await context.close();
});
