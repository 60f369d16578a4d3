// Local-first storage and the article library: "nothing is ever lost". Every test runs the
// release build in headless Chromium, in its own browser context (so its own IndexedDB), and
// checks what the user sees and, where it matters, what IndexedDB holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  setup, openApp, dragSelect, screenshot, waitReady, waitLoaded, idbAll, idbPut, waitForRecords, createArticle,
  expect, eventually,
} from './harness.mjs';

const app = setup();

/** `core::text::SAMPLE_ARTICLE_ID`. */
const SAMPLE_ID = '5a4d91e0-0b1e-4c1a-8a7e-000000000001';

const panel = (page) => page.getByRole('complementary', { name: 'Annotations' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const items = (page) => panel(page).getByRole('list', { name: 'Annotation list' }).getByRole('listitem');
const library = (page) => page.getByRole('region', { name: 'Library' });
const entries = (page) => library(page).locator('li.library-entry');
const entry = (page, title) => entries(page).filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const newDialog = (page) => page.getByRole('dialog', { name: 'New article' });
const libraryButton = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ });

async function tag(page, text, kind) {
  // A page behind another one is throttled (its animation frames wait), as a background tab.
  await page.bringToFront();
  await dragSelect(page, text);
  await toolbar(page).getByRole('button', { name: kind, exact: true }).click();
  await editor(page).waitFor();
}

/** Types a note for the selected annotation and commits it (the field saves on change). */
async function setNote(page, note) {
  const field = editor(page).getByLabel('Note');
  await field.fill(note);
  await field.press('Tab');
}

/** Selects the annotation whose list item contains `text`. */
async function selectItem(page, text) {
  await page.bringToFront();
  await items(page).filter({ hasText: text }).getByRole('button').first().click();
  await editor(page).waitFor();
}

const annotationRecords = (page) => idbAll(page, 'annotations');
const byExact = (records, exact) => records.find((r) => r.value?.quote?.exact === exact);

/** Waits until the sample article (seeded on first open) is in IndexedDB. */
async function sampleSaved(page) {
  await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.key === SAMPLE_ID));
}

/** Opens the New article dialog from the library. */
async function openNewDialog(page) {
  await libraryButton(page).click();
  await library(page).getByRole('button', { name: 'New article' }).click();
  await newDialog(page).waitFor();
  return newDialog(page);
}

/** When the selected annotation of `page` was last modified (ms), as its editor shows it. */
async function modifiedAt(page) {
  const meta = await editor(page).getByText(/modified \S+Z$/).textContent();
  const at = Date.parse(meta.match(/modified (\S+Z)$/)[1]);
  assert.ok(Number.isFinite(at), meta);
  return at;
}

async function reload(page) {
  await page.reload();
  await waitReady(page);
}

// ---------------------------------------------------------------------------------------
// 1. Reloading keeps annotations and articles.

test('a claim with a note survives a reload, highlight and note', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await setNote(page, 'Check the coalition fact sheet');
  // Wait until the write has reached IndexedDB, then reload.
  await waitForRecords(page, 'annotations',
    (rs) => rs.some((r) => r.value.note === 'Check the coalition fact sheet'));
  await reload(page);
  const mark = page.locator('article mark.hl-claim');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText('more than 19,000 strikes');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/Check the coalition fact sheet/);
  await selectItem(page, 'more than 19,000 strikes');
  await expect(editor(page).getByLabel('Note')).toHaveValue('Check the coalition fact sheet');
});

// Regression: a change made less than ~150 ms before a reload used to be lost, because
// Chromium drops an IndexedDB transaction started while the page unloads. Pending writes are
// now also journalled to localStorage on pagehide and replayed on the next start
// (src/web/persist.rs, core::storage::replay_journal).
test('a change made just before a reload is not lost (flushed on pagehide)', async () => {
  const { page } = await openApp(app.browser, app.url);
  await sampleSaved(page);
  await tag(page, 'Jeff Sessions', 'Quote');
  await setNote(page, 'written right before the reload');
  // No waiting for the debounced write: the page is reloaded at once.
  await reload(page);
  await expect(page.locator('article mark.hl-quote')).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/written right before the reload/);
});

test('an article made with the New article dialog is in the library after a reload', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openNewDialog(page);
  await dialog.getByLabel('Title').fill('Harbour report');
  await dialog.getByLabel('Source URL').fill('https://example.org/harbour');
  await dialog.getByLabel('Article text').fill('The harbour handled 3 million containers.\n\nThe mayor called it a record year.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour report');
  await expect(page.locator('article p')).toHaveTexts(
    ['The harbour handled 3 million containers.', 'The mayor called it a record year.']);
  await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.value.title === 'Harbour report'));
  await reload(page);
  await libraryButton(page).click();
  await expect(libraryButton(page)).toHaveText(/Library \(2\)/);
  await expect(entry(page, 'Harbour report')).toHaveCount(1);
  await entry(page, 'Harbour report').getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('article p')).toHaveTexts(
    ['The harbour handled 3 million containers.', 'The mayor called it a record year.']);
});

