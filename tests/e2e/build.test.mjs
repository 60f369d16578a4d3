// The release build's last steps (scripts/minify.mjs): the wasm's imports renamed in the wasm
// and in its glue, the JS and CSS minified, the integrity hashes updated. The end-to-end tests
// run the app built that way; these check the renaming on a module made here, and the built
// files against each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameInGlue, shortenImports } from '../../scripts/wasm-imports.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const bytes = (s) => [...new TextEncoder().encode(s)];
const name = (s) => [bytes(s).length, ...bytes(s)];
const leb = (n) => (n < 128 ? [n] : [(n % 128) | 128, ...leb(Math.floor(n / 128))]);
const section = (id, body) => [id, ...leb(body.length), ...body];

/** A module with one function type, four imports (three from the glue, one function from a
 *  snippet, a memory from the glue) and a custom section after them. */
function module() {
  const imports = [
    [...name('./app_bg.js'), ...name('__wbg_alert_0123456789abcdef'), 0, 0],
    [...name('./snippets/app-1/src/breaks.js'), ...name('segmentStarts'), 0, 0],
    [...name('./app_bg.js'), ...name('__wbindgen_throw_fedcba9876543210'), 0, 0],
    [...name('./app_bg.js'), ...name('memory'), 2, 0, 1],
  ];
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [imports.length, ...imports.flat()]),
    ...section(0, [...name('kept'), 1, 2, 3]),
  ]);
}

test("the glue's function imports get short names; other imports and sections stay", () => {
  const { wasm, renamed } = shortenImports(module());
  assert.deepEqual([...renamed], [
    ['__wbg_alert_0123456789abcdef', 'a'],
    ['__wbindgen_throw_fedcba9876543210', 'b'],
  ]);
  const m = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(m).map((i) => [i.module, i.name, i.kind]), [
    ['./app_bg.js', 'a', 'function'],
    ['./snippets/app-1/src/breaks.js', 'segmentStarts', 'function'],
    ['./app_bg.js', 'b', 'function'],
    ['./app_bg.js', 'memory', 'memory'],
  ]);
  assert.deepEqual(WebAssembly.Module.customSections(m, 'kept').map((b) => [...new Uint8Array(b)]), [[1, 2, 3]]);
});

test('the glue is renamed only where each import is named once', () => {
  const renamed = new Map([['__wbg_alert_0123456789abcdef', 'a']]);
  const glue = 'const i = { __proto__: null, __wbg_alert_0123456789abcdef: function(x) { alert(x); } };';
  assert.equal(renameInGlue(glue, renamed), 'const i = { __proto__: null, a: function(x) { alert(x); } };');
  assert.throws(() => renameInGlue('const i = {};', renamed), /occurs 0 times/);
  assert.throws(() => renameInGlue(`${glue} ${glue}`, renamed), /occurs 2 times/);
});

test('a module without imports from a glue is left alone', () => {
  const m = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, [1, 0x60, 0, 0])]);
  assert.equal(shortenImports(m), null);
});

test("the built page's wasm imports exactly what its glue provides, and its integrity hashes hold", async () => {
  const files = readdirSync(dist);
  const wasmFile = files.find((f) => /^article-annotator-.*_bg\.wasm$/.test(f));
  assert.ok(wasmFile, 'dist/ holds the page wasm (the suite runs on the release build)');
  const wasm = readFileSync(join(dist, wasmFile));
  const glue = readFileSync(join(dist, wasmFile.replace('_bg.wasm', '.js')), 'utf8');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm))
    .filter((i) => !i.module.startsWith('./snippets/'));
  assert.ok(imports.length > 100, `${imports.length} imports`);
  for (const i of imports) {
    assert.ok(i.name.length <= 2, `import ${i.name} was not shortened`);
    assert.match(glue, new RegExp(`[{,]${i.name.replace('$', '\\$')}:`), `the glue provides ${i.name}`);
  }
  assert.ok(!glue.includes('\n    '), 'the glue is minified');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const integrity = [...html.matchAll(/href="\/([^"]+)"[^>]*integrity="(sha384-[^"]+)"/g)];
  assert.ok(integrity.length >= 3, 'the CSS, the glue and the wasm are preloaded with integrity');
  for (const [, file, hash] of integrity) {
    const actual = `sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`;
    assert.equal(actual, hash, `integrity of ${file}`);
  }
});

test("the page's hashed names name the bytes they hold, after minifying", () => {
  const files = readdirSync(dist);
  const css = files.find((f) => /^main-[0-9a-f]{16}\.css$/.test(f));
  assert.ok(css, 'dist/ holds the stylesheet');
  const sha = (...names) => {
    const h = createHash('sha256');
    for (const n of names) h.update(readFileSync(join(dist, n)));
    return h.digest('hex').slice(0, 16);
  };
  assert.equal(css.slice('main-'.length, -'.css'.length), sha(css));
  const js = files.find((f) => /^article-annotator-[0-9a-f]{16}\.js$/.test(f));
  const token = js.slice('article-annotator-'.length, -'.js'.length);
  assert.equal(token, sha(js, `article-annotator-${token}_bg.wasm`));
  assert.ok(!readFileSync(join(dist, 'index.html'), 'utf8').includes('<!--'), 'no comments in the built index.html');
});

test("each worker's loader passes wasm-bindgen one object, not the deprecated path argument", () => {
  const loaders = readdirSync(dist).filter((f) => f.endsWith('_loader.js'));
  assert.equal(loaders.length, 4, 'the four workers have loaders');
  for (const f of loaders) {
    const text = readFileSync(join(dist, f), 'utf8');
    const wasm = f.replace(/_loader\.js$/, '_bg.wasm');
    assert.match(text, new RegExp(`wasm_bindgen\\(\\{\\s*module_or_path:\\s*"\\./${wasm.replace(/[.]/g, '\\.')}"\\s*\\}\\)`), f);
  }
});
