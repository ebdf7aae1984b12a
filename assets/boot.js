// Starts the app. Trunk writes the hashed file names of the wasm-bindgen glue and the wasm
// into this script's data attributes; loading them from a file rather than an inline script
// lets the page run under a Content-Security-Policy without 'unsafe-inline'.
//
// A ticker embed and the embed builder load bundles of their own, much smaller than the whole
// app or needed by nobody else (scripts/build-bundles).
const script = document.querySelector("script[data-tapewire-js]");
const query = new URLSearchParams(location.search);
const own = query.get("embed") === "ticker" ? "ticker" : query.get("view") === "builder" ? "builder" : null;
const [js, wasm] = own
  ? [`./${own}.js`, `./${own}_bg.wasm`]
  : [script.dataset.tapewireJs, script.dataset.tapewireWasm];
// The wasm downloads while the glue loads.
const module = fetch(new URL(wasm, document.baseURI));
// The page's styles (disabled in index.html) are for everything but the ticker embed; the app
// starts once they are in, so that nothing is drawn unstyled.
const styles = own === "ticker" ? [] : [...document.querySelectorAll("link[data-tapewire-page]")];
const styled = Promise.all(
  styles.map((link) => {
    const loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
    link.disabled = false;
    return loaded;
  }),
);
const { default: init } = await import(js);
await styled;
await init({ module_or_path: module });
