// A long article: the page lays out and paints only the chunks of blocks near the viewport
// (`content-visibility: auto`, see src/web/components/article_view.rs), yet every block stays in
// the document, and selecting, tagging and jumping to a highlight far down work as on a short
// article. Release build, headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, dragSelect, screenshot, waitReady, idbPut, expect } from './harness.mjs';

const app = setup();

const BLOCKS = 3000;
const CHUNK = 64; // src/web/components/article_view.rs
const ID = '00000000-0000-4000-8000-00000000a11e';

/** Block `i`: a paragraph of varied length with a word found only there. */
function block(i) {
  const words = ['Çavuşoğlu said “the strikes continue” on Tuesday.', 'Officials in Raqqa counted 19,000 strikes.',
    'The coalition met again 😀 in Brussels.', 'A reporter asked whether the figures were checked.'];
  return `Paragraph ${i} marker${i}: ` + Array.from({ length: 1 + (i % 5) }, (_, k) => words[(i + k) % words.length]).join(' ');
}

test('a 3,000-block article: all blocks in the document, far highlights reachable, sane scroll height', async () => {
  const { page } = await openApp(app.browser, app.url);
  const text = Array.from({ length: BLOCKS }, (_, i) => block(i)).join('\n');
  const now = new Date(Date.now() + 60_000).toISOString();
  // Stored as the most recently changed article, so the app opens it on the next load.
  await idbPut(page, 'articles', { v: 1, id: ID, title: 'Long investigation', text, added: now, changed: now });
  await page.reload();
  await waitReady(page);
  await page.getByRole('heading', { name: 'Long investigation' }).waitFor();

  // Every block is in the document, in order, character for character.
  const blocks = await page.locator('article p').evaluateAll((ps) => ps.map((p) => p.textContent));
  assert.equal(blocks.length, BLOCKS);
  assert.deepEqual(blocks, text.split('\n'));
  // In chunks that the browser may skip while they are off screen.
  const chunks = page.locator('article .chunk');
  assert.equal(await chunks.count(), Math.ceil(BLOCKS / CHUNK));
  assert.equal(await chunks.first().evaluate((c) => getComputedStyle(c).contentVisibility), 'auto');

  // The estimated height of chunks not yet laid out is close to their real height.
  const estimated = await page.locator('article').evaluate((a) => a.getBoundingClientRect().height);
  const real = await page.locator('article').evaluate((a) => {
    for (const c of a.querySelectorAll('.chunk')) c.style.contentVisibility = 'visible';
    const h = a.getBoundingClientRect().height;
    for (const c of a.querySelectorAll('.chunk')) c.style.contentVisibility = '';
    return h;
  });
  const ratio = estimated / real;
  assert.ok(ratio > 0.75 && ratio < 1.33, `estimated ${estimated}px against ${real}px laid out`);

  // Tag each other block's element so that we can tell afterwards whether it was rebuilt.
  await page.locator('article').evaluate((a) => a.querySelectorAll('p').forEach((p, i) => { p.firstChild.__kept = i; }));
  // Select and tag text near the end: a real mouse drag, after scrolling there.
  await dragSelect(page, 'marker2950: ');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Claim', exact: true }).click();
  const mark = page.locator('article mark.hl-claim');
  await expect(mark).toHaveText('marker2950:');
  // A tag rebuilds no other block's DOM: every other block, in the same chunk or not, still holds
  // the very text node it held before.
  const kept = await page.locator('article').evaluate((a) => [...a.querySelectorAll('p')].map((p, i) => p.firstChild.__kept === i));
  assert.deepEqual(kept.map((k, i) => (k ? null : i)).filter((i) => i !== null), [2950]);
  // The block that now holds a highlight is runs of its own; the others stay one plain <p>.
  assert.equal(await page.locator('article p:has(mark)').getAttribute('data-s'), null);
  await expect(page.locator('article p[data-s]')).toHaveCount(BLOCKS - 1);

  // Back at the top, choosing it in the panel brings it into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: /marker2950/ }).click();
  await page.waitForFunction(() => {
    const r = document.querySelector('article mark.hl-claim')?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
  });
  await expect(mark).toHaveAttribute('class', /\bhl-selected\b/);
  await screenshot(page, 'long-article-far-highlight');
});
