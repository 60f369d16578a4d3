// The app loads from the release build and shows the sample article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setup, screenshot, expect, ROOT } from './harness.mjs';

const app = setup();

const sample = (await readFile(join(ROOT, 'assets', 'sample-article.txt'), 'utf8')).replace(/\r\n?/g, '\n');
const [titleLine, ...rest] = sample.split('\n');
const sampleBlocks = rest.filter((l) => l.length > 0);

test('the sample article loads with its heading and text, without console errors', async () => {
  const page = await (await app.browser.newContext()).newPage();
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleLine.trim());

  // Every block, character for character.
  await expect(page.getByRole('article').locator('p')).toHaveTexts(sampleBlocks);
  const blocks = await page.getByRole('article').locator('p').allTextContents();
  assert.ok(blocks.some((b) => b.includes('Çavuşoğlu\u00a0 stated')), 'non-ASCII and NBSP kept');
  assert.ok(blocks.some((b) => b.includes('more than 19,000 strikes')));

  const shot = await screenshot(page, 'sample-article');
  assert.ok((await stat(shot)).size > 10_000, 'a screenshot with content was saved');
});
