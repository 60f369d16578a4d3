// The background worker: imports and text replacement run in a Web Worker built with the app
// (src/bin/worker.rs), started on first use, with a progress bar and a Cancel button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, dragSelect, expect, eventually, screenshot, createArticle, filledValue } from './harness.mjs';

const app = setup();

const LOADER = 'annotator-worker_loader.js';
const importInput = (page) => page.getByLabel('Import annotations');
const progress = (page) => page.getByRole('progressbar', { name: 'Import progress' });
const cancel = (page) => page.locator('.job-progress').getByRole('button', { name: 'Cancel', exact: true });
const preview = (page) => page.getByRole('dialog', { name: 'Import preview' });

async function importFile(page, name, text) {
  await importInput(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** The workers the page has started, by script URL, as Playwright saw them. */
function watchWorkers(page) {
  const seen = [];
  page.on('worker', (w) => {
    // Only the import worker: the suggester starts with every article shown.
    if (!w.url().includes('annotator-worker')) return;
    const entry = { url: w.url(), closed: false };
    w.on('close', () => { entry.closed = true; });
    seen.push(entry);
  });
  return seen;
}

/** A deterministic article of `n` generated words (no third-party text), one paragraph. */
function generatedText(n) {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'del', 'sun', 'ar', 'pex', 'quo', 'bri'];
  let seed = 12345;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const words = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + ((next() >> 16) % 3);
    let w = '';
    for (let j = 0; j < len; j++) w += syllables[(next() >> 16) % syllables.length];
    words.push(w);
  }
  return words.join(' ') + '.';
}

/**
 * A W3C file of `n` annotations nested inside each other around the middle of `text` (each
 * one word wider on both sides than the next), quote-only as another tool might write them.
 */