// Issue 12 (provenance): every article keeps when and from where its text was captured and
// the SHA-256 of that text; the library shows them.
test('the library shows when an article was captured and the SHA-256 of its text', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openNewDialog(page);
  await dialog.getByLabel('Title').fill('Çavuşoğlu’s harbour');
  await dialog.getByLabel('Source URL').fill('https://example.org/harbour');
  await dialog.getByLabel('Article text').fill('Minister Çavuşoğlu said “3 million containers” 😀.\n\nA record year.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  const records = await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.value.title === 'Çavuşoğlu’s harbour'));
  const stored = records.find((r) => r.value.title === 'Çavuşoğlu’s harbour').value;
  // The hash is of the text as stored (UTF-8), computed here independently of the app.
  const sha = createHash('sha256').update(stored.text, 'utf8').digest('hex');
  assert.equal(stored.captured.sha256, sha);
  assert.equal(stored.captured.from, 'https://example.org/harbour');
  await libraryButton(page).click();
  const meta = entry(page, 'Çavuşoğlu’s harbour').locator('.library-meta');
  await expect(meta.locator('.library-captured')).toHaveText(`Captured ${new Date().toISOString().slice(0, 10)}`);
  const hash = meta.getByLabel(`SHA-256 of the captured text: ${sha}`);
  await expect(hash).toHaveText(`SHA-256 ${sha.slice(0, 16)}…`);
  assert.equal(await hash.getAttribute('title'), sha);
  await screenshot(page, 'library-provenance');
});

// ---------------------------------------------------------------------------------------
// 2. Two pages of one browser context.

async function twoPages() {
  const context = await app.browser.newContext();
  const a = await openApp(null, app.url, context);
  await sampleSaved(a.page);
  const b = await openApp(null, app.url, context);
  return { context, A: a.page, B: b.page };
}

/**
 * An Annotator JSON file with one article of `words` words (`word0 word1 …`, 20 a line) and a
 * claim on every other word, `count` claims in all.
 */
