// The benchmark: builds the release app, serves dist/ on loopback, drives headless Chromium and
// prints medians (with min and max) of our figures next to the peers' figures, measured in the
// same run on the same articles and annotations. See BENCHMARKS.md.
//
//   node bench/run.mjs [--runs=5] [--no-build] [--no-criterion] [--quick] [--only=hostile]
//                      [--words=100000] [--counts=0,2000] [--trace] [--profile]
// --words and --counts pick cases; --trace also prints where the main thread's time goes
// (self time by trace event, from a Chromium trace) during one load and one tag of each case;
// --profile prints the functions with the most self time (V8's sampling profiler) there, and
// in ten tags and six panel searches, which names Rust functions only in a build that keeps
// them (see BENCHMARKS.md); PROFILE_OUT=<dir> keeps each profile. With --trace,
// TRACE_DUMP=<path prefix> also writes each traced step's events (with the JS stacks of forced
// layouts) to <prefix><label>.json.
import { createServer } from 'node:http';
import { readFile, readdir, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir, cpus } from 'node:os';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as Z } from 'node:zlib';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import { makeArticle, makeAnnotations, articleRecord, selectors, sampleBlocks } from './gen.mjs';
import { hostileFiles, hostileOnce, writeHostileFiles } from './hostile.mjs';
import { selfTimes } from './trace-self.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
// BENCH_DIST serves another build, e.g. one with function names kept for --profile.
const DIST = process.env.BENCH_DIST || join(ROOT, 'dist');
const BUILD = join(BENCH, '.build');

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const QUICK = !!args.quick;
const RUNS = Number(args.runs ?? (QUICK ? 2 : 5));
const list = (v) => String(v).split(',').map(Number);
const WORDS = args.words ? list(args.words) : QUICK ? [20_000] : [20_000, 100_000];
const COUNTS = args.counts ? list(args.counts) : QUICK ? [0, 500] : [0, 500, 2_000];
const TRACE = !!args.trace;
const PROFILE = !!args.profile;
// `--only=hostile` runs the bundle sizes and the hostile files alone; `--only=extract` the
// bundle sizes and the extraction of a 5,000-word news page; `--only=suggest` the bundle sizes
// and the suggester on a 5,000- and a 100,000-word article, and the latter with no line breaks;
// `--only=main` the bundle sizes, the cold load and the load, tag, panel, export and import cases.
const ONLY = args.only ?? null;
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

const log = (...m) => console.error('·', ...m);

// ---------------------------------------------------------------------------------------------
// Statistics and the table.

/** Median, min and max of the measured runs (the warm-up is not in `xs`). */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Runs `once` 1 + RUNS times (the first is the warm-up) and returns the stats of the rest. */
async function measure(once, runs = RUNS) {
  const xs = [];
  for (let i = 0; i <= runs; i++) {
    const x = await once(i);
    if (i > 0 && x != null) xs.push(x);
  }
  return xs.length ? stats(xs) : null;
}

const rows = [];
const targets = [];

function fmt(s, unit) {
  if (s == null) return 'n/a';
  if (typeof s === 'string') return s;
  const f = (x) => unit === 'ms' ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0))
    : unit === 'KB' ? (x / 1024).toFixed(1) : unit === 'MB' ? (x / 1048576).toFixed(1) : String(x);
  if (typeof s === 'number') return `${f(s)}`;
  if (s.min === s.max) return f(s.median);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** A table row: our figure and the peer's (stats or numbers), ratio ours/peer of medians. */
function row(section, what, unit, ours, peerName, peer, note = '') {
  const m = (x) => (x == null || typeof x === 'string' ? null : typeof x === 'number' ? x : x.median);
  const ratio = m(ours) != null && m(peer) != null && m(peer) > 0 ? (m(ours) / m(peer)).toFixed(2) : '';
  const faster = ratio === '' ? '' : m(ours) < m(peer) ? 'yes' : 'NO';
  rows.push({ section, what, unit, ours: fmt(ours, unit), peerName: peerName ?? '', peer: fmt(peer, unit), ratio, faster, note });
}

function target(name, limit, unit, value, reason = '') {
  const v = value == null ? null : typeof value === 'number' ? value : value.median;
  const met = v == null ? 'NOT MEASURED' : v <= limit ? 'met' : 'MISSED';
  targets.push({ name, limit: `≤ ${unit === 'KB' ? (limit / 1024).toFixed(0) : limit} ${unit}`, value: v == null ? 'n/a' : fmt(v, unit) + ' ' + unit, met, reason });
}

