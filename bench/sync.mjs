// Sync benchmark (issue 16): the built app (dist/) against a CouchDB-compatible server on
// loopback (pouchdb-server in memory, started by tests/e2e/couch.mjs), in headless Chromium.
//
//   node bench/sync.mjs [--articles=100] [--annotations=20000] [--trials=10] [--seed-only]
//
// 1. Seeds a fresh server with `--articles` articles and `--annotations` annotations in the
//    app's document format (docs/SYNC.md: `_id` = the app's id, `type`, the stored record's
//    fields), each with a revision history (`_revisions`), written with `new_edits: false`
//    through `_bulk_docs` in chunks.
// 2. First replication: a fresh profile opens the app, fills in the Sync dialog and presses
//    Connect; the time from the click until the header's sync status says "Up to date" and
//    IndexedDB holds every annotation.
// 3. One change: with two profiles connected, the median (min, max) over `--trials` of the time
//    from the click that tags a claim in profile A until that annotation is in profile B's
//    IndexedDB.
// Prints numbers; asserts nothing about time (issue 16's targets: at most 30 s and 2 s).
//
// Needs `npm ci --prefix tests/e2e` (pouchdb-server; also playwright-core, if bench/ has no
// node_modules of its own) and a build in dist/ (`make build`), or BENCH_DIST.
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { makeArticle, makeAnnotations, articleRecord, uuid } from './gen.mjs';
import { startCouch, ADMIN } from '../tests/e2e/couch.mjs';
import { serveDist } from '../tests/e2e/harness.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const DIST = process.env.BENCH_DIST || join(ROOT, 'dist');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const ARTICLES = Number(args.articles ?? 100);
const ANNOTATIONS = Number(args.annotations ?? 20_000);
const TRIALS = Number(args.trials ?? 10);
const SEED_ONLY = !!args['seed-only'];
const DB = 'bench';
/** Documents per `_bulk_docs` request while seeding. */
const CHUNK = 500;

/** playwright-core from bench/node_modules, else from tests/e2e/node_modules. */
async function playwright() {
  for (const dir of [join(BENCH, 'node_modules'), join(ROOT, 'tests', 'e2e', 'node_modules')]) {
    const entry = join(dir, 'playwright-core', 'index.mjs');
    if (existsSync(entry)) return (await import(pathToFileURL(entry).href)).chromium;
  }
  throw new Error('playwright-core is not installed: npm ci --prefix tests/e2e');
}

const log = (...a) => console.log(...a);
const ms = (n) => `${Math.round(n).toLocaleString('en')} ms`;

// ---------------------------------------------------------------------------------------------
// The documents.

/** A revision id of generation `n` for `body`, and the `_revisions` of a history of one. */
function revision(body, n = 1) {
  const hash = createHash('md5').update(JSON.stringify(body)).digest('hex');
  return { _rev: `${n}-${hash}`, _revisions: { start: n, ids: [hash] } };
}

/** The server document of a stored record (docs/SYNC.md). */
function doc(type, record) {
  return { _id: record.id, ...revision(record), type, ...record };
}

/**
 * `articles` articles (about 1,500 words each, from the sample's blocks) and `annotations`
 * annotations spread evenly over them, as the app stores them (records with `"v": 1`).
 */
function library(articles, annotations) {
  const base = makeArticle(1500);
  const out = { articles: [], annotations: [] };
  for (let a = 0; a < articles; a++) {
    const article = { ...base, id: uuid(a, 1), title: `Sync benchmark article ${a + 1}` };
    out.articles.push(articleRecord(article));
    const count = Math.floor(annotations / articles) + (a < annotations % articles ? 1 : 0);
    // makeAnnotations numbers its ids from 0 for each article: give each a unique one.
    makeAnnotations(article, count).forEach((ann, i) => {
      out.annotations.push({ ...ann, id: uuid(a * 100_000 + i, 2) });
    });
  }
  return out;
}

async function seed(couch) {
  const lib = library(ARTICLES, ANNOTATIONS);
  const docs = [
    ...lib.articles.map((r) => doc('article', r)),
    ...lib.annotations.map((r) => doc('annotation', r)),
  ];
  await couch.createDb(DB);
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += CHUNK) {
    await couch.putDocs(DB, docs.slice(i, i + CHUNK), { new_edits: false });
  }
  const took = performance.now() - t0;
  const info = await couch.info(DB);
  const bytes = docs.reduce((n, d) => n + JSON.stringify(d).length, 0);
  log(`seeded ${info.doc_count.toLocaleString('en')} documents (${lib.articles.length} articles, ` +
    `${lib.annotations.length.toLocaleString('en')} annotations, ${(bytes / 1048576).toFixed(1)} MiB of JSON) in ${ms(took)}`);
  if (info.doc_count !== docs.length) throw new Error(`the server holds ${info.doc_count} documents, not ${docs.length}`);
  return lib;
}

// ---------------------------------------------------------------------------------------------
// The app.

/** dist/ on a loopback port (the end-to-end tests' server). */
const serve = () => serveDist(DIST);

/** A fresh profile (browser context) with the app open and its storage read. */
async function profile(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.getByRole('article').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => {
    const s = document.querySelector('.app')?.dataset.storage;
    return s !== undefined && s !== 'loading';
  }, null, { timeout: 60_000 });
  return { context, page, errors };
}

/** How many records the app's IndexedDB store holds (of `articleId` only, by the index). */
function countRecords(page, store, articleId = null) {
  return page.evaluate(([store, articleId]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('article-annotator');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(store)) { db.close(); resolve(0); return; }
      const os = db.transaction(store, 'readonly').objectStore(store);
      const c = articleId === null ? os.count() : os.index('by_article').count(articleId);
      c.onsuccess = () => { db.close(); resolve(c.result); };
      c.onerror = () => { db.close(); reject(c.error); };
    };
  }), [store, articleId]);
}

