// Where a bundle's bytes go: its wasm, optimised as the release build does but with the
// function names kept, measured by twiggy and summed per crate (shallow sizes, before gzip).
// Usage: node bench/crates.cjs NAME.wasm [rows]   (scripts/bench runs it for each bundle)
"use strict";

const { execFileSync } = require("node:child_process");

const [wasm, rows = "16"] = process.argv.slice(2);
const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", wasm], { maxBuffer: 1 << 28 }).toString();
const sizes = new Map();
for (const line of csv.split("\n").slice(1)) {
  // Name,ShallowSize,ShallowSizePercent,... where a name may hold commas inside quotes.
  const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!match) continue;
  const name = match[1].replace(/^"|"$/g, "").replace(/""/g, '"');
  if (name.startsWith('"function names"') || name.startsWith("custom section")) continue;
  sizes.set(crateOf(name), (sizes.get(crateOf(name)) || 0) + Number(match[2]));
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0);
console.log(`| ${wasm.split("/").pop()}: crate | KB (of ${(total / 1024).toFixed(1)}) |`);
console.log("|---|---|");
for (const [crate, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
  console.log(`| ${crate} | ${(size / 1024).toFixed(1)} |`);
}

/** `tachys::view::…`, `<T as tachys::…>`, `data segment …`: the crate (the first path's), or
 * what the item is. */
function crateOf(name) {
  if (name.startsWith("data segment")) return "data (strings, tables)";
  const path = name.match(/([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (path) return path[1];
  if (/^<(&(mut )?)?(char|str|u8|u16|u32|u64|usize|i32|i64|isize|f64|bool)\b/.test(name)) return "core";
  if (/^into_?underlying/.test(name)) return "wasm_streams (server_fn's exports)";
  return name.startsWith("import") || name.startsWith("export") || name.startsWith("elem") || name.startsWith("table") ? "imports, exports, tables" : "other";
}
