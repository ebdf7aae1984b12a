// One face for the three browser engines readers use, for the scenarios every engine must pass
// (engines.test.cjs): Chromium through playwright-core, Firefox (Debian's firefox-esr) through
// puppeteer-core over WebDriver BiDi, and WebKit (WebKitGTK's MiniBrowser) through
// selenium-webdriver and WebKitWebDriver, on an Xvfb display of its own. Nothing is downloaded:
// every browser is the machine's (scripts/install).
//
// A tab offers what the scenarios need: evaluate a function in the page (or in one of its
// frames), wait for a condition in it, press a key, click, reload, and read what the page said
// on the console (the server's recorder, harness.cjs: WebKit's driver has no console).
"use strict";

const { spawn } = require("node:child_process");
const net = require("node:net");
const { launchBrowser, freePort } = require("./harness.cjs");

/** The engines, by the name tests use. */
const ENGINES = ["chromium", "firefox", "webkit"];
/** Waits for a condition end after this long: generous, for a 2-core machine under load. */
const WAIT_MS = 60_000;
/** The zone and language every engine reads the page in, as the Chromium tests do. */
const ZONE = "Asia/Shanghai";

const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/**
 * Starts `name` with the reader's language `lang` (a POSIX locale name: WebKit takes the
 * reader's locale from it); resolves to `{ name, open(url, options), close() }`.
 */
async function launchEngine(name, { lang = "en_US.UTF-8" } = {}) {
  if (name === "chromium") return launchChromium(lang);
  if (name === "firefox") return launchFirefox(lang);
  if (name === "webkit") return launchWebKit(lang);
  throw new Error(`no engine ${name}`);
}

/** Resolves to `check()`'s truthy value once it has one; fails, saying `what`, after a while. */
async function until(check, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What every tab does the same way, given `evaluate(fn, arg)` and `inFrame(selector, fn, arg)`. */
function withWaits(tab) {
  return Object.assign(tab, {
    /** Resolves to `fn(arg)`'s truthy value in the page once it has one. */
    waitFor: (fn, arg, what) => until(() => tab.evaluate(fn, arg), `${what} (${tab.engine})`),
    /** The same in the frame that `selector` finds. */
    waitInFrame: (selector, fn, arg, what) => until(() => tab.inFrame(selector, fn, arg), `${what} (${tab.engine})`),
    /** What the page said on the console, and its uncaught errors: `[{ kind, text }]`. */
    log: () => tab.evaluate(() => window.__tapewireLog()),
  });
}

/** Turns a locale name (`en_US.UTF-8`, `C.UTF-8`) into a BCP 47 tag for engines that want one. */
function languageTag(lang) {
  const [language] = lang.split(".");
  return language === "C" || language === "POSIX" ? "en-US-u-va-posix" : language.replace("_", "-");
}

/** A tab on a Playwright (Chromium) or Puppeteer (Firefox) page: their calls are alike. */
function pageTab(engine, page, close) {
  const frameOf = async (selector) => (await page.$(selector)).contentFrame();
  return withWaits({
    engine,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    inFrame: async (selector, fn, arg) => (await frameOf(selector)).evaluate(fn, arg),
    focus: (selector) => page.focus(selector),
    press: (key) => page.keyboard.press(key),
    click: (selector) => page.click(selector),
    reload: () => page.reload(),
    close,
  });
}

async function launchChromium(lang) {
  const browser = await launchBrowser();
  return {
    name: "chromium",
    async open(url, { width = 1024, height = 768 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale: languageTag(lang), timezoneId: ZONE });
      const page = await context.newPage();
      await page.goto(url);
      return pageTab("chromium", page, () => context.close());
    },
    close: () => browser.close(),
  };
}

async function launchFirefox(lang) {
  const puppeteer = require("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    env: { ...process.env, LANG: lang, TZ: ZONE },
    extraPrefsFirefox: { "intl.locale.requested": languageTag(lang), "intl.accept_languages": languageTag(lang) },
  });
  return {
    name: "firefox",
    async open(url, { width = 1024, height = 768 } = {}) {
      // A context of its own: its own storage, as a new reader's.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      await page.goto(url);
      return pageTab("firefox", page, () => context.close());
    },
    close: () => browser.close(),
  };
}

