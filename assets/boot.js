// Starts the app. index.html's <meta name="tapewire-bundles"> names every bundle's files
// (Trunk writes the page's hashed names, scripts/hash-bundles the others'); loading from a file
// rather than an inline script lets the page run under a Content-Security-Policy without
// 'unsafe-inline'.
//
// A ticker embed and the embed builder load bundles of their own, much smaller than the whole
// app or needed by nobody else (src/bin/ticker.rs, src/bin/builder.rs).
const names = document.querySelector('meta[name="tapewire-bundles"]').dataset;
const query = new URLSearchParams(location.search);
const bundle = query.get("embed") === "ticker" ? "ticker" : query.get("view") === "builder" ? "builder" : "tapewire";
// The wasm downloads while the glue loads.
const module = fetch(new URL(names[`${bundle}Wasm`], document.baseURI));
// The page's styles (disabled in index.html) are for everything but the ticker embed; the app
// starts once they are in, so that nothing is drawn unstyled.
const styles = bundle === "ticker" ? [] : [...document.querySelectorAll("link[data-tapewire-page]")];
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
const init = (await import(names[`${bundle}Js`])).default;
await styled;
await init({ module_or_path: module });
