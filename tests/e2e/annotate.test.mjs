// Annotating: real mouse drags and key presses in headless Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, dragSelect, screenshot, expect, eventually, waitReady } from './harness.mjs';

const app = setup();

const panel = (page) => page.getByRole('complementary', { name: 'Annotations' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const items = (page) => panel(page).getByRole('list', { name: 'Annotation list' }).getByRole('listitem');

/** The exact quote of the selected annotation, as the app shows it. */
const selectedQuote = (page) => editor(page).locator('h3 q');

/** Tags `text` (to `endText`) by a drag and the toolbar's button named exactly `kind`. */
async function tag(page, text, kind, endText = null) {
  await dragSelect(page, text, endText);
  await toolbar(page).getByRole('button', { name: kind, exact: true }).click();
  await editor(page).waitFor();
}

/** The page's selected text. */
const selection = (page) => page.evaluate(() => String(getSelection()));

test('drag over "more than 19,000 strikes" and tag it as a claim', async () => {
  const { page } = await openApp(app.browser, app.url);
  await dragSelect(page, 'more than 19,000 strikes');
  await toolbar(page).waitFor();
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).click();
  await editor(page).waitFor();
  await expect(selectedQuote(page)).toHaveText('more than 19,000 strikes');
  const mark = page.locator('article mark.hl-claim');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText('more than 19,000 strikes');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/Claim.*more than 19,000 strikes.*Unverified/);
  await expect(toolbar(page)).toHaveCount(0); // the toolbar is gone once used
});

test('a quote over "Çavuşoğlu" and a non-breaking space keeps its exact characters', async () => {
  const { page } = await openApp(app.browser, app.url);
  const text = 'Minister Çavuşoğlu\u00a0 stated';
  await tag(page, text, 'Quote');
  await expect(selectedQuote(page)).toHaveText(text);
  await expect(page.locator('article mark.hl-quote')).toHaveText(text);
});

test('leading and trailing white space is trimmed; white space alone creates nothing', async () => {
  const { page } = await openApp(app.browser, app.url);
  // " Turkey plays " selected with its spaces: the claim is "Turkey plays".
  await tag(page, ' Turkey plays ', 'Claim');
  await expect(selectedQuote(page)).toHaveText('Turkey plays');
});

/**
 * Counts, from now on, every time the selection toolbar appears (a MutationObserver), so that
 * a test can tell afterwards that it never showed.
 */
