// Usage: node scripts/drop-classes.cjs NAME_bg.wasm NAME.js [WASM-OPT FEATURE FLAGS…]
//
// Leptos depends on server_fn, which exports three classes through wasm-bindgen (wasm_streams'
// IntoUnderlyingSource, IntoUnderlyingSink, IntoUnderlyingByteSource) whatever the app uses:
// their methods are wasm exports, so no optimiser may drop them or the stream code behind them.
// Tapewire exports no class of its own (boot.js calls the glue's init and nothing else), so this
// script drops every exported class from the glue, every wasm export that only those classes
// called, the code and imports nothing else reaches (wasm-opt), and the glue's functions for
// the imports gone with them. Run wasm-opt's size passes after it.
//
// It fails loudly when what remains of the glue still names a dropped class or export, so a
// bundle that would fail at start-up is never written. Run it on wasm-bindgen's unminified
// output, before scripts/minify-names.cjs.
"use strict";
const fs = require("fs");
const { execFileSync } = require("child_process");

const [wasmFile, glueFile, ...features] = process.argv.slice(2);
if (!glueFile) {
  console.error("usage: drop-classes.cjs NAME_bg.wasm NAME.js [WASM-OPT FEATURE FLAGS…]");
  process.exit(2);
}
const fail = (message) => {
  console.error(`drop-classes: ${glueFile}: ${message}`);
  process.exit(1);
};

let glue = fs.readFileSync(glueFile, "utf8");
const classes = [...glue.matchAll(/^export class (\w+) \{\n[\s\S]*?\n\}\n/gm)];
if (!classes.length) process.exit(0);

const dropped = { classes: new Set(), exports: new Set() };
const cut = (text) => {
  for (const [, name] of text.matchAll(/\bwasm\.(\w+)/g)) dropped.exports.add(name);
  return "";
};
for (const [whole, name] of classes) {
  dropped.classes.add(name);
  glue = glue.replace(whole, cut);
  glue = glue.replace(`if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`, "");
  glue = glue.replace(new RegExp(`^const ${name}Finalization = [\\s\\S]*?;\\n`, "m"), cut);
}
for (const name of dropped.classes) {
  if (new RegExp(`\\b${name}\\b`).test(glue)) fail(`class ${name} is still named after dropping it`);
}
const kept = new Set([...glue.matchAll(/\bwasm\.(\w+)/g)].map(([, name]) => name));
for (const name of kept) dropped.exports.delete(name);

const before = fs.readFileSync(wasmFile);
const exportNames = WebAssembly.Module.exports(new WebAssembly.Module(before)).map((e) => e.name);
for (const name of dropped.exports) {
  if (!exportNames.includes(name)) fail(`the classes read wasm.${name}, which the wasm does not export`);
}
fs.writeFileSync(wasmFile, withoutExports(before, dropped.exports));
// What only the dropped exports reached goes, and so do the imports nothing calls any more.
// (wasm-metadce would do both, but reorders the functions: 3 KB gzip worse.)
execFileSync("wasm-opt", [...features, "--remove-unused-module-elements", wasmFile, "-o", wasmFile], {
  stdio: "inherit",
});

// The imports object lists one function per import, each starting on a line of its own:
// `        __wbg_NAME_HASH: function(…) {`. Those the wasm no longer imports go.
const imported = new Set(WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile))).map((i) => i.name));
const entry = /^ {8}(\w+): function\b/;
const lines = glue.split("\n");
const out = [];
let skipping = false;
for (const line of lines) {
  const start = line.match(entry);
  if (start) skipping = !imported.has(start[1]);
  else if (skipping && /^ {4}\S/.test(line)) skipping = false;
  if (!skipping) out.push(line);
}
glue = out.join("\n");
for (const name of imported) {
  if (!new RegExp(`^ {8}${name}: function\\b`, "m").test(glue)) fail(`import ${name} has no function in the glue`);
}
fs.writeFileSync(glueFile, glue);

/** The wasm module `bytes` with the export section's entries named in `names` left out. */
function withoutExports(bytes, names) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  const encode = (value) => {
    const out = [];
    do {
      let byte = value & 0x7f;
      value = Math.floor(value / 128);
      if (value) byte |= 0x80;
      out.push(byte);
    } while (value);
    return Buffer.from(out);
  };
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(bytes.subarray(at, end));
    } else {
      let [count, p] = leb(body);
      const kept = [];
      for (; count > 0; count--) {
        const [length, name] = leb(p);
        const text = bytes.subarray(name, name + length).toString("utf8");
        const [, next] = leb(name + length + 1);
        if (!names.has(text)) kept.push(bytes.subarray(p, next));
        p = next;
      }
      const section = Buffer.concat([encode(kept.length), ...kept]);
      parts.push(Buffer.from([7]), encode(section.length), section);
    }
    at = end;
  }
  return Buffer.concat(parts);
}