async function launchWebKit(lang) {
  const { Builder, By, Key } = require("selenium-webdriver");
  const display = await startXvfb();
  const keys = { Enter: Key.ENTER, Tab: Key.TAB };
  const tabs = new Set();
  const env = { ...process.env, DISPLAY: display.name, LANG: lang, LC_ALL: "", TZ: ZONE };
  return {
    name: "webkit",
    async open(url, { width = 1024, height = 768 } = {}) {
      // A session is a browser window of its own, with its own storage.
      const { driver, stop } = await webKitSession(env, Builder);
      // A load or a script that never ends fails its command instead of holding the test (the
      // driver's own default for a load is 300 s).
      await driver.manage().setTimeouts({ pageLoad: WAIT_MS, script: WAIT_MS });
      // The window's inside is the viewport; MiniBrowser's toolbar keeps it at least ~447 px wide.
      await driver.manage().window().setRect({ x: 0, y: 0, width, height });
      await driver.get(url);
      const run = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg === undefined ? null : arg);
      const tab = withWaits({
        engine: "webkit",
        evaluate: run,
        async inFrame(selector, fn, arg) {
          await driver.switchTo().frame(await driver.findElement(By.css(selector)));
          try {
            return await run(fn, arg);
          } finally {
            await driver.switchTo().defaultContent();
          }
        },
        focus: (selector) => run((s) => document.querySelector(s).focus(), selector),
        press: (key) => driver.actions().sendKeys(keys[key] ?? key).perform(),
        click: async (selector) => (await driver.findElement(By.css(selector))).click(),
        reload: () => driver.navigate().refresh(),
        async close() {
          tabs.delete(tab);
          await driver.quit().catch(() => {});
          await stop();
        },
      });
      tabs.add(tab);
      return tab;
    },
    async close() {
      await Promise.all([...tabs].map((tab) => tab.close()));
      await display.stop();
    },
  };
}

/** How long a new WebKit session may take to start before it is tried again. */
const SESSION_START_MS = 30_000;

/**
 * A WebKit session with a WebKitWebDriver of its own: `{ driver, stop() }`. Now and then, on a
 * busy machine, the driver never answers a new-session request (MiniBrowser does not come up);
 * that driver is then stopped, with its browser, and a new one tried, three times at most.
 */
async function webKitSession(env, Builder) {
  const failures = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // A process group of its own, so that stopping it stops the MiniBrowser it started too.
    const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    const said = [];
    driverProcess.stderr.on("data", (chunk) => said.push(chunk.toString()));
    const exited = new Promise((resolve) => driverProcess.once("exit", resolve));
    const stop = async () => {
      try {
        process.kill(-driverProcess.pid, "SIGKILL");
      } catch {
        // Gone already.
      }
      await exited;
    };
    await waitForPort(port, () => said.join(""));
    const starting = new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      })
      .build();
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, SESSION_START_MS, null)));
    const driver = await Promise.race([starting.catch((error) => error), late]);
    clearTimeout(timer);
    if (driver && !(driver instanceof Error)) return { driver, stop };
    failures.push(driver ? driver.message : `no session after ${SESSION_START_MS / 1000} s ${said.join("").trim()}`);
    console.error(`webkit: ${failures.at(-1)}; trying a new driver`);
    await stop();
  }
  throw new Error(`WebKit would not start: ${failures.join("; ")}`);
}

/** An X display of its own for WebKit (it cannot run headless): `{ name, stop() }`. */
async function startXvfb() {
  // Xvfb picks a free display and writes its number to the file descriptor it is given.
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const errors = [];
  xvfb.stderr.on("data", (chunk) => errors.push(chunk.toString()));
  const number = await new Promise((resolve, reject) => {
    let out = "";
    xvfb.stdio[3].on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve(out.trim());
    });
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${errors.join("")}`)));
  });
  return {
    name: `:${number}`,
    async stop() {
      const exited = new Promise((resolve) => xvfb.once("exit", resolve));
      xvfb.kill();
      await exited;
    },
  };
}

/** Resolves once something listens on `port`; fails after a while with what `said` returns. */
async function waitForPort(port, said) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.end(() => resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not listen on ${port}: ${said()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = { ENGINES, launchEngine, ZONE };