async function countToolbars(page) {
  await page.evaluate(() => {
    window.__toolbars = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && (n.matches('[role=toolbar]') || n.querySelector('[role=toolbar]'))) window.__toolbars += 1;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * Opens and closes the shortcuts help with `?` and Escape: the app handles keys in order, so
 * once the help has come and gone, every key and selection before it has been handled.
 */
async function settle(page) {
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
}

test('a selection outside the article, or of white space only, offers nothing', async () => {
  const { page } = await openApp(app.browser, app.url);
  await countToolbars(page);
  // Drag over the heading, which is outside the <article>.
  const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
  await page.mouse.move(h1.x + 5, h1.y + h1.height / 2);
  await page.mouse.down();
  await page.mouse.move(h1.x + 200, h1.y + h1.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.ok((await selection(page)).length > 5, 'the heading is selected');
  await page.keyboard.press('c');
  await settle(page);
  assert.equal(await page.evaluate(() => window.__toolbars), 0, 'no toolbar for the heading');
  await expect(items(page)).toHaveCount(0);
  // Select exactly the non-breaking space and the space after "Çavuşoğlu".
  await page.evaluate(() => {
    const run = [...document.querySelectorAll('article [data-s]')].find((e) => e.textContent.includes('Çavuşoğlu\u00a0 '));
    const node = run.firstChild;
    const at = node.data.indexOf('Çavuşoğlu\u00a0 ') + 'Çavuşoğlu'.length;
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + 2);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  assert.equal(await selection(page), '\u00a0 ');
  await page.keyboard.press('q');
  await settle(page);
  assert.equal(await page.evaluate(() => window.__toolbars), 0, 'no toolbar for white space');
  await expect(items(page)).toHaveCount(0);
  // The same steps on words do show the toolbar: the checks above can fail.
  await dragSelect(page, 'Jeff Sessions');
  await toolbar(page).waitFor();
  assert.equal(await page.evaluate(() => window.__toolbars), 1);
});

test('overlapping and nested annotations all stay visible and reachable', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'Turkey plays a critical role', 'Claim');
  await tag(page, 'a critical role fighting against ISIS', 'Quote');
  await tag(page, 'critical', 'Claim');
  await expect(items(page)).toHaveCount(3);
  // The run "a " is covered by the first claim and the quote; "critical" by all three.
  const critical = page.locator('article mark', { hasText: /^critical$/ });
  await expect(critical).toHaveAttribute('data-depth', '3');
  // What covers a highlight is named when it is pointed at, innermost first.
  await critical.hover();
  await expect(critical).toHaveAttribute('title', /^Claim “critical”/);
  const title = await critical.getAttribute('title');
  assert.match(title, /Claim “Turkey plays a critical role”/);
  assert.match(title, /Quote “a critical role fighting against ISIS”/);
  assert.match(title, /Claim “critical”/);
  // Clicking a highlight selects the innermost annotation; clicking again cycles outward.
  await page.keyboard.press('Escape');
  await expect(editor(page)).toHaveCount(0);
  await critical.click();
  await expect(selectedQuote(page)).toHaveText('critical');
  await critical.click();
  await expect(selectedQuote(page)).toHaveText('Turkey plays a critical role');
  await critical.click();
  await expect(selectedQuote(page)).toHaveText('a critical role fighting against ISIS');
  // Selecting an item in the panel selects and marks its highlight.
  await items(page).filter({ hasText: 'Turkey plays a critical role' }).getByRole('button').click();
  await expect(selectedQuote(page)).toHaveText('Turkey plays a critical role');
  await eventually(async () => assert.ok((await page.locator('article mark.hl-selected').count()) >= 1));
  await screenshot(page, 'overlapping-annotations');
});

test('1,500 annotations nested inside each other: four levels drawn, one cue per stretch, labels on demand', async () => {
  const { page } = await openApp(app.browser, app.url);
  // 30 paragraphs of 100 words (ASCII: code units are code points); annotation n covers every
  // word but the first n and the last n.
  const vocabulary = ['the', 'coalition', 'said', 'strikes', 'continued', 'in', 'Raqqa', 'and', 'Mosul', 'officials'];
  const lines = Array.from({ length: 30 }, (_, l) =>
    Array.from({ length: 100 }, (_, w) => vocabulary[(l * 7 + w * 3) % vocabulary.length]).join(' '));
  const text = lines.join('\n');
  const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
  const articleId = '00000000-0000-4000-8000-0000000d0001';
  const now = new Date(Date.now() + 60_000).toISOString();
  const records = Array.from({ length: 1500 }, (_, n) => {
    const start = words[n][0];
    const end = words[words.length - 1 - n][1];
    const claim = n % 2 === 0;
    return {
      v: 1, id: `00000000-0000-4000-8000-${(0xd1000 + n).toString(16).padStart(12, '0')}`,
      article_id: articleId, start, end,
      quote: { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      created: now, modified: now, note: '', tags: [], anchoring: 'anchored',
      ...(claim ? { kind: 'claim', claimant: '', verdict: 'unverified', evidence: [] }
        : { kind: 'quote', speaker: '', checked: false, source: null }),
    };
  });
  // Stored as the most recently changed article, so that the app opens it on the next load.
  await page.evaluate(([article, records]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('article-annotator');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['articles', 'annotations'], 'readwrite');
      tx.objectStore('articles').put(article);
      for (const r of records) tx.objectStore('annotations').put(r);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }), [{ v: 1, id: articleId, title: 'Deeply nested', text, added: now, changed: now }, records]);
  const started = Date.now();
  await page.reload();
  await waitReady(page);
  await page.getByRole('heading', { name: 'Deeply nested' }).waitFor();
  await expect(page.locator('.hl-cue')).toHaveCount(30);
  console.log(`1,500 nested annotations on 3,000 words shown ${Date.now() - started} ms after reload`);
  // Drawn depth is capped at 4; runs deeper than that are marked, and each paragraph (one
  // stretch deeper than what is drawn) starts with a cue, an image named by its text.
  const depths = await page.locator('article mark').evaluateAll((ms) => ms.map((m) => Number(m.dataset.depth)));
  // One highlight per depth from 1 to 4 at each end, and one per paragraph for the stretch
  // deeper than what is drawn (it looks the same throughout), not one per start and end.
  assert.equal(depths.length, 30 + 2 * 4, `${depths.length} highlights`);
  assert.equal(Math.max(...depths), 4);
  assert.equal(await page.locator('article mark.hl-deep').count(), depths.length - 8);
  // The innermost annotation spans the last word of paragraph 15 and the first of 16.
  const deepest = page.locator('.hl-cue[aria-label="1,500 overlapping"]');
  await expect(deepest).toHaveCount(2);
  await deepest.first().scrollIntoViewIfNeeded();
  await page.getByRole('img', { name: '1,500 overlapping' }).first().waitFor();
  // The cue adds no text: each paragraph still reads exactly as stored.
  assert.deepEqual(await page.locator('article p').evaluateAll((ps) => ps.map((p) => p.textContent)), lines);
  // No highlight carries a label until one is pointed at; the deepest then names ten.
  await expect(page.locator('article [title]')).toHaveCount(0);
  // The innermost annotation starts at the last word of paragraph 15, inside the one
  // highlight that draws that paragraph's deep stretch: the pointer goes to that word, and
  // what is named is what covers the place pointed at.
  const at = await page.evaluate((cp) => {
    const mark = [...document.querySelectorAll('article mark[data-s]')]
      .find((m) => Number(m.dataset.s) <= cp && cp < Number(m.dataset.s) + m.textContent.length);
    mark.scrollIntoView({ block: 'center' });
    const r = document.createRange();
    r.setStart(mark.firstChild, cp - Number(mark.dataset.s));
    r.setEnd(mark.firstChild, cp - Number(mark.dataset.s) + 1);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2, s: mark.dataset.s };
  }, words[1499][0]);
  assert.ok(Number(at.s) < words[1499][0], 'the deep stretch is drawn as one highlight');
  const innermost = page.locator(`article mark[data-s="${at.s}"]`);
  await page.mouse.move(at.x, at.y);
  await expect(innermost).toHaveAttribute('title', /\nand 1,490 more$/);
  await screenshot(page, 'deeply-nested');
  // A click selects the innermost annotation and announces what covers the place.
  await page.mouse.click(at.x, at.y);
  await expect(selectedQuote(page)).toHaveText(text.slice(words[1499][0], words[1500][1]));
  await expect(page.locator('[data-role="highlight-label"]')).toHaveText(/^Quote “.*; and 1,490 more$/);
});

