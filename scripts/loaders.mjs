// Trunk post-build hook step (scripts/post-build.mjs runs it first, in every profile): the
// workers' loader scripts (`data-loader-shim` in index.html) call wasm-bindgen's
// initialisation with the wasm's path as its one argument, `wasm_bindgen("./X_bg.wasm")`, which
// wasm-bindgen 0.2.93 and later deprecate: every worker start printed "using deprecated
// parameters for the initialization function; pass a single object instead" in the console.
// Trunk (0.21.14, and its main branch on 2026-12-06: `src/pipelines/rust/mod.rs`) still writes
// the shim that way, so each loader's call is rewritten to pass `{ module_or_path }`. A loader
// that does not read as expected fails the build: a later Trunk that writes it otherwise should
// be looked at, not guessed at.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('loaders: TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  process.exit(1);
}
const SHIM = /^importScripts\("\.\/([\w.-]+\.js)"\);wasm_bindgen\("\.\/([\w.-]+_bg\.wasm)"\);$/;
const loaders = readdirSync(dir).filter((name) => name.endsWith('_loader.js'));
for (const name of loaders) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8').trim();
  if (text.includes('module_or_path')) continue;
  const m = SHIM.exec(text);
  if (!m) {
    console.error(`loaders: ${name} is not the loader shim this script knows: ${JSON.stringify(text.slice(0, 200))}`);
    process.exit(1);
  }
  writeFileSync(path, `importScripts("./${m[1]}");wasm_bindgen({ module_or_path: "./${m[2]}" });\n`);
}
console.log(`loaders: ${loaders.length} worker loaders call wasm_bindgen with { module_or_path }`);