function printTable() {
  const head = ['section', 'measure', 'unit', 'ours: median (min–max)', 'peer', 'peer: median (min–max)', 'ours/peer', 'faster', 'note'];
  const body = rows.map((r) => [r.section, r.what, r.unit, r.ours, r.peerName, r.peer, r.ratio, r.faster, r.note]);
  const out = [];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  out.push(line(head), line(head.map(() => '---')), ...body.map(line));
  out.push('', line(['target', 'limit', 'measured (median)', 'result', 'why']), line(['---', '---', '---', '---', '---']));
  for (const t of targets) out.push(line([t.name, t.limit, t.value, t.met, t.reason]));
  const slower = rows.filter((r) => r.faster === 'NO').map((r) => `${r.section}: ${r.what}`);
  const compared = rows.filter((r) => r.faster !== '').length;
  out.push('', `Every row faster than the peer: ${slower.length === 0 ? 'met' : 'MISSED'} (${compared - slower.length} of ${compared} compared rows faster${slower.length ? '; slower: ' + slower.join('; ') : ''}).`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Build, bundle, serve.

function run(cmd, argv, opts = {}) {
  log(cmd, argv.join(' '));
  execFileSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

async function bundlePeers() {
  await mkdir(BUILD, { recursive: true });
  await writeFile(join(BUILD, 'sample-blocks.json'), JSON.stringify(sampleBlocks()));
  await esbuild.build({
    entryPoints: [join(BENCH, 'peers.entry.js')], bundle: true, minify: true, format: 'iife',
    outfile: join(BUILD, 'peers.js'), logLevel: 'warning',
  });
  // What a user of Recogito ships: the library alone (JS + CSS), minified.
  await esbuild.build({
    stdin: { contents: "export { createTextAnnotator } from '@recogito/text-annotator'; import '@recogito/text-annotator/text-annotator.css';", resolveDir: BENCH, loader: 'js' },
    bundle: true, minify: true, format: 'esm', outfile: join(BUILD, 'recogito-only.js'), logLevel: 'warning',
  });
  await esbuild.build({
    stdin: { contents: "export { toRange } from 'dom-anchor-text-quote';", resolveDir: BENCH, loader: 'js' },
    bundle: true, minify: true, format: 'esm', outfile: join(BUILD, 'text-quote-only.js'), logLevel: 'warning',
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

/** dist/ at /, the peers' page and bundles at /bench/. */
async function serve() {
  const server = createServer(async (req, res) => {
    try {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      let file;
      if (path === '/bench/peer.html') file = join(BENCH, 'peer.html');
      else if (path.startsWith('/bench/')) file = join(BUILD, path.slice('/bench/'.length));
      else file = join(DIST, path.endsWith('/') ? join(path, 'index.html') : path);
      if (!file.startsWith(DIST) && !file.startsWith(BENCH)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

async function launch() {
  return chromium.launch({
    executablePath: CHROME,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--enable-precise-memory-info'],
  });
}

const PROBE = readFileSync(join(BENCH, 'page-probe.js'), 'utf8');

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(PROBE);
  return { context, page, errors };
}

// ---------------------------------------------------------------------------------------------
// Sections.

async function bundleSizes() {
  const files = await readdir(DIST);
  const size = (buf) => ({
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, { params: { [Z.BROTLI_PARAM_QUALITY]: 11, [Z.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  });
  const sum = { raw: 0, gzip: 0, br: 0 };
  // The page loads the main wasm, its JS and the CSS; the background worker's files
  // (annotator-worker*) load only on the first import, export or text replacement, and the
  // extractor's (annotator-extractor*) when the New article dialog opens, the suggester's when an
  // article is shown, the syncer's (annotator-syncer*) only once a sync connection is set.
  const isWorker = (f) => f.startsWith('annotator-worker');
  const isExtractor = (f) => f.startsWith('annotator-extractor');
  const isSuggester = (f) => f.startsWith('annotator-suggester');
  const isSyncer = (f) => f.startsWith('annotator-syncer');
  const kinds = [['wasm', '.wasm'], ['JS', '.js'], ['CSS', '.css']];
  for (const [name, ext] of kinds) {
    const s = { raw: 0, gzip: 0, br: 0 };
    for (const f of files.filter((f) => extname(f) === ext && !isWorker(f) && !isExtractor(f) && !isSuggester(f) && !isSyncer(f))) {
      const z = size(await readFile(join(DIST, f)));
      for (const k in s) s[k] += z[k];
    }
    for (const k in sum) sum[k] += s[k];
    row('bundle', `${name} raw / gzip / brotli`, 'KB', `${fmt(s.raw, 'KB')} / ${fmt(s.gzip, 'KB')} / ${fmt(s.br, 'KB')}`, '', null, 'loaded by the page');
  }
  for (const [who, is, when] of [['worker', isWorker, 'loaded on first use'], ['extractor', isExtractor, 'loaded when New article opens'], ['suggester', isSuggester, 'loaded when an article is shown'], ['syncer', isSyncer, 'loaded once a sync connection is set']]) {
    for (const [name, ext] of [[`${who} wasm`, '.wasm'], [`${who} JS (+ loader)`, '.js']]) {
      const s = { raw: 0, gzip: 0, br: 0 };
      for (const f of files.filter((f) => extname(f) === ext && is(f))) {
        const z = size(await readFile(join(DIST, f)));
        for (const k in s) s[k] += z[k];
      }
      row('bundle', `${name} raw / gzip / brotli`, 'KB', `${fmt(s.raw, 'KB')} / ${fmt(s.gzip, 'KB')} / ${fmt(s.br, 'KB')}`, '', null, when);
    }
  }
  const peer = size(Buffer.concat([await readFile(join(BUILD, 'recogito-only.js')), await readFile(join(BUILD, 'recogito-only.css'))]));
  const tq = size(await readFile(join(BUILD, 'text-quote-only.js')));
  row('bundle', 'page total wasm + JS + CSS, raw', 'KB', sum.raw, 'Recogito (JS + CSS, minified)', peer.raw, 'peer is a library, not an app');
  row('bundle', 'page total wasm + JS + CSS, gzip', 'KB', sum.gzip, 'Recogito (JS + CSS, minified)', peer.gzip, 'peer is a library, not an app');
  row('bundle', 'page total wasm + JS + CSS, brotli', 'KB', sum.br, 'Recogito (JS + CSS, minified)', peer.br, 'peer is a library, not an app');
  row('bundle', 'dom-anchor-text-quote alone, gzip', 'KB', null, 'dom-anchor-text-quote (minified)', tq.gzip, 'for scale');
  const floor = await yewFloor(size, false);
  const infra = await yewFloor(size, true);
  row('bundle', 'smallest Yew app (a counter), same profile, wasm + JS, gzip', 'KB', floor ? floor.gzip : 'not built', '', null,
    'bench/yew-floor: the floor under any Yew app');
  row('bundle', '… plus one use each of serde_json, idb, uuid, time, gloo, wasm + JS, gzip', 'KB', infra ? infra.gzip : 'not built', '', null,
    'bench/yew-floor --features infra: the crates every part of the app stands on');
  target('page transfer (main wasm + JS + CSS), gzip', 150 * 1024, 'KB', sum.gzip,
    floor && infra ? `a Yew counter alone is ${fmt(floor.gzip, 'KB')} KB gzip, ${fmt(infra.gzip, 'KB')} KB with the crates the app stands on (bench/yew-floor); see BENCHMARKS.md` : '');
}

/**
 * Builds bench/yew-floor as the app is built (release profile, wasm-bindgen, wasm-opt -Oz);
 * with `infra`, with its feature that uses the app's base crates once each.
 */
async function yewFloor(size, infra) {
  const dir = join(BENCH, 'yew-floor');
  const target = join(BUILD, 'yew-floor');
  try {
    run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', ...(infra ? ['--features', 'infra'] : [])], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: target } });
    const out = join(target, 'out');
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, join(target, 'wasm32-unknown-unknown', 'release', 'yew-floor.wasm')]);
    run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, join(out, 'yew-floor_bg.wasm'), '-o', join(out, 'opt.wasm')]);
    const a = size(await readFile(join(out, 'opt.wasm')));
    const b = size(await readFile(join(out, 'yew-floor.js')));
    return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, br: a.br + b.br };
  } catch (e) {
    log('yew-floor not built:', e.message.split('\n')[0]);
    return null;
  }
}

/** The wasm-opt flags of the page in index.html: its features (rustc 1.95 emits bulk memory and the rest) and passes. */
const WASM_OPT_FEATURES = (readFileSync(join(ROOT, 'index.html'), 'utf8').match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);

/** Builds bench/anchor-wasm (the app's anchoring alone, for timing in Chromium). */
function buildAnchorWasm() {
  const dir = join(BENCH, 'anchor-wasm');
  const target = join(BUILD, 'anchor-wasm');
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown'], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: target } });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', join(BUILD, 'anchor'), join(target, 'wasm32-unknown-unknown', 'release', 'anchor_wasm.wasm')]);
}

/** Our anchoring in Chromium (wasm): the same selectors and hints as the peer's. */
async function anchorOurs(browser, url, c) {
  const { context, page } = await newPage(browser);
  await page.goto(url + 'bench/peer.html');
  await page.evaluate(async ({ text, sels }) => {
    const m = await import('/bench/anchor/anchor_wasm.js');
    await m.default();
    window.__anchorCase = new m.Case(text, JSON.stringify(sels));
  }, { text: c.article.text, sels: c.sels });
  const res = await measure(() => page.evaluate((n) => {
    const t0 = performance.now();
    const found = window.__anchorCase.anchor_all(7);
    const t = performance.now() - t0;
    if (found !== n) throw new Error(`anchored ${found} of ${n}:\n${window.__anchorCase.misses(7)}`);
    return t;
  }, c.sels.length));
  await context.close();
  return res;
}

async function coldLoad(browser, url) {
  // Where the cold load goes: when the last byte of the wasm arrived, when the app was started
  // (the wasm compiled and instantiated, `main` run), and the rest until painted.
  const parts = { fetched: [], started: [] };
  const ours = await measure(async (i) => {
    const { context, page } = await newPage(browser);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.articlePainted && window.__bench.startedAt, null, { timeout: 30000 });
    const t = await page.evaluate(() => window.__bench.articlePainted);
    const p = await page.evaluate(() => ({
      fetched: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.responseEnd,
      started: window.__bench.startedAt,
    }));
    if (i > 0) { parts.fetched.push(p.fetched); parts.started.push(p.started); }
    await context.close();
    return t;
  });
  const peer = await measure(async () => {
    const { context, page } = await newPage(browser);
    await page.goto(url + 'bench/peer.html#cold');
    await page.waitForFunction(() => window.__coldPainted, null, { timeout: 30000 });
    const t = await page.evaluate(() => window.__coldPainted);
    await context.close();
    return t;
  });
  row('cold load', 'navigation start → sample article painted', 'ms', ours, 'Recogito page', peer, 'new browser context per run (empty cache)');
  row('cold load', '… of which: navigation start → wasm downloaded', 'ms', stats(parts.fetched), '', null, 'uncompressed, on loopback');
  row('cold load', '… of which: navigation start → app started (wasm compiled and instantiated, main run)', 'ms', stats(parts.started), '', null, 'the TrunkApplicationStarted event');
  target('sample article painted after navigation', 300, 'ms', ours);
}

/** The peers on one case: Recogito loading + painting N highlights, adding one, selecting one. */
async function peerCase(browser, url, c) {
  const { context, page } = await newPage(browser);
  await page.goto(url + 'bench/peer.html');
  await page.waitForFunction(() => window.Peers);
  await page.evaluate(({ blocks, sels }) => { window.__case = { blocks, sels }; }, { blocks: c.article.blocks, sels: c.sels });
  // Load: navigation start → the article and its highlights painted, read from IndexedDB.
  await page.evaluate(({ blocks, sels }) => new Promise((res, rej) => {
    const req = indexedDB.open('peer-bench', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('cases');
    req.onsuccess = () => {
      const tx = req.result.transaction('cases', 'readwrite');
      tx.objectStore('cases').put({ blocks, sels }, 'case');
      tx.oncomplete = () => { req.result.close(); res(); };
      tx.onerror = () => rej(tx.error);
    };
  }), { blocks: c.article.blocks, sels: c.sels });
  let loads = 0;
  const load = await measure(async () => {
    await page.goto(`${url}bench/peer.html?load=${++loads}#load`);
    await page.waitForFunction(() => window.__loadPainted, null, { timeout: 60000 });
    return page.evaluate(() => window.__loadPainted);
  });
  // Adding one annotation on a plain stretch of text in the middle of the article.
  const add = await measure((i) => page.evaluate(async (i) => {
    const { Peers, anno } = window;
    const ps = document.querySelectorAll('article p');
    const p = ps[(ps.length >> 1) + i * 3];
    p.scrollIntoView({ block: 'center' });
    await new Promise((r) => setTimeout(r, 200));
    await Peers.probe.afterPaint();
    // Offsets of the paragraph in the article's text.
    const r0 = document.createRange();
    r0.setStart(document.querySelector('article'), 0);
    r0.setEnd(p.firstChild, 0);
    const start = r0.toString().length;
    const id = `new-${i}`;
    const t0 = performance.now();
    anno.addAnnotation(Peers.toRecogito({ id, start, end: start + 12, quote: { exact: p.textContent.slice(0, 12) } }));
    await new Promise((r) => {
      const check = () => (document.querySelector(`.r6o-annotation[data-annotation="${id}"]`) ? r() : requestAnimationFrame(check));
      check();
    });
    return (await Peers.probe.afterPaint()) - t0;
  }, i));
  let heap = null;
  if (c.largest) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  }
  await context.close();
  return { load, add, heap };
}

/** Hypothesis-style anchoring: dom-anchor-text-quote's toRange on every quote selector. */
async function anchorPeer(browser, url, c) {
  const { context, page } = await newPage(browser);
  await page.goto(url + 'bench/peer.html');
  await page.waitForFunction(() => window.Peers);
  await page.evaluate(({ blocks, sels }) => { window.__case = { blocks, sels }; window.Peers.renderArticle(blocks); }, { blocks: c.article.blocks, sels: c.sels });
  const res = await measure(() => page.evaluate(() => {
    const { Peers, __case: k } = window;
    const root = document.querySelector('article');
    const t0 = performance.now();
    let found = 0;
    for (const s of k.sels) if (Peers.textQuote.toRange(root, s.quote, { hint: s.start + 7 })) found++;
    const t = performance.now() - t0;
    if (found !== k.sels.length) throw new Error(`anchored ${found} of ${k.sels.length}`);
    return t;
  }), Math.min(RUNS, c.article.words > 50_000 ? 2 : 3));
  await context.close();
  return res;
}

// ---- The app with stored articles. -----------------------------------------------------------

/** Writes the article and its annotations into the app's IndexedDB (which the app created). */
async function seed(page, article, anns) {
  await page.evaluate(async ({ article, anns }) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('article-annotator'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const names = ['articles', 'annotations'].filter((n) => db.objectStoreNames.contains(n));
    if (names.length < 2) { db.close(); throw new Error('the app has not created its stores'); }
    await new Promise((res, rej) => {
      const tx = db.transaction(names, 'readwrite');
      tx.objectStore('articles').clear();
      tx.objectStore('annotations').clear();
      tx.objectStore('articles').put(article);
      for (const a of anns) tx.objectStore('annotations').put(a);
      tx.oncomplete = res; tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, { article, anns });
}

/**
 * Runs `fn` under a Chromium trace and prints the renderer main thread's self time by event
 * name (script, style, layout, paint…), largest first. For finding where the time goes; the
 * table's figures are never taken under a trace.
 */
async function traced(browser, page, label, fn) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'disabled-by-default-devtools.timeline.stack'] });
  const r = await fn();
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  if (process.env.TRACE_DUMP) writeFileSync(process.env.TRACE_DUMP + label.replace(/[^\w]+/g, '-') + '.json', JSON.stringify({ r, events }));
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let xs = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // A tag returns its duration: keep only the events from its key press on, for that long.
  const key = xs.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (key && typeof r === 'number') xs = xs.filter((e) => e.ts >= key.ts && e.ts < key.ts + r * 1000);
  const self = selfTimes(xs);
  const top = [...self].filter(([, d]) => d > 100).sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.error(`trace ${label}: ` + top.map(([n, d]) => `${n} ${(d / 1000).toFixed(1)} ms`).join(', '));
  return r;
}

/**
 * Runs `fn` under V8's CPU profiler and prints the functions with the most self time. `fn`
 * gets `{ before, after }`: when it calls them, only the time between them is profiled.
 */
async function profiled(page, label, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const nodes = []; const samples = []; const deltas = [];
  let on = false;
  const before = async () => { if (!on) { on = true; await cdp.send('Profiler.start'); } };
  const after = async () => {
    if (!on) return;
    on = false;
    const { profile } = await cdp.send('Profiler.stop');
    const base = nodes.length;
    const ids = new Map(profile.nodes.map((n, i) => [n.id, base + i]));
    nodes.push(...profile.nodes.map((n) => ({ ...n, children: (n.children ?? []).map((c) => ids.get(c)) })));
    samples.push(...profile.samples.map((x) => ids.get(x)));
    deltas.push(...profile.timeDeltas);
  };
  await before();
  const r = await fn({ before, after });
  await after();
  const profile = { nodes: nodes.map((n, i) => ({ ...n, id: i })), samples, timeDeltas: deltas };
  // PROFILE_OUT=dir keeps each profile as a .cpuprofile (Chromium's DevTools opens it).
  if (process.env.PROFILE_OUT) writeFileSync(join(process.env.PROFILE_OUT, `${label.replace(/[^\w]+/g, '-')}.cpuprofile`), JSON.stringify({ ...profile, startTime: 0, endTime: deltas.reduce((a, b) => a + b, 0) }));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const self = new Map();
  for (const n of profile.nodes) {
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
    self.set(name, (self.get(name) ?? 0) + (dt.get(n.id) ?? 0));
  }
  const top = [...self].filter(([n]) => n !== '(idle)' && n !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.error(`profile ${label}:\n  ` + top.map(([n, d]) => `${(d / 1000).toFixed(2)} ms ${n.slice(0, 120)}`).join('\n  '));
  busyStretches(profile);
  await cdp.detach();
  return r;
}

/**
 * The stretches of the profile where the main thread never went idle for 50 ms or more (a
 * long task, or tasks back to back), each with the app's own functions (`article_annotator::`)
 * that took the most time inside it, callees included: where a long task's time goes.
 */
function busyStretches(profile) {
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stretches = [];
  let cur = null;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (name(byId.get(id)) === '(idle)') {
      if (cur && cur.ms >= 50) stretches.push(cur);
      cur = null;
      continue;
    }
    cur ??= { ms: 0, app: new Map(), self: new Map() };
    cur.ms += dt / 1000;
    const own = name(byId.get(id));
    cur.self.set(own, (cur.self.get(own) ?? 0) + dt / 1000);
    const seen = new Set();
    for (let at = id, depth = 0; at != null && depth < 1000; at = parent.get(at), depth++) {
      const fn = name(byId.get(at)).replace(/::h[0-9a-f]{16}$/, '');
      if (fn.startsWith('article_annotator::') && !seen.has(fn)) {
        seen.add(fn);
        cur.app.set(fn, (cur.app.get(fn) ?? 0) + dt / 1000);
      }
    }
  }
  if (cur && cur.ms >= 50) stretches.push(cur);
  for (const st of stretches) {
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, d]) => `${d.toFixed(1)} ${n.slice(0, 90)}`).join('; ');
    console.error(`  busy ${st.ms.toFixed(0)} ms — app: ${top(st.app, 6)}\n    self: ${top(st.self, 6)}`);
  }
}

async function appCase(browser, url, c) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(url + '#noprobe');
  await page.locator('article p').first().waitFor();
  await page.waitForTimeout(1000);
  const blocks = c.article.blocks.length;
  const result = { supported: false };
  try {
    await seed(page, articleRecord(c.article), c.anns);
  } catch (e) {
    result.why = `seeding failed: ${e.message.split('\n')[0].replace(/^page.evaluate: (Error: )?/, '')}`;
    await context.close();
    return result;
  }
  // Load: navigation start → the article's blocks and highlights painted.
  let loads = 0;
  const loadOnce = async () => {
    // A new query each time: a real navigation (a change of fragment alone would not load).
    await page.goto(`${url}?load=${++loads}#noprobe`);
    const t = await page.evaluate(({ title, blocks, n }) => window.__bench.whenDom(() => {
      const a = document.querySelector('article');
      return a && a.getAttribute('aria-label') === title && a.querySelectorAll('p').length === blocks && (n === 0 || a.querySelector('mark.hl'));
    }, 20000), { title: c.article.title, blocks, n: c.anns.length }).catch(() => null);
    // The app clears its opening mark two frames after the article is painted; a navigation
    // before that is an interrupted opening, and the next start rightly shows the library
    // instead (issue 11). Wait for it, after the clock has stopped.
    if (t != null) {
      await page.waitForFunction(() => sessionStorage.getItem('article-annotator-opening') === null, null, { timeout: 10000, polling: 50 }).catch(() => {});
    }
    return t;
  };
  const probeLoad = await loadOnce();
  if (probeLoad == null) {
    result.why = 'the app did not show the stored article';
    await context.close();
    return result;
  }
  result.supported = true;
  if (TRACE) {
    await traced(browser, page, `${c.w} words, ${c.n} ann.: load`, loadOnce);
    await suggestionsSettled(page);
    await traced(browser, page, `${c.w} words, ${c.n} ann.: tag`, () => tagOnce(page, 0));
  }
  if (PROFILE) {
    await profiled(page, `${c.w} words, ${c.n} ann.: load`, loadOnce);
    await suggestionsSettled(page);
    await profiled(page, `${c.w} words, ${c.n} ann.: 10 tags, key press to painted only`, async (hooks) => {
      await hooks.after();
      for (let i = 0; i < 10; i++) await tagOnce(page, i, hooks);
    });
    if (c.anns.length) {
      await profiled(page, `${c.w} words, ${c.n} ann.: 6 searches, typing to painted only`, async (hooks) => {
        await hooks.after();
        for (let i = 0; i < 6; i++) await filterOnce(page, i, hooks);
      });
    }
  }
  result.load = await measure(loadOnce);
  // Tag: key press C → the new highlight painted, on a plain run in the middle of the article.
  await suggestionsSettled(page);
  result.tag = await measure((i) => tagOnce(page, i));
  // Select in the panel: click an item → its highlight marked selected and painted.
  if (c.anns.length) result.select = await measure((i) => page.evaluate(async (i) => {
    const items = document.querySelectorAll('aside[aria-label="Annotations"] ul.items button.item');
    if (!items.length) return null;
    const b = items[(items.length >> 1) + i];
    const t0 = performance.now();
    b.click();
    return (await window.__bench.whenDom(() => b.getAttribute('aria-pressed') === 'true' && document.querySelector('article mark.hl-selected'))) - t0;
  }, i));
  // Filter: type a word into the panel's search → the list updated and painted.
  if (c.anns.length) result.filter = await measure((i) => filterOnce(page, i));
  // Export all annotations as W3C JSON: click Download → notice painted (the file is kept for
  // the import below).
  let exported = null;
  result.export = await measure(async () => {
    await page.evaluate(async () => {
      [...document.querySelectorAll('header button')].find((b) => b.textContent.trim() === 'Export').click();
      await window.__bench.whenDom(() => document.querySelector('#export-format'));
      const sel = document.querySelector('#export-format');
      sel.value = 'w3c';
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    });
    const dl = page.waitForEvent('download');
    const t = await page.evaluate(async () => {
      const btn = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent.trim() === 'Download');
      const t0 = performance.now();
      btn.click();
      return (await window.__bench.whenDom(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes('Downloaded')))) - t0;
    });
    exported = await readFile(await (await dl).path());
    await page.evaluate(() => document.querySelector('.notice button[aria-label="Dismiss message"]')?.click());
    return t;
  });
  // Import that file back (every annotation is updated): file chosen → preview painted, plus
  // Import pressed → the notice painted.
  let imports = 0;
  result.import = await measure(async () => {
    // The file comes back changed, as a colleague's would: every annotation modified later
    // than the library's copy (later at each run), so that importing it updates every one (a
    // file identical to the library changes nothing, and its import writes nothing).
    const modified = new Date(Date.UTC(2026, 0, 1) + ++imports * 1000).toISOString();
    const changed = Buffer.from(JSON.stringify(JSON.parse(exported.toString()), (k, v) => (k === 'modified' ? modified : v)));
    await page.evaluate(() => {
      window.__bench.changeAt = null;
      document.addEventListener('change', () => { window.__bench.changeAt = performance.now(); }, { capture: true, once: true });
    });
    const previewed = page.evaluate(() => window.__bench.whenDom(() => [...document.querySelectorAll('[role=dialog] h2')].some((h) => h.textContent === 'Import preview'), 30000));
    await page.setInputFiles('input[aria-label="Import annotations"]', { name: 'bench.w3c.jsonld', mimeType: 'application/ld+json', buffer: changed });
    const t1 = await previewed;
    const t0 = await page.evaluate(() => window.__bench.changeAt);
    const t2 = await page.evaluate(async () => {
      const btn = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent.trim() === 'Import');
      const t = performance.now();
      btn.click();
      // A file without annotations changes nothing, and says so.
      const end = await window.__bench.whenDom(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.startsWith('Imported') || n.textContent.startsWith('Nothing changed')), 30000);
      document.querySelector('.notice button[aria-label="Dismiss message"]')?.click();
      return end - t;
    });
    return t1 - t0 + t2;
  });
  result.exportBytes = exported?.length;
  if (c.largest) {
    await loadOnce();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    result.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    result.wasm = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? null);
  }
  result.errors = errors;
  await context.close();
  return result;
}