function manyClaims(title, words, count) {
  const articleId = '0badc0de-0000-4000-8000-0000000000a1';
  const list = Array.from({ length: words }, (_, i) => `word${i}`);
  const lines = [];
  for (let i = 0; i < words; i += 20) lines.push(list.slice(i, i + 20).join(' '));
  const text = lines.join('\n');
  const annotations = [];
  let at = 0;
  const starts = list.map((w) => { const s = at; at += w.length + 1; return s; });
  for (let n = 0; n < count; n++) {
    const i = 2 * n;
    const start = starts[i];
    const end = start + list[i].length;
    annotations.push({
      id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      article_id: articleId, start, end,
      quote: { exact: list[i], prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
      note: '', tags: [], kind: 'claim', claimant: '', verdict: 'unverified', evidence: [],
      anchoring: 'anchored',
    });
  }
  return JSON.stringify({ format: 'article-annotator', version: 1, exported: '2026-01-01T00:00:00.000Z',
    articles: [{ id: articleId, title, text }], annotations });
}

/** Counts, in `page`, the messages the app's tabs send each other (a channel object of its
 * own hears every other one of the same name, so it hears the other page's). */
async function listenToSync(page) {
  await page.evaluate(() => {
    window.heardSync = [];
    window.syncChannel = new BroadcastChannel('article-annotator');
    window.syncChannel.onmessage = (e) => window.heardSync.push(e.data);
  });
  return () => page.evaluate(() => window.heardSync.map((m) => {
    const v = JSON.parse(m);
    return { type: v.type, v: v.v, records: v.records?.length ?? 1 };
  }));
}

// Issue 11: another page received one message per record written, 1,501 for this import. The
// importing page's worker writes them and hands them over in batches of at most 100 records or 64 KiB
// (each applied in a task of its own), which the page passes on to other pages as they are.
test('an import of 1,500 annotations in one page reaches the other page in at most twenty bounded messages, and it shows them', async () => {
  const { A, B } = await twoPages();
  const heard = await listenToSync(B);
  await A.bringToFront();
  await A.getByLabel('Import annotations').setInputFiles({
    name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(manyClaims('Many claims', 3000, 1500)),
  });
  const preview = A.getByRole('dialog', { name: 'Import preview' });
  await expect(preview, { timeout: 30_000 }).toHaveText(/1,?500 annotations added/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(A.getByRole('status').filter({ hasText: 'many.json' }).locator('span'), { timeout: 30_000 })
    .toHaveText(/^Imported “many\.json”: 1 article and 1,?500 annotations added\.$/);
  const messages = await eventually(async () => {
    const m = await heard();
    assert.equal(m.reduce((n, x) => n + x.records, 0), 1501, JSON.stringify(m));
    return m;
  }, { timeout: 15_000 });
  // At most 100 records or 64 KiB each (the article's text fills most of the first).
  assert.ok(messages.every((m) => m.type === 'batch' && m.v === 1 && m.records >= 1 && m.records <= 100), JSON.stringify(messages));
  assert.ok(messages.length >= 16 && messages.length <= 20, `${messages.length} messages`);
  // The other page shows the imported article and its claims.
  await B.bringToFront();
  await libraryButton(B).click();
  await expect(entry(B, 'Many claims').locator('.library-counts')).toHaveText(/^1,?500 claims, 0 quotes$/);
  await entry(B, 'Many claims').getByRole('button', { name: 'Open' }).click();
  await expect(B.locator('article mark.hl-claim'), { timeout: 15_000 }).toHaveCount(1500);
  await expect(B.locator('article mark.hl-claim').first()).toHaveText('word0');
});

test('a claim made in one page appears in the other within a second', async () => {
  const { A, B } = await twoPages();
  await expect(B.locator('article mark')).toHaveCount(0);
  await tag(A, 'more than 19,000 strikes', 'Claim');
  const t0 = Date.now();
  await B.locator('article mark.hl-claim').waitFor({ timeout: 1000 });
  const took = Date.now() - t0;
  assert.ok(took < 1000, `took ${took} ms`);
  await expect(B.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
  await expect(items(B)).toHaveCount(1);
});

test('two pages editing different annotations at once: both edits survive a reload of both', async () => {
  const { A, B } = await twoPages();
  await tag(A, 'more than 19,000 strikes', 'Claim');
  await tag(A, 'Jeff Sessions', 'Quote');
  await B.locator('article mark').nth(1).waitFor({ timeout: 2000 });
  await expect(items(B)).toHaveCount(2);
  await selectItem(A, '19,000');
  await selectItem(B, 'Jeff Sessions');
  // Both type, then both commit within the write delay: neither has seen the other's write.
  await editor(A).getByLabel('Note').fill('note from A');
  await editor(B).getByLabel('Note').fill('note from B');
  await Promise.all([
    editor(A).getByLabel('Note').press('Tab'),
    editor(B).getByLabel('Note').press('Tab'),
  ]);
  await waitForRecords(A, 'annotations', (rs) =>
    rs.some((r) => r.value.note === 'note from A') && rs.some((r) => r.value.note === 'note from B'));
  for (const page of [A, B]) {
    await page.waitForFunction(() => {
      const t = document.querySelector('aside')?.textContent ?? '';
      return t.includes('note from A') && t.includes('note from B');
    }, null, { timeout: 2000 });
  }
  await reload(A);
  await reload(B);
  for (const page of [A, B]) {
    await expect(items(page)).toHaveCount(2);
    await expect(items(page).filter({ hasText: '19,000' })).toHaveText(/note from A/);
    await expect(items(page).filter({ hasText: 'Jeff Sessions' })).toHaveText(/note from B/);
  }
});

test('two pages editing the same annotation: the later edit wins on both pages', async () => {
  const { A, B } = await twoPages();
  await tag(A, 'more than 19,000 strikes', 'Claim');
  await items(B).first().waitFor({ timeout: 2000 });
  await selectItem(B, '19,000');
  await editor(A).getByLabel('Note').fill('earlier, from A');
  await editor(B).getByLabel('Note').fill('later, from B');
  // A commits; B commits as soon as A's edit is made and B's clock has passed its time, before
  // A's write (debounced 150 ms) reaches B.
  await editor(A).getByLabel('Note').press('Tab');
  await expect(items(A).first()).toHaveText(/earlier, from A/);
  await B.waitForFunction((t) => Date.now() > t, await modifiedAt(A));
  await editor(B).getByLabel('Note').press('Tab');
  for (const page of [A, B]) {
    await page.waitForFunction(() => {
      const t = document.querySelector('aside ul.items')?.textContent ?? '';
      return t.includes('later, from B') && !t.includes('earlier, from A');
    }, null, { timeout: 3000 }).catch(async () => {
      throw new Error(`page ${page === A ? 'A' : 'B'} shows: ${await items(page).first().textContent()}`);
    });
  }
  await waitForRecords(A, 'annotations', (rs) => rs.length === 1 && rs[0].value.note === 'later, from B');
  await reload(A);
  await reload(B);
  for (const page of [A, B]) {
    await expect(items(page).first()).toHaveText(/later, from B/);
  }
});

test('an undo in one page reaches the other page and storage as the latest change', async () => {
  const { A, B } = await twoPages();
  await A.bringToFront();
  await tag(A, 'more than 19,000 strikes', 'Claim');
  await editor(A).getByLabel('Note').fill('first note');
  await editor(A).getByLabel('Note').press('Tab');
  await B.waitForFunction(() => document.querySelector('aside ul.items')?.textContent.includes('first note'), null, { timeout: 3000 });
  // Edits of one field less than a second apart are one undo step: wait until A's clock is
  // past that.
  await A.waitForFunction((t) => Date.now() > t + 1000, await modifiedAt(A));
  await A.bringToFront();
  await editor(A).getByLabel('Note').fill('second note');
  await editor(A).getByLabel('Note').press('Tab');
  await B.waitForFunction(() => document.querySelector('aside ul.items')?.textContent.includes('second note'), null, { timeout: 3000 });
  // Undo in A: the note goes back to "first note" in A, in B and in IndexedDB.
  await A.bringToFront();
  await A.getByRole('button', { name: 'Undo' }).click();
  await expect(items(A).first()).toHaveText(/first note/);
  await B.waitForFunction(() => document.querySelector('aside ul.items')?.textContent.includes('first note'), null, { timeout: 3000 });
  await waitForRecords(A, 'annotations', (rs) => rs.length === 1 && rs[0].value.note === 'first note');
  await reload(B);
  await expect(items(B).first()).toHaveText(/first note/);
});

// Regression: another page's change to the same annotation used to reset a field that held
// typed, uncommitted text. A focused field now keeps what is typed (panel.rs, `editing`), and
// the later commit wins everywhere.
test('typing in progress is not wiped by the other page\'s edit to the same annotation; the later edit wins', async () => {
  const { A, B } = await twoPages();
  await tag(A, 'Jeff Sessions', 'Quote');
  await items(B).first().waitFor({ timeout: 2000 });
  await selectItem(B, 'Jeff Sessions');
  await editor(B).getByLabel('Note').fill('B is still typing this');
  await editor(A).getByLabel('Note').fill('from A');
  await editor(A).getByLabel('Note').press('Tab');
  await B.waitForFunction(() => document.querySelector('aside ul.items')?.textContent.includes('from A'),
    null, { timeout: 2000 });
  assert.equal(await editor(B).getByLabel('Note').inputValue(), 'B is still typing this',
    'the text being typed in B is still in its field');
  await editor(B).getByLabel('Note').press('Tab');
  for (const page of [A, B]) {
    await page.waitForFunction(() => document.querySelector('aside ul.items')?.textContent.includes('B is still typing this'),
      null, { timeout: 3000 });
  }
});

// ---------------------------------------------------------------------------------------
// 3. A write that fails (storage full).

const FAIL_WRITES = () => {
  window.__failWrites = false;
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.__failWrites) throw new DOMException('full', 'QuotaExceededError');
    return put.apply(this, args);
  };
};

test('storage full: an alert offers Export everything, the work stays, and the retry saves it', async () => {
  // This test once caught `Db::apply` returning before the aborted transaction reported its
  // abort, dropping the closures its handlers pointed to (a page error at each failed retry):
  // the shared fixture fails it on any page error.
  const context = await app.browser.newContext();
  await context.addInitScript(FAIL_WRITES);
  const { page } = await openApp(null, app.url, context);
  // Something saved before the failure.
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await setNote(page, 'saved before the failure');
  await waitForRecords(page, 'annotations', (rs) => rs.some((r) => r.value.note === 'saved before the failure'));

  await page.evaluate(() => { window.__failWrites = true; });
  await tag(page, 'Jeff Sessions', 'Quote');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(/storage.*full/i);
  const exportButton = alert.getByRole('button', { name: 'Export everything' });
  await expect(exportButton).toHaveCount(1);
  await expect(page.locator('.app')).toHaveAttribute('data-storage', 'failing');
  // The new quote is still on screen, and the earlier claim is untouched in IndexedDB.
  await expect(page.locator('article mark.hl-quote')).toHaveText('Jeff Sessions');
  await expect(items(page)).toHaveCount(2);
  const during = await annotationRecords(page);
  assert.equal(during.length, 1);
  assert.equal(during[0].value.note, 'saved before the failure');
  await screenshot(page, 'storage-full');

  // Export everything works while writes fail, and holds both annotations.
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const exported = await readFile(path, 'utf8');
  assert.ok(exported.includes('Jeff Sessions') && exported.includes('saved before the failure'),
    'the export holds the unsaved quote and the saved claim');

  // Storage frees up: the retry succeeds within a few seconds.
  await page.evaluate(() => { window.__failWrites = false; });
  await page.waitForFunction(() => document.querySelector('.app')?.dataset.storage === 'saving',
    null, { timeout: 6000 });
  await page.locator('.banner.error').waitFor({ state: 'detached', timeout: 1000 });
  await expect(page.getByRole('alert').filter({ hasText: /full/ })).toHaveCount(0);
  await waitForRecords(page, 'annotations', (rs) => rs.length === 2);
  await reload(page);
  await expect(page.locator('article mark.hl-quote')).toHaveText('Jeff Sessions');
  await expect(page.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
  await expect(items(page).filter({ hasText: '19,000' })).toHaveText(/saved before the failure/);
});

// ---------------------------------------------------------------------------------------
// 4. A record the app cannot read.

test('a corrupted or newer-version record is reported by key, kept unchanged, and the rest loads', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await waitForRecords(page, 'annotations', (rs) => rs.length === 1);
  const newer = {
    v: 99, id: '00000000-0000-4000-8000-00000000beef', article_id: SAMPLE_ID,
    shape: 'something a later version writes', start: 0, end: 5,
  };
  const missing = { v: 1, id: '00000000-0000-4000-8000-00000000dead', article_id: SAMPLE_ID, note: 'no span' };
  await idbPut(page, 'annotations', newer);
  await idbPut(page, 'annotations', missing);
  await reload(page);

  await expect(page.getByRole('alert').filter({ hasText: newer.id })).toHaveText(/newer version/);
  await expect(page.getByRole('alert').filter({ hasText: missing.id })).toHaveText(/no “start” field|not loaded/);
  // The article and the readable annotation still load.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\S/);
  await expect(page.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
  await expect(items(page)).toHaveCount(1);

  // A later change is saved, and the broken records are left exactly as they were.
  await tag(page, 'Jeff Sessions', 'Quote');
  await waitForRecords(page, 'annotations', (rs) => rs.some((r) => r.value.quote?.exact === 'Jeff Sessions'));
  const after = await annotationRecords(page);
  assert.deepEqual(after.find((r) => r.key === newer.id)?.value, newer);
  assert.deepEqual(after.find((r) => r.key === missing.id)?.value, missing);
  assert.equal(after.length, 4);
  await screenshot(page, 'corrupted-record');
});

// ---------------------------------------------------------------------------------------
// 5. New articles from pasted HTML and from files.

// As Chromium puts a copied selection on the clipboard: a fragment with a meta tag, no <title>.
const PASTED_HTML = `<meta charset="utf-8"><body>
<script>window.__pwned = 1; document.title = "evil script text"</script>
<h1>Port strike ends after 9 days</h1>
<p>Dockers &amp; shippers agreed on a 4&nbsp;% raise &mdash; officials said.</p>
<img src="x" onerror="window.__pwned = 2">
<p>&ldquo;It&rsquo;s over,&rdquo; said the union&#39;s leader.</p>
</body></html>`;

test('pasting rich HTML into Article text gives plain blocks, suggests a title, and creates the article', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openNewDialog(page);
  const area = dialog.getByLabel('Article text');
  await area.focus();
  const handled = await area.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'plain fallback');
    const ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    el.dispatchEvent(ev);
    return ev.defaultPrevented;
  }, PASTED_HTML);
  assert.equal(handled, true, 'the app handles the HTML paste itself');
  // The worker reads the pasted page; a fragment this short is not taken for an article, so
  // all of its text is used, and the dialog says so.
  await expect(dialog.getByRole('status')).toHaveText(/Nothing in the pasted text looks like an article, so its whole text is used/);
  const value = await area.inputValue();
  assert.doesNotMatch(value, /evil script text|__pwned|<script|onerror|<p>|&amp;|&nbsp;|&mdash;/);
  assert.match(value, /Dockers & shippers agreed on a 4\u00a0% raise — officials said\./);
  assert.match(value, /“It’s over,” said the union's leader\./);
  const lines = value.split('\n').filter((l) => l.trim() !== '');
  assert.ok(lines.length >= 2, value);
  await expect(dialog.getByLabel('Title')).toHaveValue(/Port strike ends after 9 days/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing pasted ran');

  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Port strike ends after 9 days/);
  const blocks = await page.locator('article p').allTextContents();
  assert.ok(blocks.includes('Dockers & shippers agreed on a 4\u00a0% raise — officials said.'), JSON.stringify(blocks));
  assert.ok(blocks.includes('“It’s over,” said the union\'s leader.'), JSON.stringify(blocks));
  assert.ok(!blocks.some((b) => /script|pwned/.test(b)), JSON.stringify(blocks));
  assert.equal(await page.locator('article script, article img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('Open file reads an .html file, a .txt file and a .md file into a new article', async () => {
  const { page } = await openApp(app.browser, app.url);
  let dialog = await openNewDialog(page);
  await dialog.getByLabel('Open file').setInputFiles({
    name: 'budget.html',
    mimeType: 'text/html',
    buffer: Buffer.from('<!doctype html><title>Budget vote delayed</title><script>alert(1)</script>'
      + '<p>The council delayed the vote by 2&nbsp;weeks.</p><p>Opposition members objected.</p>'),
  });
  await page.waitForFunction(() => document.getElementById('new-article-title')?.value === 'Budget vote delayed',
    null, { timeout: 3000 });
  const text = await dialog.getByLabel('Article text').inputValue();
  assert.doesNotMatch(text, /alert|<p>|&nbsp;/);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget vote delayed');
  await expect(page.locator('article p')).toHaveTexts(
    ['The council delayed the vote by 2\u00a0weeks.', 'Opposition members objected.']);

  dialog = await openNewDialog(page);
  await dialog.getByLabel('Open file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('\ufeffRiver levels fall\r\nThe river fell 40 cm overnight.\r\n\r\nFerries resume on Monday.\r\n'),
  });
  await page.waitForFunction(() => document.getElementById('new-article-text')?.value.includes('Ferries'),
    null, { timeout: 3000 });
  await expect(dialog.getByLabel('Title')).toHaveValue('River levels fall');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('River levels fall');
  await expect(page.locator('article p')).toHaveTexts(
    ['The river fell 40 cm overnight.', 'Ferries resume on Monday.']);
  await waitForRecords(page, 'articles', (rs) => rs.length === 3);

  // Markdown: the heading is the title, and markup in it is text, never HTML.
  dialog = await openNewDialog(page);
  await dialog.getByLabel('Open file').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# From file\n\nÇavuşoğlu\u00a0spoke. <script>window.__pwned = 1</script>\n\nSecond'),
  });
  await expect(dialog.getByLabel('Article text')).toHaveValue('From file\n\nÇavuşoğlu\u00a0spoke. <script>window.__pwned = 1</script>\n\nSecond');
  await expect(dialog.getByLabel('Title')).toHaveValue('From file');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  await reload(page);
  await libraryButton(page).click();
  await expect(entry(page, 'Budget vote delayed')).toHaveCount(1);
  await expect(entry(page, 'River levels fall')).toHaveCount(1);
});

