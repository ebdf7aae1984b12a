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
const { default: init } = await import(js);
await init({ module_or_path: module });