/** One tag: a programmatic selection of three words in a plain run, then the key C. */
/**
 * Types a word into the panel's search and returns the time until the panel's count changed
 * and was painted; the search is cleared before and after. With `hooks` (see `profiled`), only
 * the typing to painted is profiled.
 */
async function filterOnce(page, i, hooks = {}) {
  // The panel's count ("Showing N of M …"): the list itself shows at most a page of items, so
  // its length may not change when the filter does.
  const cleared = () => page.evaluate(async () => {
    const input = document.querySelector('aside[aria-label="Annotations"] input[type=search]');
    const counts = () => document.querySelector('aside[aria-label="Annotations"] .counts')?.textContent;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await window.__bench.whenDom(() => /^Showing (\d+) of \1 /.test(counts() ?? ''));
    return counts();
  });
  const before = await cleared();
  await hooks.before?.();
  const t = await page.evaluate(async ({ i, before }) => {
    const input = document.querySelector('aside[aria-label="Annotations"] input[type=search]');
    const counts = () => document.querySelector('aside[aria-label="Annotations"] .counts')?.textContent;
    const word = ['coalition', 'Syria', 'Turkey', 'ISIS', 'meeting', 'Raqqa'][i % 6];
    const t0 = performance.now();
    input.value = word;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const t = (await window.__bench.whenDom(() => counts() !== before, 10000).catch(() => null));
    return t == null ? null : t - t0;
  }, { i, before });
  await hooks.after?.();
  await cleared();
  return t;
}

