// Shared set-up for the end-to-end tests: serves the release build (dist/) on 127.0.0.1 and
// launches Debian's headless Chromium through playwright-core.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ on an ephemeral loopback port. Returns { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    try {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = join(DIST, path.endsWith('/') ? join(path, 'index.html') : path);
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

const ARGS = [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium (the flags TOOLCHAIN.md found necessary). Each test opens its
 * own context with `browser.newContext()`, so storage never leaks from one test to the next.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  const newContext = (opts = {}) => browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  return { browser, newContext, close: () => browser.close() };
}

/** Collects console errors and uncaught page errors (a Rust panic shows up as one). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Drags the mouse over the first occurrence of `text` in the article (inside one block, or
 * across blocks when `endText` is given: from the start of `text` to the end of `endText`).
 * Real mouse events: the browser makes the selection, as it does for a person.
 */
export async function dragSelect(page, text, endText = null) {
  // Bring the text to the middle of the viewport first, as a person would scroll to it.
  await page.evaluate((text) => {
    const root = document.querySelector('article');
    const p = [...root.querySelectorAll('p')].find((p) => p.textContent.includes(text));
    p?.scrollIntoView({ block: 'center' });
  }, text);
  const pts = await page.evaluate(([text, endText]) => {
    const root = document.querySelector('article');
    function find(needle, fromEnd) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      // Search the concatenated text so a needle may span several runs.
      const nodes = [];
      let all = '';
      while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
      const at = all.indexOf(needle);
      if (at < 0) return null;
      const pos = fromEnd ? at + needle.length - 1 : at;
      const [node, base] = nodes.filter(([, b]) => b <= pos).pop();
      const r = document.createRange();
      r.setStart(node, pos - base);
      r.setEnd(node, pos - base + 1);
      const rect = r.getClientRects()[0];
      return { x: fromEnd ? rect.right - 1 : rect.left + 1, y: rect.top + rect.height / 2 };
    }
    const a = find(text, false);
    const b = find(endText ?? text, true);
    return a && b ? [a, b] : null;
  }, [text, endText]);
  if (!pts) throw new Error(`text not found in the article: ${text}`);
  const [a, b] = pts;
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

/**
 * Opens the app in a new page (of a fresh context unless `context` is given) and waits until
 * the library has been read from storage and the article is shown.
 */
export async function openApp(browserOrContext, url, context = null) {
  const ctx = context ?? (await browserOrContext.newContext());
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await waitReady(page);
  return { page, errors, context: ctx };
}

/** Waits until the app has read its storage (the library count in the header is known). */
export async function waitReady(page) {
  await page.getByRole('article').waitFor();
  await page.waitForFunction(() => document.querySelector('.app')?.dataset.storage !== 'loading');
}

// ---- IndexedDB, read and written from inside the page (the app's own database) ----

/** The app's database name (`core::storage::DB_NAME`). */
export const DB_NAME = 'article-annotator';

/**
 * Every record of `store` as `[{ key, value }]`, read in the page with the plain IndexedDB
 * API. Call only once the app has opened (and so created) its database.
 */
export async function idbAll(page, store) {
  return page.evaluate(([name, store]) => new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(store, 'readonly');
      const os = tx.objectStore(store);
      const keys = os.getAllKeys();
      const values = os.getAll();
      tx.oncomplete = () => {
        db.close();
        resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
      };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }), [DB_NAME, store]);
}

/** Puts `value` (a plain JS object) into `store`, under `key` for stores without a key path. */
export async function idbPut(page, store, value, key = undefined) {
  await page.evaluate(([name, store, value, key]) => new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      if (key === null) os.put(value); else os.put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    };
  }), [DB_NAME, store, value, key ?? null]);
}

/**
 * Polls `store` until `predicate(records)` holds (records as from `idbAll`); returns them.
 * Throws with the last records seen after `timeout` ms.
 */
export async function waitForRecords(page, store, predicate, timeout = 5000) {
  const end = Date.now() + timeout;
  let records = [];
  for (;;) {
    records = await idbAll(page, store);
    if (predicate(records)) return records;
    if (Date.now() > end) {
      throw new Error(`timed out waiting for the ${store} store; it holds ${JSON.stringify(records).slice(0, 2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the app has read its storage, whether or not an article is open. */
export async function waitLoaded(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('.app')?.dataset.storage;
    return s !== undefined && s !== 'loading';
  });
}