const status = (page) => page.getByRole('status', { name: 'Sync status', exact: true });

/** Fills in the Sync dialog; returns a function that presses Connect. */
async function prepareConnect(page, serverUrl) {
  await page.locator('#header-actions').getByRole('button', { name: 'Sync', exact: true }).click({ timeout: 15_000 });
  const dialog = page.getByRole('dialog', { name: 'Sync', exact: true });
  await dialog.getByRole('textbox', { name: 'Server URL', exact: true }).fill(serverUrl.replace(/\/$/, ''));
  await dialog.getByRole('textbox', { name: 'Database', exact: true }).fill(DB);
  await dialog.getByRole('textbox', { name: 'User name', exact: true }).fill(ADMIN.name);
  await dialog.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  return () => dialog.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Closes the Sync dialog if it is open. */
async function closeSync(page) {
  const dialog = page.getByRole('dialog', { name: 'Sync', exact: true });
  if (await dialog.count() === 0) return;
  await dialog.evaluate((el) => {
    if (!el.contains(document.activeElement)) (el.querySelector('button, input') ?? el).focus();
  });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
}

/**
 * Connects `page` and times it: from the click on Connect until the status says "Up to date"
 * and IndexedDB holds `annotations` annotations. Polls without pausing (each poll is a round
 * trip to the page, a few ms).
 */
async function firstReplication(page, serverUrl, annotations, timeout = 300_000) {
  const connect = await prepareConnect(page, serverUrl);
  const t0 = performance.now();
  await connect();
  let last = '';
  for (;;) {
    const text = (await status(page).count()) === 1 ? await status(page).textContent() : '(no status)';
    if (text !== last) {
      log(`  ${ms(performance.now() - t0).padStart(10)}  ${text}`);
      last = text;
    }
    if (text.startsWith('Stopped')) throw new Error(`sync stopped: ${text}`);
    if (text === 'Up to date' && (await countRecords(page, 'annotations')) >= annotations) break;
    if (performance.now() - t0 > timeout) throw new Error(`not up to date after ${ms(timeout)}: ${text}`);
  }
  const took = performance.now() - t0;
  await closeSync(page);
  return took;
}

/** Phrases of the sample article (open in a fresh profile), one claim per trial. */
const PHRASES = ['Rex W. Tillerson', 'March 22nd', 'plenary session', 'lasting defeat', 'Euphrates Shield',
  'August 2016', 'losing ground', 'stronghold city', 'big discussion', 'global efforts', 'Special Meeting',
  'remaining areas'];
/** `core::text::SAMPLE_ARTICLE_ID`. */
const SAMPLE_ID = '5a4d91e0-0b1e-4c1a-8a7e-000000000001';

/** Tags `text` in `page` as a claim, by a mouse drag and the toolbar (harness's dragSelect). */
async function tagClaim(page, text, dragSelect) {
  await dragSelect(page, text);
  const claim = page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Claim', exact: true });
  await claim.waitFor();
  return claim;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const couch = await startCouch();
  let server = null;
  let browser = null;
  try {
    log(`pouchdb-server ${couch.url} (in memory)`);
    await seed(couch);
    if (SEED_ONLY) return;
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}: make build`);
    server = await serve();
    const chromium = await playwright();
    browser = await chromium.launch({
      executablePath: CHROME,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    // The harness's drag (real mouse events); importing it registers no test.
    const { dragSelect } = await import('../tests/e2e/harness.mjs');

    log(`\nfirst replication: ${ARTICLES} articles and ${ANNOTATIONS.toLocaleString('en')} annotations, Connect → "Up to date" with all in IndexedDB`);
    const A = await profile(browser, server.url);
    const first = await firstReplication(A.page, couch.url, ANNOTATIONS);
    log(`first replication (profile A): ${ms(first)}`);
    const B = await profile(browser, server.url);
    const second = await firstReplication(B.page, couch.url, ANNOTATIONS);
    log(`first replication (profile B, A connected too): ${ms(second)}`);

    log(`\none change: a claim tagged in A, until it is in B's IndexedDB (${TRIALS} trials)`);
    log(`  (B's page visibility: ${await B.page.evaluate(() => document.visibilityState)})`);
    const times = [];
    for (let i = 0; i < TRIALS; i++) {
      const phrase = PHRASES[i % PHRASES.length];
      const before = await countRecords(B.page, 'annotations', SAMPLE_ID);
      await A.page.bringToFront();
      const claim = await tagClaim(A.page, phrase, dragSelect);
      const t0 = performance.now();
      await claim.click();
      for (;;) {
        if ((await countRecords(B.page, 'annotations', SAMPLE_ID)) > before) break;
        if (performance.now() - t0 > 60_000) throw new Error(`trial ${i + 1}: the claim on “${phrase}” did not reach B within 60 s`);
      }
      const took = performance.now() - t0;
      times.push(took);
      log(`  trial ${String(i + 1).padStart(2)}: ${ms(took)}  (“${phrase}”)`);
    }
    log(`one change, A → B: median ${ms(median(times))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}) over ${TRIALS} trials`);
    for (const [name, p] of [['A', A], ['B', B]]) {
      if (p.errors.length) log(`console errors in ${name}: ${JSON.stringify(p.errors.slice(0, 5))}`);
    }
  } finally {
    await browser?.close();
    await server?.close();
    await couch.stop();
  }
}

await main();