async function tagOnce(page, i, hooks = {}) {
  const ok = await page.evaluate(async (i) => {
    document.activeElement?.blur?.();
    const spans = [...document.querySelectorAll('article [data-s]')].filter((s) => s.tagName !== 'MARK' && s.textContent.length > 40);
    const span = spans[(spans.length >> 1) + i * 5] ?? spans[0];
    if (!span) return false;
    span.scrollIntoView({ block: 'center' });
    const text = span.firstChild;
    const m = /\S+\s+\S+\s+\S+/u.exec(text.data.slice(5));
    if (!m) return false;
    const sel = getSelection();
    sel.setBaseAndExtent(text, 5 + m.index, text, 5 + m.index + m[0].length);
    await new Promise((r) => setTimeout(r, 150));
    await window.__bench.afterPaint();
    // A new annotation raises the depth of every run it covers (a plain run becomes a mark of
    // depth 1), so the sum of depths grows even when no mark is added. That is checked after
    // the measurement; during it, the cheap sign is the panel's count, which the same render
    // updates.
    window.__bench.depth = () => [...document.querySelectorAll('article mark.hl')].reduce((n, m) => n + Number(m.dataset.depth), 0);
    window.__bench.marks = window.__bench.depth();
    window.__bench.counts = document.querySelector('aside .counts')?.textContent;
    window.__bench.keyAt = null;
    addEventListener('keydown', (e) => { if (e.key === 'c') window.__bench.keyAt = performance.now(); }, { capture: true, once: true });
    return true;
  }, i);
  if (!ok) return null;
  const done = page.evaluate(() => window.__bench.whenDom(() => document.querySelector('aside .counts')?.textContent !== window.__bench.counts, 10000));
  await hooks.before?.();
  await page.keyboard.press('c');
  const t1 = await done;
  await hooks.after?.();
  if (!(await page.evaluate(() => window.__bench.depth() > window.__bench.marks))) throw new Error('the tag added no highlight');
  const t0 = await page.evaluate(() => window.__bench.keyAt);
  await page.keyboard.press('Escape');
  return t1 - t0;
}

