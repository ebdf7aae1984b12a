// Starts the app. Trunk writes the hashed file names of the wasm-bindgen glue and the wasm
// into this script's data attributes; loading them from a file rather than an inline script
// lets the page run under a Content-Security-Policy without 'unsafe-inline'.
const script = document.querySelector("script[data-tapewire-js]");
const { default: init } = await import(script.dataset.tapewireJs);
await init({ module_or_path: script.dataset.tapewireWasm });
