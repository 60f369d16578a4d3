// The app loads from the release build and shows the sample article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, watchErrors, screenshot, ROOT } from './harness.mjs';

let server, context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

const sample = (await readFile(join(ROOT, 'assets', 'sample-article.txt'), 'utf8')).replace(/\r\n?/g, '\n');
const [titleLine, ...rest] = sample.split('\n');
const sampleBlocks = rest.filter((l) => l.length > 0);

test('the sample article loads with its heading and text, without console errors', async () => {
  const page = await (await context.newContext()).newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal((await heading.textContent()).trim(), titleLine.trim());

  const article = page.getByRole('article');
  await article.waitFor();
  const blocks = await article.locator('p').allTextContents();
  assert.deepEqual(blocks, sampleBlocks, 'every block, character for character');
  assert.ok(blocks.some((b) => b.includes('Çavuşoğlu\u00a0 stated')), 'non-ASCII and NBSP kept');
  assert.ok(blocks.some((b) => b.includes('more than 19,000 strikes')));

  const shot = await screenshot(page, 'sample-article');
  assert.ok((await stat(shot)).size > 10_000, 'a screenshot with content was saved');
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});