/**
 * Waits until the suggester has answered for the article just loaded (its status line is
 * neither empty nor "Looking…"). Every load starts it, and its answer for a long article is
 * drawn in a task of its own: landing in a tag's measurement, it ran between the frame that
 * painted the new highlight and the probe's message after that frame, adding its own 45 ms to
 * the tag (a traced tag, BENCHMARKS.md session 21).
 */
async function suggestionsSettled(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector('section.suggestions p.counts')?.textContent ?? '';
    return t !== '' && !t.startsWith('Looking');
  }, null, { timeout: 30000, polling: 50 });
}

/** Tag on the sample article (no storage needed): key press → highlight painted. */
async function sampleTag(browser, url) {
  const { context, page } = await newPage(browser);
  await page.goto(url + '#noprobe');
  await page.locator('article p').first().waitFor();
  // The sample is shown before storage is read; once read, the article is shown again from
  // storage, which would drop a selection made in between.
  await page.waitForFunction(() => document.querySelector('.app')?.dataset.storage !== 'loading');
  await suggestionsSettled(page);
  const r = await measure((i) => tagOnce(page, i));
  await context.close();
  return r;
}

// ---- Criterion (native) for the anchoring row. ------------------------------------------------

function criterionEstimate(group, id) {
  const dir = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'criterion', group, ...id.split('/'), 'new', 'estimates.json');
  if (!existsSync(dir)) return null;
  const e = JSON.parse(readFileSync(dir, 'utf8'));
  return { median: e.median.point_estimate / 1e6, min: e.median.confidence_interval.lower_bound / 1e6, max: e.median.confidence_interval.upper_bound / 1e6 };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  if (!args['no-build']) run('trunk', ['build', '--release']);
  if (!args['no-criterion'] && !ONLY) run('cargo', ['bench', '--bench', 'core', '--', 'anchor/2000_']);
  await bundlePeers();
  // The main cases' anchoring row and the repeats section load the anchoring crate built alone.
  if (!ONLY || ONLY === 'repeats' || ONLY === 'main') buildAnchorWasm();
  await bundleSizes();
  const server = await serve();
  const browser = await launch();
  const version = browser.version();
  try {
    if (!ONLY || ONLY === 'main') await mainCases(browser, server.url);
    if (!ONLY || ONLY === 'hostile') await hostileSection(browser, server.url);
    if (!ONLY || ONLY === 'extract') await extractSection(browser, server.url);
    if (!ONLY || ONLY === 'suggest') await suggestSection(browser, server.url);
    if (!ONLY || ONLY === 'repeats') await repeatsSection(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\nArticle Annotator benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Chromium ${version} headless, ${RUNS} runs after 1 warm-up${QUICK ? ' (quick)' : ''}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(printTable());
}

/** Files from strangers: at most 3 runs after a warm-up each (an import can take seconds). */
async function hostileSection(browser, url) {
  const { article, files } = hostileFiles();
  writeHostileFiles(BUILD, files);
  const runs = Math.min(RUNS, 3);
  // `--case=20` runs only the cases whose label contains "20".
  for (const file of files.filter((f) => !args.case || f.label.includes(String(args.case)))) {
    log('hostile:', file.label);
    const results = [];
    let why = '';
    for (let i = 0; i <= runs; i++) {
      const r = await hostileOnce({ browser, url, newPage, seed, profiled: PROFILE ? profiled : null }, article, file);
      if (r.why) { why = r.why; break; }
      if (i > 0) results.push(r);
    }
    const pick = (k) => (results.length && results.every((r) => r[k] != null) ? stats(results.map((r) => r[k])) : why ? `not measured: ${why}` : null);
    const label = `hostile: ${file.label}`;
    const size = `${(Buffer.byteLength(file.text) / 1048576).toFixed(1)} MiB file on a 3,000-word article`;
    if (file.imports) {
      row(label, 'file chosen → preview painted', 'ms', pick('preview'), '', null, size);
      row(label, '… + Import pressed → done, painted', 'ms', pick('apply'), '', null, '');
    } else {
      row(label, 'file chosen → refusal shown', 'ms', pick('preview'), '', null, size);
    }
    row(label, 'longest main-thread task during it', 'ms', pick('longest'), '', null, 'bounds the wait of a key press or click; 0: no task reached 50 ms (the Long Tasks API reports only those)');
    row(label, 'main-thread tasks over 50 ms during it', 'count', pick('longTasks'), '', null, '');
    row(label, 'key presses during it', 'count', pick('keysPressed'), '', null, 'Shift about every 100 ms, through the browser\'s input');
    row(label, '… of them handled by the page', 'count', pick('keysHandled'), '', null, 'its keydown listener ran');
    row(label, '… longest wait of a key press for the main thread', 'ms', pick('keyDelay'), '', null, 'Event Timing: event → handlers start; 0: every press took under 16 ms in all');
    row(label, '… longest key press, event → next frame', 'ms', pick('keyDuration'), '', null, 'Event Timing duration (rounded to 8 ms); 0: under 16 ms');
    if (file.imports) row(label, 'reload → article painted', 'ms', pick('reload'), '', null, 'navigation start → article (and a highlight) painted');
    if (file.imports) row(label, '… → library read (annotations listed, controls enabled)', 'ms', pick('reloadReady'), '', null, 'navigation start → the whole library read and drawn');
    if (file.imports) row(label, 'then a one-annotation file: chosen → imported', 'ms', pick('secondTotal'), '', null, 'into the library this import left');
    if (file.imports) row(label, '… longest main-thread task during it', 'ms', pick('secondLongest'), '', null, 'the worker reads the library from the database');
    const total = pick('total');
    if (file.label.startsWith('1,500 nested')) target(`${file.label}: imported`, 5000, 'ms', typeof total === 'string' ? null : total, typeof total === 'string' ? total : '');
    target(`${file.label}: imported or refused`, 10000, 'ms', typeof total === 'string' ? null : total, typeof total === 'string' ? total : '');
    target(`${file.label}: longest main-thread task (page responsive)`, 50, 'ms', typeof pick('longest') === 'string' ? null : pick('longest'));
    target(`${file.label}: longest wait of a key press (page responsive)`, 50, 'ms', typeof pick('keyDelay') === 'string' ? null : pick('keyDelay'));
    if (file.imports) target(`${file.label}: reload → article painted`, 1000, 'ms', typeof pick('reload') === 'string' ? null : pick('reload'));
  }
}

/**
 * A saved news page of 5,000 words opened in the New article dialog: from the file chosen to
 * the extracted article shown (painted), first as soon as the dialog is open (the worker the
 * dialog starts when it opens may still be loading) and then again (the same file in the same
 * dialog: read, extraction, transfer and rendering only), and the longest main-thread task
 * meanwhile.
 */
async function extractSection(browser, url) {
  const { makeNewsPage } = await import('./news-page.mjs');
  const words = Number(args['extract-words'] ?? 5000);
  const page0 = makeNewsPage(words);
  const bytes = Buffer.byteLength(page0.html);
  writeFileSync(join(BUILD, 'news-page.html'), page0.html);
  const label = `extraction: ${page0.words.toLocaleString('en')}-word news page`;
  log(label, `${(bytes / 1024).toFixed(0)} KB`);
  const once = async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${url}#noprobe`);
      await page.getByRole('article').waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ }).click();
      await page.getByRole('button', { name: 'New article' }).click();
      await page.getByRole('dialog', { name: 'New article' }).waitFor();
      await page.evaluate(async () => {
        const blob = await (await fetch('/bench/news-page.html')).blob();
        window.__newsFile = new File([blob], 'news-page.html', { type: 'text/html' });
        window.__long = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
          .observe({ type: 'longtask' });
      });
      const choose = () => page.evaluate(async () => {
        const shown = () => document.querySelector('.capture-notice')?.textContent.startsWith('Article found');
        // Cleared first, so that the second time waits for the new result.
        await window.__bench.whenDom(() => !document.querySelector('.extract-progress'));
        const input = document.getElementById('new-article-file');
        const dt = new DataTransfer();
        dt.items.add(window.__newsFile);
        input.files = dt.files;
        const t0 = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await window.__bench.whenDom(() => document.querySelector('.extract-progress'));
        const t1 = await window.__bench.whenDom(() => !document.querySelector('.extract-progress') && shown());
        return t1 - t0;
      });
      const cold = await choose();
      const warm = await choose();
      const text = await page.getByLabel('Article text').inputValue();
      if (/Related story number|Comment 3:|We use cookies/.test(text)) throw new Error('the extracted text kept page chrome');
      const longest = await page.evaluate(() => Math.max(0, ...window.__long));
      return { cold, warm, longest };
    } finally {
      await context.close();
    }
  };
  const results = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = await once();
    if (i > 0) results.push(r);
  }
  const pick = (k) => stats(results.map((r) => r[k]));
  const size = `${(bytes / 1024).toFixed(0)} KB page`;
  row(label, 'file chosen → article shown, at once', 'ms', pick('cold'), '', null, `${size}; chosen as soon as the dialog is open, while its worker may still load`);
  row(label, 'file chosen → article shown, worker loaded', 'ms', pick('warm'), '', null, 'read, parse, extract, hand back, render');
  row(label, 'longest main-thread task during both', 'ms', pick('longest'), '', null, '0: no task reached 50 ms');
  target(`${label}: extracted and shown (worker loaded)`, 200, 'ms', pick('warm'));
  target(`${label}: extracted and shown (chosen at once)`, 200, 'ms', pick('cold'));
}