// ---------------------------------------------------------------------------------------
// 6. The library.

test('the library lists titles with counts of claims and quotes; rename survives a reload', async () => {
  const { page } = await openApp(app.browser, app.url);
  const sampleTitle = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await tag(page, '22.2 billion dollars', 'Claim');
  await tag(page, 'Jeff Sessions', 'Quote');
  await libraryButton(page).click();
  const row = entry(page, sampleTitle);
  await expect(row).toHaveCount(1);
  await expect(row.locator('.library-counts')).toHaveText(/^2 claims, 1 quote$/);

  await row.getByRole('button', { name: 'Rename' }).click();
  const input = library(page).getByRole('textbox', { name: 'Title' });
  await input.fill('Coalition meeting, fact-checked');
  await input.press('Enter');
  await expect(entry(page, 'Coalition meeting, fact-checked')).toHaveCount(1);
  await expect(entry(page, sampleTitle)).toHaveCount(0);
  await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.value.title === 'Coalition meeting, fact-checked'));
  await reload(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coalition meeting, fact-checked');
  await libraryButton(page).click();
  const renamed = entry(page, 'Coalition meeting, fact-checked');
  await expect(renamed).toHaveCount(1);
  await expect(renamed.locator('.library-counts')).toHaveText(/^2 claims, 1 quote$/);
});

