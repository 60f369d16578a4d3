// Shared set-up for the end-to-end tests: serves the release build (dist/) on 127.0.0.1 and
// launches Debian's headless Chromium through playwright-core.
//
// Every test file starts with `const app = setup();`, the one fixture: it serves the build and
// launches the browser once per file, watches every page of every context opened through
// `app.browser`, fails each test that saw a console error or an uncaught page error (a Rust
// panic is one), and closes the test's contexts after it. Tests synchronise on conditions only:
// `expect(locator)` and `eventually(check)` below retry until they hold, never sleep.
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { before, after, beforeEach, afterEach } from 'node:test';
import { readFile, mkdir } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
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
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ (or the folder `root`) on an ephemeral loopback port. Returns
 * { url, close, root }: setting `root` serves another folder from then on (a new deploy).
 */
export async function serveDist(root = DIST) {
  const served = { root };
  const server = createServer(async (req, res) => {
    try {
      const base = served.root;
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = join(base, path.endsWith('/') ? join(path, 'index.html') : path);
      if (!file.startsWith(base)) throw new Error('outside the served folder');
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
  return Object.assign(served, { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
}

const ARGS = [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
];

// ---- The fixture: page errors fail the test ----

/** Console errors and uncaught page errors seen since the current test began. */
let pageErrors = [];
/** Contexts opened since the current test began; closed after it. */
let openContexts = [];

/**
 * Origins (`http://127.0.0.1:5984`) whose failed requests the current test expects; reset
 * before and after each test. See `allowNetworkErrors`.
 */
let allowedNetworkOrigins = new Set();

/**
 * Lets the current test's pages fail requests to `origin` (a URL or an origin, such as a
 * sync server the test stops or refuses on purpose) without failing the test: Chromium logs
 * each failed load as a console error "Failed to load resource: net::ERR_CONNECTION_REFUSED"
 * or "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
 * whose location is the resource's URL. Only those messages, and only for a resource of
 * `origin`, are let through; any other console error (a CORS refusal, a message the app logs,
 * a failed load from another origin) and every uncaught error still fail the test. Reset after
 * each test.
 *
 * (Chromium 156 through playwright-core 1.64 reports no console message at all for a failed
 * fetch made in a dedicated worker, so a worker's failures never reach this filter; a page's
 * do.)
 */
export function allowNetworkErrors(origin) {
  allowedNetworkOrigins.add(new URL(origin).origin);
}

/** Whether console message `m` is a failed load from an origin the test allowed. */
function allowedNetworkError(m) {
  if (!m.text().startsWith('Failed to load resource')) return false;
  try {
    return allowedNetworkOrigins.has(new URL(m.location().url).origin);
  } catch {
    return false;
  }
}

/** Collects console errors and uncaught page errors of `page` (a Rust panic shows up as one). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allowedNetworkError(m)) return;
    errors.push(m.text());
    pageErrors.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    errors.push(String(e));
    pageErrors.push(`uncaught error on ${page.url()}: ${e}`);
  });
  return errors;
}

/** A Content-Security-Policy violation is an error like any other: the fixture fails the test. */
async function reportCspViolations(context) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'an inline resource'}`);
    });
  });
}

/**
 * Launches headless Chromium (the flags TOOLCHAIN.md found necessary). Each test opens its
 * own context with `browser.newContext()`, so storage never leaks from one test to the next;
 * every page of such a context is watched for errors.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  const newContext = async (opts = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
    await reportCspViolations(context);
    context.on('page', (page) => watchErrors(page));
    openContexts.push(context);
    return context;
  };
  return { browser, newContext, close: () => browser.close() };
}

/**
 * A browser context with a profile on disk (`userDataDir`), in a browser of its own: what
 * Chromium requires before it calls an app installable (a context of `launch()` is incognito).
 * Watched and closed like the fixture's contexts.
 */
export async function persistentContext(userDataDir) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  await reportCspViolations(context);
  context.pages().forEach((page) => watchErrors(page));
  context.on('page', (page) => watchErrors(page));
  openContexts.push(context);
  return context;
}

/**
 * The fixture every test file uses: `const app = setup();` at the top level. Before the file's
 * tests it serves dist/ and launches the browser (`app.url`, `app.browser`, `app.server`);
 * after each test it fails the test if any page showed a console error or an uncaught error,
 * and closes the contexts the test opened.
 */
export function setup() {
  const app = { server: null, browser: null, url: null };
  before(async () => {
    app.server = await serveDist();
    app.url = app.server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  beforeEach(() => {
    pageErrors = [];
    openContexts = [];
    allowedNetworkOrigins = new Set();
  });
  afterEach(async () => {
    const errors = pageErrors;
    const contexts = openContexts;
    pageErrors = [];
    openContexts = [];
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    // Only once the pages are closed: a failed load reported while they close is still allowed.
    allowedNetworkOrigins = new Set();
    assert.deepEqual(errors, [], 'no console errors and no uncaught page errors');
  });
  return app;
}

// ---- Waiting for conditions ----

/**
 * Runs `check` (which throws, for example with `assert`, while its condition does not hold)
 * until it passes, and returns its result; after `timeout` ms rethrows its last error.
 */
export async function eventually(check, { timeout = 5000, interval = 25 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Whether `text` is `expected` (a string, compared exactly) or matches it (a RegExp). */
function textIs(text, expected) {
  return expected instanceof RegExp ? expected.test(text) : text === expected;
}

/**
 * The value of form field `field` once it has one: a dialog's field filled by an effect after
 * the dialog is drawn (the Replace text dialog's) is empty for a moment, and a test that read
 * it then would replace the article with its own few words (seen once on a loaded machine).
 */
export async function filledValue(field, { timeout = 5000 } = {}) {
  let value = '';
  await eventually(async () => {
    value = await field.inputValue({ timeout: 100 });
    assert.notEqual(value, '', `${field} is still empty`);
  }, { timeout });
  return value;
}

/**
 * Retrying assertions on a Playwright locator, as `@playwright/test`'s `expect` (which
 * playwright-core lacks): each waits until its condition holds, or fails after `timeout` ms
 * with what it saw last.
 */
export function expect(locator, { timeout = 5000 } = {}) {
  const wait = (check) => eventually(check, { timeout });
  const text = async () => (await locator.count()) === 1 ? locator.textContent({ timeout: 100 }) : null;
  return {
    /** The locator matches exactly `n` elements. */
    toHaveCount: (n) => wait(async () => assert.equal(await locator.count(), n, `count of ${locator}`)),
    /** The one element's text content is `expected` (string) or matches it (RegExp). */
    toHaveText: (expected) => wait(async () => {
      const t = await text();
      assert.ok(t !== null && textIs(t, expected), `text of ${locator}: ${JSON.stringify(t)}, expected ${expected}`);
    }),
    /** The one element's text content does not match `pattern`. */
    notToHaveText: (pattern) => wait(async () => {
      const t = await text();
      assert.ok(t !== null && !textIs(t, pattern), `text of ${locator}: ${JSON.stringify(t)}, expected not ${pattern}`);
    }),
    /** The one element's attribute `name` is `expected` (string) or matches it (RegExp). */
    toHaveAttribute: (name, expected) => wait(async () => {
      const v = (await locator.count()) === 1 ? await locator.getAttribute(name, { timeout: 100 }) : null;
      assert.ok(v !== null && textIs(v, expected), `${name} of ${locator}: ${JSON.stringify(v)}, expected ${expected}`);
    }),
    /** The one element (a form field) holds the value `expected`. */
    toHaveValue: (expected) => wait(async () => {
      const v = (await locator.count()) === 1 ? await locator.inputValue({ timeout: 100 }) : null;
      assert.ok(v !== null && textIs(v, expected), `value of ${locator}: ${JSON.stringify(v)}, expected ${expected}`);
    }),
    /** The one element (a checkbox or radio) is checked, or with `false` is not. */
    toBeChecked: (checked = true) => wait(async () => {
      const v = (await locator.count()) === 1 ? await locator.isChecked({ timeout: 100 }) : null;
      assert.equal(v, checked, `${locator} checked`);
    }),
    /** The one element's description (the text of what its `aria-describedby` names) is
     * `expected` (string) or matches it (RegExp). */
    toHaveDescription: (expected) => wait(async () => {
      const d = (await locator.count()) === 1 ? await locator.evaluate((el) => (el.getAttribute('aria-describedby') || '')
        .split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim(), null, { timeout: 100 }) : null;
      assert.ok(d !== null && textIs(d, expected), `description of ${locator}: ${JSON.stringify(d)}, expected ${expected}`);
    }),
    /** The elements' text contents are `expected`, in order. */
    toHaveTexts: (expected) => wait(async () => assert.deepEqual(await locator.allTextContents(), expected)),
    /** The one element has keyboard focus. */
    toBeFocused: () => wait(async () => {
      const focused = (await locator.count()) === 1 && await locator.evaluate((el) => el === document.activeElement, null, { timeout: 100 });
      assert.ok(focused, `${locator} has focus; the focus is on ${await describeFocus(locator.page())}`);
    }),
  };
}

/** The element that has focus in `page`, described for a failure message. */
export async function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const name = el.getAttribute('aria-label') || el.id || el.textContent?.trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}> ${JSON.stringify(name)}`;
  });
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * The pixels of a PNG that Chromium's screenshots write (8-bit RGB or RGBA, not interlaced),
 * as `{ width, height, at(x, y) → [r, g, b] }`: to check what was painted, not what the styles
 * say.
 */
export function pngPixels(png) {
  assert.equal(png.readUInt32BE(0), 0x89504e47, 'a PNG');
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const data = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, '8 bits per channel');
      assert.equal(body[12], 0, 'not interlaced');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `colour type ${body[9]} is RGB or RGBA`);
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const add = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + i] = (line[i] + add) & 0xff;
    }
  }
  return { width, height, at: (x, y) => [...out.subarray(y * stride + x * channels, y * stride + x * channels + 3)] };
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
 * the library has been read from storage and the article is shown. The page's errors are the
 * fixture's (see `setup`).
 */
export async function openApp(browserOrContext, url, context = null) {
  const ctx = context ?? (await browserOrContext.newContext());
  const page = await ctx.newPage();
  await page.goto(url);
  await waitReady(page);
  return { page, context: ctx };
}

/** Creates an article of `text` through the New article dialog; it opens. */
export async function createArticle(page, title, text) {
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Article text').fill(text);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Waits until the open article has been rendered and painted: the app clears its opening
 * mark then (`core::articles::OPENING_KEY` in `sessionStorage`). A reload before would find
 * the mark and, as after a crash, show the library instead of the article. */
export async function waitPainted(page) {
  await page.waitForFunction(() => sessionStorage.getItem('article-annotator-opening') === null);
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