function nestedW3c(text, n) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === ' ') starts.push(i + 1);
  const mid = Math.floor(starts.length / 2);
  const items = [];
  for (let i = 0; i < n; i++) {
    const a = starts[Math.max(0, mid - 1 - i)];
    const endWord = Math.min(starts.length - 1, mid + i + 1);
    const b = starts[endWord] - 1;
    items.push({
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:x:nested:${i}`, type: 'Annotation',
      target: { source: 'https://generated.example/article', selector: {
        type: 'TextQuoteSelector', exact: text.slice(a, b),
        prefix: text.slice(Math.max(0, a - 32), a), suffix: text.slice(b, b + 32),
      } },
    });
  }
  return JSON.stringify(items);
}

test('an import runs in the worker, started only then, and shows the preview', async () => {
  const { page } = await openApp(app.browser, app.url);
  const workers = watchWorkers(page);
  // Nothing of the worker is loaded before the first import.
  assert.deepEqual(page.workers().map((w) => w.url()).filter((u) => u.includes('annotator-worker')), []);
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(!scripts.some((s) => s.includes('annotator-worker')), scripts.join('\n'));

  const w3c = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:1',
    target: { source: 'https://elsewhere.example/a', selector: { type: 'TextQuoteSelector', exact: 'more than 19,000 strikes' } } };
  await importFile(page, 'one.json', JSON.stringify(w3c));
  await expect(preview(page)).toHaveText(/1 annotation added/);
  assert.equal(workers.length, 1, 'one worker was started');
  assert.ok(workers[0].url.endsWith(LOADER), workers[0].url);
  await preview(page).getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('article mark')).toHaveTexts(['more than 19,000 strikes']);
  await expect(progress(page)).toHaveCount(0);
  // The same worker serves the next job (it is started once, not per job).
  await page.getByRole('button', { name: 'Replace text' }).click();
  const dialog = page.getByRole('dialog', { name: "Replace the article's text" });
  const field = dialog.getByLabel('New text');
  await field.fill('Added first.\n\n' + await filledValue(field));
  await dialog.getByRole('button', { name: 'Replace' }).click();
  // A loaded machine can take a while for the second run: wait for the condition, not a time.
  await expect(page.getByRole('status').filter({ hasText: 'Text replaced' }), { timeout: 30_000 }).toHaveText(/1 annotation still on its text/);
  await expect(page.locator('article p').first(), { timeout: 30_000 }).toHaveText('Added first.');
  assert.equal(workers.length, 1, 'no second worker');
});

test('an export is built in the worker, then downloaded', async () => {
  const { page } = await openApp(app.browser, app.url);
  const workers = watchWorkers(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption({ label: 'CSV' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toHaveText(/\.csv/);
  assert.equal(workers.length, 1, 'the worker built it');
  assert.ok(workers[0].url.endsWith(LOADER), workers[0].url);
});

test('a large file shows its progress, keys are handled meanwhile, and the preview follows', async () => {
  const { page } = await openApp(app.browser, app.url);
  const text = generatedText(3000);
  await createArticle(page, 'Generated report', text);
  // Every value the progress bar shows, and when the shortcuts help opened, recorded in the page.
  await page.evaluate(() => {
    window.__progress = [];
    window.__helpOpenedWhileBusy = null;
    window.__keyAt = null;
    window.__helpAt = null;
    document.addEventListener('keydown', (e) => { if (e.key === '?') window.__keyAt = performance.now(); }, true);
    new MutationObserver(() => {
      const bar = document.querySelector('.job-progress progress');
      const v = bar?.getAttribute('value');
      if (v !== null && v !== undefined && window.__progress.at(-1) !== `${v}/${bar.getAttribute('max')}`) {
        window.__progress.push(`${v}/${bar.getAttribute('max')}`);
      }
      const help = [...document.querySelectorAll('[role=dialog]')].some((d) => d.textContent.includes('Keyboard shortcuts'));
      if (help && window.__helpOpenedWhileBusy === null) {
        window.__helpOpenedWhileBusy = bar !== null;
        window.__helpAt = performance.now();
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const file = nestedW3c(text, 1500);
  await importFile(page, 'nested.json', file);
  await progress(page).waitFor();
  // The page answers a key while the worker reads the file.
  await page.locator('article').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await screenshot(page, 'worker-progress');
  assert.equal(await page.evaluate(() => window.__helpOpenedWhileBusy), true, 'the help opened while the import ran');
  // From the key press to the dialog in the DOM: the page is not blocked by the import (the
  // issue's goal is 50 ms; the bound here leaves room for a loaded test machine).
  const latency = await page.evaluate(() => window.__helpAt - window.__keyAt);
  console.log(`key press to shortcuts help while importing: ${latency.toFixed(1)} ms`);
  assert.ok(latency >= 0 && latency < 1000, `the key was handled in ${latency} ms`);
  // The import ends while the help is open; its preview waits for the help to be closed rather
  // than taking the focus and the keys from it (a preview opened over the help once took the
  // Escape meant for the help, and was cancelled by it).
  await expect(progress(page), { timeout: 120_000 }).toHaveCount(0);
  await expect(help).toHaveCount(1);
  await expect(preview(page)).toHaveCount(0);
  await help.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(preview(page)).toHaveText(/1500 annotations added|1,500 annotations added/);
  const seen = await page.evaluate(() => window.__progress);
  assert.ok(seen.length >= 2, `progress was shown as it advanced: ${seen.join(' ')}`);
  assert.ok(seen.every((s) => s.endsWith('/1500')), seen.join(' '));
  const values = seen.map((s) => Number(s.split('/')[0]));
  assert.ok(values.every((v, i) => i === 0 || v > values[i - 1]), `progress only grows: ${values}`);
  await preview(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('article mark')).toHaveCount(0);
});

test('Cancel stops the worker and leaves the library as it was', async () => {
  const { page } = await openApp(app.browser, app.url);
  const workers = watchWorkers(page);
  const text = generatedText(3000);
  await createArticle(page, 'Generated report', text);
  // The New article dialog ran a worker of its own (the extractor), ended with it.
  const before = workers.length;
  assert.ok(workers.every((w) => w.url.endsWith('annotator-extractor_loader.js')), JSON.stringify(workers));
  await eventually(() => assert.ok(workers.every((w) => w.closed), 'the dialog\'s worker ended with the dialog'));
  // One annotation before the import; the same one after the cancelled import.
  const first = text.split(' ').slice(0, 2).join(' ');
  await importFile(page, 'first.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation', id: 'urn:x:first', target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: first } } }));
  await preview(page).getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('article mark')).toHaveTexts([first]);
  assert.equal(workers.length, before + 1);

  // Cancel is clicked as soon as the worker reports its first count, from inside the page, so
  // the click lands while the job is running however fast the worker is (its result, if
  // already posted, is a later message than that count).
  await page.evaluate(() => {
    window.__cancelledAt = null;
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('.job-progress progress[value]');
      if (!bar) return;
      observer.disconnect();
      window.__cancelledAt = `${bar.getAttribute('value')}/${bar.getAttribute('max')}`;
      document.querySelector('.job-progress button').click();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await importFile(page, 'nested.json', nestedW3c(text, 1500));
  await eventually(async () => assert.match(await page.evaluate(() => window.__cancelledAt) ?? '', /^\d+\/1500$/),
    { timeout: 60_000 });
  await expect(progress(page)).toHaveCount(0);
  // The worker running the job is terminated: no result of it can arrive any more.
  await eventually(() => assert.equal(workers[before].closed, true, 'the worker was terminated'), { timeout: 10_000 });
  await expect(preview(page)).toHaveCount(0);
  await expect(page.locator('article mark')).toHaveTexts([first]);
  assert.equal(await page.getByRole('alert').count(), 0, 'a cancel is no error');

  // The next job starts a new worker and works.
  await importFile(page, 'again.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation', id: 'urn:x:again', target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: first } } }));
  await expect(preview(page)).toHaveText(/1 annotation added/);
  assert.equal(workers.length, before + 2, 'a fresh worker');
});

/**
 * A context without the service worker, for the tests that hold back or replace the worker's
 * script with `context.route`: a request the service worker answers from its cache never
 * reaches a route.
 */
const unserved = () => app.browser.newContext({ serviceWorkers: 'block' });

test('a job cancelled before the worker has loaded never arrives', async () => {
  const { page, context } = await openApp(app.browser, app.url, await unserved());
  // The first worker's script is held back; later ones load.
  const held = [];
  await context.route(`**/${LOADER}`, (route) => {
    held.push(route);
    if (held.length > 1) route.continue();
  });
  await importFile(page, 'held.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation', id: 'urn:x:held', target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: 'Jeff Sessions' } } }));
  await progress(page).waitFor();
  await eventually(() => assert.equal(held.length, 1, 'the worker was asked for'));
  await cancel(page).click();
  await expect(progress(page)).toHaveCount(0);
  // A later import works, in a new worker (the cancelled job's one was dropped, not reused),
  // and is the only one previewed.
  await importFile(page, 'later.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation', id: 'urn:x:later', target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: 'more than 19,000 strikes' } } }));
  await expect(preview(page)).toHaveText(/later\.json/);
  await expect(preview(page)).notToHaveText(/held\.json/);
  assert.equal(held.length, 2, 'a second worker was started for the later job');
  // Let the held script through, if its request did not go with the terminated worker.
  await held[0].continue().catch(() => {});
  await preview(page).getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('article mark')).toHaveTexts(['more than 19,000 strikes']);
  await expect(preview(page)).toHaveCount(0);
  assert.equal(await page.getByRole('alert').count(), 0, 'a cancel is no error');
});

test('an edit made while a text replacement runs is kept', async () => {
  const { page, context } = await openApp(app.browser, app.url, await unserved());
  // The worker's script is held back, so the replacement waits while the user tags.
  const held = [];
  await context.route(`**/${LOADER}`, (route) => { held.push(route); });
  await page.getByRole('button', { name: 'Replace text' }).click();
  const dialog = page.getByRole('dialog', { name: "Replace the article's text" });
  const field = dialog.getByLabel('New text');
  await field.fill('Added first.\n\n' + await filledValue(field));
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await page.getByRole('progressbar', { name: 'Text replacement progress' }).waitFor();
  await eventually(() => assert.equal(held.length, 1, 'the worker was asked for'));
  // Meanwhile the page is usable: a claim is tagged.
  await dragSelect(page, 'more than 19,000 strikes');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(page.locator('article mark')).toHaveTexts(['more than 19,000 strikes']);
  // The replacement, made from the library before the claim, runs again on the new one.
  await held[0].continue();
  // A loaded machine can take a while for the second run: wait for the condition, not a time.
  await expect(page.getByRole('status').filter({ hasText: 'Text replaced' }), { timeout: 30_000 }).toHaveText(/1 annotation still on its text/);
  try {
    await expect(page.locator('article p').first(), { timeout: 30_000 }).toHaveText('Added first.');
  } catch (e) {
    // This wait failed in three CI runs (2026-12-01): the dialog's field was bound to the old
    // text, and the suggestions arriving between the paste and the click put it back, so the
    // old text was "replaced" by itself (fixed; web_components has the test). What the page
    // shows is printed if it ever fails again.
    const shown = await page.evaluate(() => ({
      notices: [...document.querySelectorAll('[role=status], [role=alert]')].map((n) => n.textContent),
      title: document.querySelector('article')?.getAttribute('aria-label'),
      paragraphs: document.querySelectorAll('article p').length,
      first: document.querySelector('article p')?.textContent.slice(0, 80),
      progress: [...document.querySelectorAll('[role=progressbar]')].map((p) => p.getAttribute('aria-label')),
    }));
    console.log(`the replacement not shown: ${JSON.stringify(shown)}`);
    throw e;
  }
  await expect(page.locator('article mark')).toHaveTexts(['more than 19,000 strikes']);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('a worker that fails is reported, and nothing changes', async () => {
  const { page, context } = await openApp(app.browser, app.url, await unserved());
  await context.route(`**/${LOADER}`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: 'throw new Error("the worker failed to start");',
  }));
  await importFile(page, 'one.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation', id: 'urn:x:1', target: { source: 'https://x.example/', selector: { type: 'TextQuoteSelector', exact: 'Jeff Sessions' } } }));
  const alert = page.getByRole('alert').filter({ hasText: 'background worker' });
  await expect(alert).toHaveText(/stopped with an error.*Nothing was changed/);
  await expect(progress(page)).toHaveCount(0);
  await expect(preview(page)).toHaveCount(0);
  await expect(page.locator('article mark')).toHaveCount(0);
});