test('delete an article, then Undo delete restores it with its annotations (also after a reload)', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openNewDialog(page);
  await dialog.getByLabel('Title').fill('Rail fares');
  await dialog.getByLabel('Article text').fill('Rail fares rise by 5 percent in January.\nThe minister defended the rise.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await newDialog(page).waitFor({ state: 'detached' });
  await tag(page, 'rise by 5 percent', 'Claim');
  await setNote(page, 'compare with inflation');
  await waitForRecords(page, 'annotations', (rs) => rs.some((r) => r.value.note === 'compare with inflation'));

  await libraryButton(page).click();
  await expect(entry(page, 'Rail fares').locator('.library-counts')).toHaveText(/^1 claim, 0 quotes$/);
  await entry(page, 'Rail fares').getByRole('button', { name: 'Delete' }).click();
  await expect(entry(page, 'Rail fares')).toHaveCount(0);
  await waitForRecords(page, 'annotations', (rs) => rs.length === 0);
  await waitForRecords(page, 'articles', (rs) => !rs.some((r) => r.value.title === 'Rail fares'));

  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(entry(page, 'Rail fares')).toHaveCount(1);
  await expect(entry(page, 'Rail fares').locator('.library-counts')).toHaveText(/^1 claim, 0 quotes$/);
  await waitForRecords(page, 'annotations', (rs) => rs.some((r) => r.value.note === 'compare with inflation'));
  await reload(page);
  await libraryButton(page).click();
  await entry(page, 'Rail fares').getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('article mark.hl-claim')).toHaveText('rise by 5 percent');
  await expect(items(page).first()).toHaveText(/compare with inflation/);
});

