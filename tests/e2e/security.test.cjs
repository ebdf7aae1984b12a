// The README's example server config (deploy/nginx.conf), run by a real nginx over dist/: its
// headers, and the page and its embeds working under its strict Content-Security-Policy.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { startHost, launchBrowser, freePort, DIST, ROOT } = require("./harness.cjs");

const NGINX = process.env.NGINX || "/usr/sbin/nginx";
const SEED_TITLE = "OKX: All issues affecting users have been or will be satisfactorily resolved";

let nginx;
let nginxDir;
let origin;
let host;
let stranger;
let browser;

/** deploy/nginx.conf with its three EDIT lines filled in, and paths of its own for a test run. */
function configure(port, embedder, dir) {
  let conf = fs.readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
  const edits = [
    [/listen 8080;/, `listen 127.0.0.1:${port};`],
    [/root \/srv\/tapewire;/, `root ${DIST};`],
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
  const conf = configure(port, host.url.slice(0, -1), dir);
  nginx = spawn(NGINX, ["-c", conf, "-g", `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;`], { stdio: "inherit" });
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
  assert.equal(feed.headers.get("cache-control"), "no-cache");
  assert.ok(feed.headers.get("etag"), "an ETag to revalidate against");
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