/**
 * Suggestions (issue 13): the suggester worker, as the app starts it, given a 5,000-word and a
 * 100,000-word article, and the largest (`--suggest-words`) again with its line breaks lost
 * (one paragraph, as a page pasted without them arrives: a shape that was once quadratic in
 * its quotes); the time from the job posted to the suggestions received, the first
 * time (the worker fetches and reads the claim model) and once it has it. Measured in the page
 * with the app's own message envelope (see src/web/worker.rs), so it counts the transfer both
 * ways and the worker's work, not the page's drawing.
 */
async function suggestSection(browser, url) {
  const { makeSuggestText } = await import('./suggest-text.mjs');
  const model = await readFile(join(DIST, 'claims-model.bin'));
  row('suggestions', 'claim model raw / gzip', 'KB', `${fmt(model.length, 'KB')} / ${fmt(gzipSync(model, { level: 9 }).length, 'KB')}`, '', null, 'claims-model.bin, fetched by the suggester worker on first use');
  target('suggestions: claim model, gzip', 100 * 1024, 'KB', gzipSync(model, { level: 9 }).length);
  const sizes = args['suggest-words'] ? list(args['suggest-words']) : [5_000, 100_000];
  const cases = [
    ...sizes.map((words) => ({ words, lineBreaks: true })),
    { words: Math.max(...sizes), lineBreaks: false },
  ];
  for (const { words, lineBreaks } of cases) {
    const text = makeSuggestText(words, { lineBreaks });
    const label = `suggestions: ${words.toLocaleString('en')}-word article${lineBreaks ? '' : ', no line breaks'}`;
    log(label);
    const once = async () => {
      const { context, page } = await newPage(browser);
      try {
        await page.goto(`${url}#noprobe`);
        await page.getByRole('article').waitFor();
        return await page.evaluate(async (text) => {
          const worker = new Worker('./annotator-suggester_loader.js');
          const loaded = new Promise((resolve) => {
            worker.addEventListener('message', function first(e) {
              if (e.data === '"WorkerLoaded"') { worker.removeEventListener('message', first); resolve(); }
            });
          });
          await loaded;
          worker.postMessage('{"Connected":0}');
          const job = (id) => new Promise((resolve, reject) => {
            const t0 = performance.now();
            worker.addEventListener('message', function done(e) {
              const m = JSON.parse(e.data);
              // A `Reply` travels as `[id, body]` and `Found` as `[suggestions,
              // claims_unavailable]` (serde_tuple, core::jobs).
              const reply = m.ProcessOutput?.[1];
              if (!Array.isArray(reply) || reply[0] !== id || !reply[1]?.done) return;
              worker.removeEventListener('message', done);
              const out = reply[1].done.suggested;
              if (!Array.isArray(out)) {
                reject(new Error(JSON.stringify(reply[1].done).slice(0, 200)));
                return;
              }
              resolve({ ms: performance.now() - t0, found: out[0].length, unavailable: out[1] ?? null });
            });
            worker.postMessage(JSON.stringify({ ProcessInput: [0, { id, job: { suggest: { text } } }] }));
          });
          const first = await job(1);
          const warm = await job(2);
          worker.terminate();
          return { first: first.ms, warm: warm.ms, found: warm.found, unavailable: warm.unavailable };
        }, text);
      } finally {
        await context.close();
      }
    };
    const results = [];
    for (let i = 0; i <= RUNS; i++) {
      const r = await once();
      if (r.unavailable) throw new Error(`claims unavailable: ${r.unavailable}`);
      if (i > 0) results.push(r);
    }
    const pick = (k) => stats(results.map((r) => r[k]));
    row(label, 'job posted → suggestions received, model loaded', 'ms', pick('warm'), '', null, `${results[0].found} suggestions; quotes, speakers and every sentence scored, in the worker`);
    row(label, '… the first time (model fetched and read)', 'ms', pick('first'), '', null, '');
    target(`${label}: suggested`, words > 10_000 ? 500 : 50, 'ms', pick('warm'));
  }
}