test('the sample article can be deleted like any other and does not come back after a reload', async () => {
  const { page } = await openApp(app.browser, app.url);
  const sampleTitle = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  await sampleSaved(page);
  await libraryButton(page).click();
  await entry(page, sampleTitle).getByRole('button', { name: 'Delete' }).click();
  await expect(entries(page)).toHaveCount(0);
  await waitForRecords(page, 'articles', (rs) => rs.length === 0);
  await page.reload();
  await waitLoaded(page);
  await expect(libraryButton(page)).toHaveText(/Library \(0\)/);
  await expect(page.getByRole('article')).toHaveCount(0); // no article is shown
  await expect(library(page).getByText('No articles yet.')).toHaveCount(1);
  await page.reload();
  await waitLoaded(page);
  await expect(library(page).getByText('No articles yet.')).toHaveCount(1);
  await expect(entries(page)).toHaveCount(0);
  assert.deepEqual(await idbAll(page, 'articles'), []);
});

// Issue 11: a page that crashed, or was closed, while rendering an article opened it again
// on every start.
test('an article whose rendering did not finish last time is not opened again: the library says why', async () => {
  const MARK = 'article-annotator-opening';
  const mark = (page) => page.evaluate((key) => sessionStorage.getItem(key), MARK);
  const context = await app.browser.newContext();
  // Records, each time the app marks an article, how many article blocks were in the page.
  await context.addInitScript((key) => {
    const setItem = Storage.prototype.setItem;
    window.marks = [];
    Storage.prototype.setItem = function (k, v) {
      if (k === key) window.marks.push({ id: v, blocks: document.querySelectorAll('article [data-s]').length });
      return setItem.call(this, k, v);
    };
  }, MARK);
  const { page } = await openApp(null, app.url, context);
  await sampleSaved(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  // The app marked the sample before showing it, and cleared the mark once it was painted.
  assert.deepEqual((await page.evaluate(() => window.marks)).map((m) => m.id).slice(0, 1), [SAMPLE_ID]);
  await eventually(async () => assert.equal(await mark(page), null));

  // The page is closed while it renders the sample: the mark stays.
  await page.evaluate(([key, id]) => sessionStorage.setItem(key, id), [MARK, SAMPLE_ID]);
  await page.reload();
  await waitLoaded(page);
  await expect(library(page)).toHaveCount(1);
  const notice = page.getByRole('status').filter({ hasText: 'did not finish opening' });
  await expect(notice.locator('span')).toHaveText(
    `“${title}” did not finish opening last time, so the library is shown. Open it again from the library.`);
  await expect(page.getByRole('article')).toHaveCount(0);
  assert.equal(await mark(page), SAMPLE_ID, 'the mark stays until the article has opened');
  await screenshot(page, 'unfinished-opening');

  // Opening it from the library marks it before its blocks are rendered, shows it, and clears
  // the mark; the next start opens it again.
  await page.evaluate(() => { window.marks = []; });
  await entry(page, title).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('article')).toHaveText(/more than 19,000 strikes/);
  assert.deepEqual(await page.evaluate(() => window.marks), [{ id: SAMPLE_ID, blocks: 0 }]);
  await eventually(async () => assert.equal(await mark(page), null));
  await reload(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status').filter({ hasText: 'did not finish opening' })).toHaveCount(0);
});

// A page that died while rendering left its mark in its own sessionStorage, which a new tab
// does not share: the new tab opened the same article again. Every tab now mirrors its mark in
// localStorage under its own key and holds a Web Lock named after itself while it lives.
test('an article a closed tab was still rendering is not opened by a new tab; the mark of a live tab is left alone', async () => {
  const SHARED = 'article-annotator-opening:';
  const tabLocks = (page) => page.evaluate(async () =>
    (await navigator.locks.query()).held.map((l) => l.name).filter((n) => n.startsWith('article-annotator-tab:')));
  const context = await app.browser.newContext();
  const { page: first } = await openApp(null, app.url, context);
  await sampleSaved(first);
  const title = (await first.getByRole('heading', { level: 1 }).textContent()).trim();
  // The first page holds its lock, and its mirrored mark was cleared once the sample was painted.
  const [firstLock] = await eventually(async () => {
    const locks = await tabLocks(first);
    assert.equal(locks.length, 1, JSON.stringify(locks));
    return locks;
  });
  const firstTab = firstLock.slice('article-annotator-tab:'.length);
  await eventually(async () => assert.equal(await first.evaluate((k) => localStorage.getItem(k), SHARED + firstTab), null));

  // A second page is open and (as far as the marks tell) still rendering the sample when it
  // is closed: its lock is released, its mark stays.
  const { page: second } = await openApp(null, app.url, context);
  const secondLock = await eventually(async () => {
    const lock = (await tabLocks(second)).find((l) => l !== firstLock);
    assert.ok(lock);
    return lock;
  });
  const secondKey = SHARED + secondLock.slice('article-annotator-tab:'.length);
  // Once the second page has finished opening (its own mark cleared), the test puts back the
  // mark it would have left had it been closed while rendering.
  await eventually(async () => assert.equal(await second.evaluate((k) => localStorage.getItem(k), secondKey), null));
  await second.evaluate(([k, id]) => localStorage.setItem(k, id), [secondKey, SAMPLE_ID]);
  await second.close();
  await eventually(async () => assert.deepEqual(await tabLocks(first), [firstLock]));

  // Meanwhile the first page looks as if it were rendering the sample: its mark is set and
  // its lock held. A new tab leaves that mark alone but takes the closed tab's for a crash.
  await first.evaluate(([k, id]) => localStorage.setItem(k, id), [SHARED + firstTab, SAMPLE_ID]);
  const third = await context.newPage();
  await third.goto(app.url);
  await waitLoaded(third);
  await expect(library(third)).toHaveCount(1);
  await expect(third.getByRole('status').filter({ hasText: 'did not finish opening' }).locator('span')).toHaveText(
    `“${title}” did not finish opening last time, so the library is shown. Open it again from the library.`);
  await expect(third.getByRole('article')).toHaveCount(0);
  assert.equal(await third.evaluate((k) => localStorage.getItem(k), secondKey), null, 'the dead tab\'s mark is removed');
  assert.equal(await third.evaluate((k) => localStorage.getItem(k), SHARED + firstTab), SAMPLE_ID, 'a live tab\'s mark stays');

  // The first page's mark alone (its tab alive) does not keep a fourth tab from the article.
  const { page: fourth } = await openApp(null, app.url, context);
  await expect(fourth.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(fourth.getByRole('status').filter({ hasText: 'did not finish opening' })).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------
// 7. No storage at all.

const STORAGE_VARIANTS = [
  ['window.indexedDB is undefined', () => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  }],
  ['indexedDB.open throws', () => {
    IDBFactory.prototype.open = function () { throw new DOMException('denied', 'SecurityError'); };
  }],
];

for (const [name, script] of STORAGE_VARIANTS) {
  test(`storage unavailable (${name}): the sample opens, annotating works in memory, an alert says so`, async () => {
    const context = await app.browser.newContext();
    await context.addInitScript(script);
    const page = await context.newPage();
    await page.goto(app.url);
    await waitReady(page);
    await expect(page.getByRole('article')).toHaveText(/more than 19,000 strikes/);
    await expect(page.locator('.app')).toHaveAttribute('data-storage', 'memory');
    const alert = page.getByRole('alert').filter({ hasText: /not being saved/ });
    await alert.waitFor();
    await expect(alert.getByRole('button', { name: 'Export everything' })).toHaveCount(1);
    await tag(page, 'more than 19,000 strikes', 'Claim');
    await setNote(page, 'kept in memory');
    await expect(page.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
    await expect(items(page).first()).toHaveText(/kept in memory/);
    // An import works in memory too: the worker, which saves an import when there is
    // storage, hands the records over unsaved.
    await page.getByLabel('Import annotations').setInputFiles({
      name: 'other-tool.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:memory',
        target: { selector: { type: 'TextQuoteSelector', exact: 'Jeff Sessions' } },
      })),
    });
    await page.getByRole('dialog', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'other-tool.jsonld' }).locator('span'))
      .toHaveText(/^Imported “other-tool\.jsonld”/);
    await expect(page.locator('article mark')).toHaveCount(2);
    await expect(page.locator('article mark').filter({ hasText: 'Jeff Sessions' })).toHaveCount(1);
    // Export everything gives the work back as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      alert.getByRole('button', { name: 'Export everything' }).click(),
    ]);
    const { readFile } = await import('node:fs/promises');
    assert.match(await readFile(await download.path(), 'utf8'), /kept in memory/);
  });
}

