// Usage: node scripts/minify-names.cjs MAP.json NAME_bg.wasm NAME.js
//
// wasm-bindgen names every import and export of the wasm after what it binds
// (`__wbg_addEventListener_1c5b…`, `__wbindgen_malloc`): about 3 KB gzip of names in the ticker
// embed's wasm alone, spelled again in its JavaScript glue. `wasm-opt
// --minify-imports-and-exports-and-modules` renames them to one or two letters and prints the
// renaming (MAP.json: {"imports": [[module, old, new]…], "exports": [[old, new]…]}); this script
// makes the same renaming in the glue, which must still be wasm-bindgen's unminified output.
//
// The glue names imports as keys of its imports object and reads exports as `wasm.NAME`; both
// kinds of name are rewritten in one pass over the identifiers, so a new name can never be
// mistaken for an old one. It fails loudly when a name it was given is not found, or when the
// glue reads an export the wasm no longer has: a bundle that would fail at start-up.
"use strict";
const fs = require("fs");

const [mapFile, wasmFile, glueFile] = process.argv.slice(2);
if (!glueFile) {
  console.error("usage: minify-names.cjs MAP.json NAME_bg.wasm NAME.js");
  process.exit(2);
}
const map = JSON.parse(fs.readFileSync(mapFile, "utf8"));
const wasm = new WebAssembly.Module(fs.readFileSync(wasmFile));

const importNames = new Map(map.imports.map(([, old, name]) => [old, name]));
const exportNames = new Map(map.exports);
const unseen = new Set([...importNames.keys()]);
const fail = (message) => {
  console.error(`minify-names: ${glueFile}: ${message}`);
  process.exit(1);
};

let glue = fs.readFileSync(glueFile, "utf8");
glue = glue.replace(/(\bwasm\.)?\b([A-Za-z_$][\w$]*)/g, (whole, read, name) => {
  if (read) {
    const renamed = exportNames.get(name);
    if (renamed === undefined) fail(`reads wasm.${name}, which the wasm does not export`);
    return read + renamed;
  }
  const renamed = importNames.get(name);
  if (renamed === undefined) return whole;
  unseen.delete(name);
  return renamed;
});
if (unseen.size) fail(`imports not found in the glue: ${[...unseen].join(", ")}`);

// All imports now come from one module with a short name.
const modules = [...new Set(WebAssembly.Module.imports(wasm).map((i) => i.module))];
if (modules.length !== 1) fail(`expected one import module, found ${modules.join(", ") || "none"}`);
const newModule = JSON.stringify(modules[0]);
for (const old of new Set(map.imports.map(([from]) => from))) {
  const quoted = JSON.stringify(old);
  if (!glue.includes(quoted)) fail(`import module ${quoted} not found`);
  glue = glue.split(quoted).join(newModule);
}
fs.writeFileSync(glueFile, glue);