test('a selection across blocks is one annotation covering both', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'Turkish Presence at the Meeting', 'Claim', 'Turkish Foreign Minister');
  await expect(selectedQuote(page)).toHaveText('Turkish Presence at the Meeting\nTurkish Foreign Minister');
  await expect(page.locator('article p:has(mark.hl-claim)')).toHaveCount(2);
});

test('keyboard only: focus the article, move by sentence, extend by word, tag', async () => {
  const { page } = await openApp(app.browser, app.url);
  // Tab until the article has focus.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.tagName === 'ARTICLE')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'ARTICLE');
  await page.keyboard.press('ArrowDown'); // the first sentence
  const first = await eventually(async () => {
    const s = await selection(page);
    assert.ok(s.startsWith('Image By Ali Cinar'), s);
    return s;
  });
  await page.keyboard.press('ArrowDown'); // the next sentence (UAX #29 boundaries)
  const second = await eventually(async () => {
    const s = await selection(page);
    assert.ok(s.length > 0 && s !== first, s);
    return s;
  });
  const block = await page.locator('article p').first().textContent();
  assert.ok(block.indexOf(second) > block.indexOf(first), 'the second sentence follows the first');
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.equal(await selection(page), first));
  // Back to a sentence, shrink it by two words at its end, grow it by one.
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  const chosen = await eventually(async () => {
    const s = (await selection(page)).trim();
    assert.ok(s.length > 0 && first.startsWith(s) && s.length < first.trim().length, s);
    return s;
  });
  await toolbar(page).waitFor();
  // Escape dismisses the selection and its toolbar; re-select the same words and tag.
  await page.keyboard.press('Escape');
  await expect(toolbar(page)).toHaveCount(0);
  await eventually(async () => assert.equal(await selection(page), ''));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  await eventually(async () => assert.equal((await selection(page)).trim(), chosen));
  await toolbar(page).waitFor();
  await page.keyboard.press('q');
  await editor(page).waitFor();
  await expect(selectedQuote(page)).toHaveText(chosen);
  // Moving onto the tagged sentence again tells a screen reader what covers it.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  // (The article's own live region, which announces a clicked highlight, is the other one.)
  await expect(page.locator('[aria-live="polite"]:not([data-role])')).toHaveText(/Selection overlaps: Quote “/);
  assert.equal(await page.locator('article mark.hl-quote').count() > 0, true);
  // The shortcuts help opens with ? and closes with Escape.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('undo and redo, by keys and by buttons', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await editor(page).getByLabel('Note').fill('Source: coalition fact sheet');
  await editor(page).getByLabel('Note').press('Tab');
  await expect(items(page).first()).toHaveText(/coalition fact sheet/);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(items(page).first()).notToHaveText(/coalition fact sheet/);
  await page.keyboard.press('Control+z');
  await expect(items(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+Z');
  await expect(items(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(items(page).first()).toHaveText(/coalition fact sheet/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(items(page).first()).notToHaveText(/coalition fact sheet/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(items(page)).toHaveCount(0);
  await expect(page.locator('article mark')).toHaveCount(0);
});

test('delete by the button and by the Delete key', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await tag(page, 'Jeff Sessions', 'Quote');
  await expect(items(page)).toHaveCount(2);
  await editor(page).getByRole('button', { name: 'Delete' }).click();
  await expect(items(page)).toHaveCount(1);
  await items(page).first().getByRole('button').click();
  await editor(page).waitFor();
  await page.keyboard.press('Delete');
  await expect(items(page)).toHaveCount(0);
  await expect(page.locator('article mark')).toHaveCount(0);
});

test('edit fields, filter by kind, verdict and tag, and search', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await editor(page).getByLabel('Verdict', { exact: true }).selectOption({ label: 'Mostly true' });
  await editor(page).getByLabel('Claimant').fill('Global Coalition');
  // Tags are one whatever their case, beyond ASCII too (the page lowers case with the browser).
  await editor(page).getByLabel('Tags').fill('military, numbers, Économie, ÉCONOMIE, économie');
  await editor(page).getByLabel('Tags').press('Tab');
  await tag(page, 'Jeff Sessions', 'Quote');
  await editor(page).getByLabel('Speaker').fill('Çavuşoğlu');
  await editor(page).getByLabel('Note').fill('Check the meeting date');
  await editor(page).getByLabel('Note').press('Tab');
  await tag(page, '22.2 billion dollars', 'Claim');

  const p = panel(page);
  await expect(p.getByRole('button', { name: /^Claims/ })).toHaveText(/Claims \(2\)/);
  await p.getByRole('button', { name: /^Quotes/ }).click();
  await expect(items(page)).toHaveCount(1);
  await p.getByRole('button', { name: /^All/ }).click();
  await expect(items(page)).toHaveCount(3);
  await p.getByLabel('Verdict filter').selectOption({ label: 'Mostly true' });
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/19,000/);
  await p.getByLabel('Verdict filter').selectOption({ label: 'Any verdict' });
  await expect(items(page)).toHaveCount(3);
  await expect(p.getByLabel('Tag filter').locator('option', { hasText: /conomie/i })).toHaveTexts(['Économie']);
  await p.getByLabel('Tag filter').selectOption('numbers');
  await expect(items(page)).toHaveCount(1);
  await p.getByLabel('Tag filter').selectOption({ label: 'Any tag' });
  await expect(items(page)).toHaveCount(3);
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('çavuşoğlu');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/Jeff Sessions/);
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('meeting date');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveText(/meeting date/);
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('no such text');
  await expect(items(page)).toHaveCount(0);
});

test('a javascript: evidence link is refused with a message and nothing changes', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  const field = editor(page).getByLabel('Evidence links');
  await field.fill('https://example.org/fact-sheet');
  await field.press('Tab');
  const link = editor(page).getByRole('link', { name: 'https://example.org/fact-sheet' });
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await field.fill('https://example.org/fact-sheet\njavascript:alert(1)');
  await field.press('Tab');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(/javascript.*refused/i);
  await expect(editor(page).getByRole('link')).toHaveCount(1); // the stored links are unchanged
  await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
});