// ---------------------------------------------------------------------------------------
// 8. Storage use.

test('the library shows how much storage is in use', async () => {
  const { page } = await openApp(app.browser, app.url);
  await libraryButton(page).click();
  await expect(library(page).getByText(/^Using .+ of .+$/))
    .toHaveText(/^Using \d[\d.]* (bytes|kB|MB|GB) of \d[\d.]* (bytes|kB|MB|GB|TB|PB)$/);
});

test('a reload shows the article before its many annotations are read, with the library controls waiting, then all of them', async () => {
  const { page } = await openApp(app.browser, app.url);
  // An article of the user's is open (the sample is what shows while nothing is read);
  // 12,000 orphaned claims of about 1 KB each are stored on it, as a large import leaves
  // them (12 MB to read at the next start).
  await createArticle(page, 'Ankara’s “reply” 🙂', 'Mevlüt Çavuşoğlu met Rex Tillerson on March 22nd.');
  const articleId = await eventually(async () => {
    const id = await page.evaluate(() => localStorage.getItem('article-annotator-last-shown'));
    assert.ok(id && id !== SAMPLE_ID, `last shown: ${id}`);
    return id;
  });
  const now = new Date().toISOString();
  const quote = 'Çavuşoğlu said “nothing” 🙂 about it. '.repeat(26);
  await page.evaluate(([articleId, quote, now]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('article-annotator');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('annotations', 'readwrite');
      for (let n = 0; n < 12000; n++) {
        tx.objectStore('annotations').put({
          v: 1, id: `00000000-0000-4000-8000-${(0xe1000 + n).toString(16).padStart(12, '0')}`,
          article_id: articleId, start: 0, end: 0, quote: { exact: `${n}: ${quote}`, prefix: '', suffix: '' },
          created: now, modified: now, note: '', tags: [], anchoring: 'orphan',
          kind: 'claim', claimant: '', verdict: 'unverified', evidence: [],
        });
      }
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }), [articleId, quote, now]);
  await page.reload();
  // First the article, with the panel saying its annotations are on their way and what acts
  // on the library disabled: read at one moment in the page, since the state is brief.
  const seen = await (await page.waitForFunction((title) => {
    const status = [...document.querySelectorAll('aside[aria-label="Annotations"] [role=status]')]
      .find((e) => e.textContent === 'Loading annotations…');
    // (Until the articles store is read, the sample shows, as on every start.)
    if (!status || document.querySelector('h1')?.textContent !== title) return false;
    const button = (name) => [...document.querySelectorAll('header button')].find((b) => b.textContent.startsWith(name));
    return {
      heading: document.querySelector('h1')?.textContent,
      export: button('Export')?.disabled,
      library: button('Library')?.disabled,
      import: document.querySelector('input[aria-label="Import annotations"]')?.disabled,
      shortcuts: button('Shortcuts')?.disabled,
      suggest: [...document.querySelectorAll('section.suggestions button')].find((b) => b.textContent === 'Suggest')?.disabled,
    };
  }, 'Ankara’s “reply” 🙂', { polling: 'raf', timeout: 15_000 })).jsonValue();
  assert.equal(seen.heading, 'Ankara’s “reply” 🙂');
  assert.deepEqual([seen.export, seen.library, seen.import, seen.suggest, seen.shortcuts], [true, true, true, true, false]);
  // ...then all of them, and the controls work again.
  await waitReady(page);
  await expect(panel(page).getByRole('status').filter({ hasText: /^Showing/ }), { timeout: 15_000 })
    .toHaveText(/^Showing 12,?000 of 12,?000 /);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ankara’s “reply” 🙂');
  assert.ok(await page.getByRole('button', { name: 'Export' }).isEnabled());
  assert.ok(await page.getByLabel('Import annotations').isEnabled());
});
