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