async function mainCases(browser, url) {
  const server = { url };
  {
    log('cold load');
    await coldLoad(browser, server.url);
    log('tag on the sample article');
    row('sample article', 'tag: key C → new highlight painted', 'ms', await sampleTag(browser, server.url), '', null, 'no stored annotations');
    const cases = [];
    for (const w of WORDS) {
      const article = makeArticle(w);
      for (const n of COUNTS) {
        const anns = makeAnnotations(article, n);
        cases.push({ w, n, article, anns, sels: selectors(anns), largest: w === WORDS.at(-1) && n === COUNTS.at(-1) });
      }
    }
    let appMem = null; let peerMem = null;
    for (const c of cases) {
      const label = `${c.w / 1000}k words, ${c.n} ann.`;
      log(label);
      const peer = await peerCase(browser, server.url, c);
      const app = await appCase(browser, server.url, c);
      const why = app.supported ? '' : `not measured: ${app.why}`;
      row(label, 'load: navigation → article + highlights painted', 'ms', app.supported ? app.load : why, 'Recogito', peer.load, 'both from IndexedDB, from navigation start');
      row(label, 'tag: key C → new highlight painted', 'ms', app.supported ? app.tag : why, 'Recogito addAnnotation', peer.add, '');
      row(label, 'select an annotation in the panel → painted', 'ms', app.supported ? (app.select ?? 'no annotations') : why, '', null, 'no peer panel');
      row(label, 'filter the panel (search) → painted', 'ms', app.supported ? (app.filter ?? 'no annotations') : why, '', null, 'no peer panel');
      row(label, 'export all as W3C JSON: Download → done, painted', 'ms', app.supported ? app.export : why, '', null, app.exportBytes ? `${(app.exportBytes / 1024).toFixed(0)} KB file; no peer export` : 'no peer export');
      row(label, 'import that W3C file: file chosen → preview, + Import → done', 'ms', app.supported ? app.import : why, '', null, 'no peer import');
      if (c.largest) {
        appMem = app; peerMem = peer;
        if (app.supported) {
          target(`tag → highlight painted, ${label}`, 16, 'ms', app.tag);
          target(`load from storage → painted, ${label}`, 500, 'ms', app.load);
        } else {
          target(`tag → highlight painted, ${label}`, 16, 'ms', null, why);
          target(`load from storage → painted, ${label}`, 500, 'ms', null, why);
        }
      }
      if (c.n === COUNTS.at(-1)) {
        log(label, 'anchoring');
        const anns = makeAnnotations(c.article, 2_000);
        const peerAnchor = await anchorPeer(browser, server.url, { ...c, sels: selectors(anns) });
        const ours = await anchorOurs(browser, server.url, { ...c, sels: selectors(anns) });
        row(`${c.w / 1000}k words`, 'anchor 2,000 quote selectors (position hint off by 7), in Chromium', 'ms', ours, 'dom-anchor-text-quote', peerAnchor, `ours: bench/anchor-wasm (the app's anchoring, wasm); peer: ${peerAnchor.n} runs`);
        const native = criterionEstimate('anchor', `2000_quote_near_hint/${c.w}w`);
        row(`${c.w / 1000}k words`, 'the same, native (criterion)', 'ms', native ?? 'criterion not run', '', null, 'median (95% CI) of cargo bench --bench core');
        if (c.w === WORDS.at(-1)) target(`2,000 quote selectors anchored (${c.w / 1000}k words), in Chromium`, 100, 'ms', ours);
      }
    }
    if (appMem?.supported) {
      row('memory (largest case)', 'JS heap after GC', 'MB', appMem.heap, 'Recogito', peerMem.heap);
      row('memory (largest case)', 'wasm linear memory', 'MB', appMem.wasm, '', null);
    } else {
      row('memory (largest case)', 'JS heap after GC', 'MB', 'not measured: app does not load stored articles', 'Recogito', peerMem?.heap);
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });

/**
 * Repeat claims (issue 14): the app's repeat index (`core::repeats`, in bench/anchor-wasm) in
 * Chromium over 10,000 claims built as `cargo bench --bench core -- repeats` builds them (the
 * sample's sentences, each used about 200 times with another count and year, so most claims
 * share most words). Timed: the repeats of one claim, indexing one more claim, grouping all.
 */
async function repeatsSection(browser, url) {
  const sample = readFileSync(join(ROOT, '..', 'shared', 'sample-article.txt'), 'utf8');
  const sentences = sample.split(/[.\n]/).map((s) => s.trim()).filter((s) => s.split(/\s+/).filter(Boolean).length >= 6);
  const claims = Array.from({ length: 10_000 }, (_, i) =>
    `${sentences[i % sentences.length]}, ${100 + (i % 997)} people in ${1990 + (Math.floor(i / sentences.length) % 40)}.`);
  const { context, page } = await newPage(browser);
  await page.goto(url + 'bench/peer.html');
  await page.evaluate(async (claims) => {
    const m = await import('/bench/anchor/anchor_wasm.js');
    await m.default();
    window.__repeats = new m.Repeats(JSON.stringify(claims));
  }, claims);
  const timed = (method, calls) => measure(() => page.evaluate(([method, calls]) => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) window.__repeats[method](i * 7919);
    return (performance.now() - t0) / calls;
  }, [method, calls]));
  const of = await timed('repeats_of', 200);
  row('repeat claims', 'repeats of one claim among 10,000, in Chromium (wasm)', 'ms', of, '', null, 'mean of 200 calls per run');
  target('repeat claims: repeats among 10,000', 50, 'ms', of);
  row('repeat claims', 'index one more claim (10,000 indexed), in Chromium (wasm)', 'ms', await timed('upsert', 200), '', null, 'upsert and remove, mean of 200 calls per run');
  row('repeat claims', 'group all 10,000 (the Claims view), in Chromium (wasm)', 'ms', await timed('groups', 1), '', null, 'one call per run');
  await context.close();
}
