// Annotating: real mouse drags and key presses in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, dragSelect, screenshot } from './harness.mjs';

let server, context;
before(async () => { server = await serveDist(); context = await launch(); });
after(async () => { await context?.close(); await server?.close(); });

const panel = (page) => page.getByRole('complementary', { name: 'Annotations' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const items = (page) => panel(page).getByRole('list', { name: 'Annotation list' }).getByRole('listitem');

/** The exact quote of the selected annotation, as the app holds it. */
async function selectedQuote(page) {
  return editor(page).locator('h3 q').textContent();
}

async function tag(page, text, kind, endText = null) {
  await dragSelect(page, text, endText);
  await toolbar(page).getByRole('button', { name: kind }).click();
  await editor(page).waitFor();
}

test('drag over "more than 19,000 strikes" and tag it as a claim', async () => {
  const { page, errors } = await openApp(context, server.url);
  await dragSelect(page, 'more than 19,000 strikes');
  await toolbar(page).waitFor();
  await toolbar(page).getByRole('button', { name: 'Claim' }).click();
  await editor(page).waitFor();
  assert.equal(await selectedQuote(page), 'more than 19,000 strikes');
  const mark = page.locator('article mark.hl-claim');
  assert.equal(await mark.count(), 1);
  assert.equal(await mark.textContent(), 'more than 19,000 strikes');
  assert.equal(await items(page).count(), 1);
  assert.match(await items(page).first().textContent(), /Claim.*more than 19,000 strikes.*Unverified/);
  assert.equal(await toolbar(page).count(), 0, 'the toolbar is gone once used');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a quote over "Çavuşoğlu" and a non-breaking space keeps its exact characters', async () => {
  const { page, errors } = await openApp(context, server.url);
  const text = 'Minister Çavuşoğlu\u00a0 stated';
  await tag(page, text, 'Quote');
  assert.equal(await selectedQuote(page), text);
  assert.equal(await page.locator('article mark.hl-quote').textContent(), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('leading and trailing white space is trimmed; white space alone creates nothing', async () => {
  const { page } = await openApp(context, server.url);
  // " Turkey plays " selected with its spaces: the claim is "Turkey plays".
  await tag(page, ' Turkey plays ', 'Claim');
  assert.equal(await selectedQuote(page), 'Turkey plays');
  await page.close();
});

test('a selection outside the article, or of white space only, offers nothing', async () => {
  const { page } = await openApp(context, server.url);
  // Drag over the heading, which is outside the <article>.
  const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
  await page.mouse.move(h1.x + 5, h1.y + h1.height / 2);
  await page.mouse.down();
  await page.mouse.move(h1.x + 200, h1.y + h1.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.ok((await page.evaluate(() => String(getSelection()))).length > 5, 'the heading is selected');
  await page.waitForTimeout(100);
  assert.equal(await toolbar(page).count(), 0);
  await page.keyboard.press('c');
  assert.equal(await items(page).count(), 0);
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
  assert.equal(await page.evaluate(() => String(getSelection())), '\u00a0 ');
  await page.waitForTimeout(100);
  assert.equal(await toolbar(page).count(), 0);
  await page.keyboard.press('q');
  assert.equal(await items(page).count(), 0);
  await page.close();
});

test('overlapping and nested annotations all stay visible and reachable', async () => {
  const { page, errors } = await openApp(context, server.url);
  await tag(page, 'Turkey plays a critical role', 'Claim');
  await tag(page, 'a critical role fighting against ISIS', 'Quote');
  await tag(page, 'critical', 'Claim');
  assert.equal(await items(page).count(), 3);
  // The run "a " is covered by the first claim and the quote; "critical" by all three.
  const critical = page.locator('article mark', { hasText: /^critical$/ });
  assert.equal(await critical.getAttribute('data-depth'), '3');
  const title = await critical.getAttribute('title');
  assert.match(title, /Claim “Turkey plays a critical role”/);
  assert.match(title, /Quote “a critical role fighting against ISIS”/);
  assert.match(title, /Claim “critical”/);
  // Clicking a highlight selects the innermost annotation; clicking again cycles outward.
  await page.keyboard.press('Escape');
  await critical.click();
  assert.equal(await selectedQuote(page), 'critical');
  await critical.click();
  assert.equal(await selectedQuote(page), 'Turkey plays a critical role');
  await critical.click();
  assert.equal(await selectedQuote(page), 'a critical role fighting against ISIS');
  // Selecting an item in the panel selects and marks its highlight.
  await items(page).filter({ hasText: 'Turkey plays a critical role' }).getByRole('button').click();
  assert.equal(await selectedQuote(page), 'Turkey plays a critical role');
  assert.ok((await page.locator('article mark.hl-selected').count()) >= 1);
  await screenshot(page, 'overlapping-annotations');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a selection across blocks is one annotation covering both', async () => {
  const { page } = await openApp(context, server.url);
  await tag(page, 'Turkish Presence at the Meeting', 'Claim', 'Turkish Foreign Minister');
  assert.equal(await selectedQuote(page), 'Turkish Presence at the Meeting\nTurkish Foreign Minister');
  assert.equal(await page.locator('article p:has(mark.hl-claim)').count(), 2);
  await page.close();
});

test('keyboard only: focus the article, move by sentence, extend by word, tag', async () => {
  const { page, errors } = await openApp(context, server.url);
  // Tab until the article has focus.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.tagName === 'ARTICLE')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'ARTICLE');
  const selected = () => page.evaluate(() => String(getSelection()));
  await page.keyboard.press('ArrowDown'); // the first sentence
  const first = await selected();
  assert.ok(first.startsWith('Image By Ali Cinar'), first);
  await page.keyboard.press('ArrowDown'); // the next sentence (UAX #29 boundaries)
  const second = await selected();
  assert.notEqual(second, first);
  assert.ok(second.length > 0);
  const block = await page.locator('article p').first().textContent();
  assert.ok(block.indexOf(second) > block.indexOf(first), 'the second sentence follows the first');
  await page.keyboard.press('ArrowUp');
  assert.equal(await selected(), first);
  // Back to a sentence, shrink it by two words at its end, grow it by one.
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  const chosen = (await page.evaluate(() => String(getSelection()))).trim();
  await toolbar(page).waitFor();
  // Escape dismisses the selection and its toolbar; re-select the same words and tag.
  await page.keyboard.press('Escape');
  assert.equal(await toolbar(page).count(), 0);
  assert.equal(await page.evaluate(() => String(getSelection())), '');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal((await page.evaluate(() => String(getSelection()))).trim(), chosen);
  await toolbar(page).waitFor();
  await page.keyboard.press('q');
  await editor(page).waitFor();
  assert.equal(await selectedQuote(page), chosen);
  // Moving onto the tagged sentence again tells a screen reader what covers it.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  const live = page.locator('[aria-live="polite"]');
  await page.waitForFunction(() => document.querySelector('[aria-live="polite"]').textContent.includes('Quote'));
  assert.match(await live.textContent(), /Selection overlaps: Quote “/);
  assert.equal(await page.locator('article mark.hl-quote').count() > 0, true);
  // The shortcuts help opens with ? and closes with Escape.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await help.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('undo and redo, by keys and by buttons', async () => {
  const { page } = await openApp(context, server.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await editor(page).getByLabel('Note').fill('Source: coalition fact sheet');
  await editor(page).getByLabel('Note').press('Tab');
  assert.match(await items(page).first().textContent(), /coalition fact sheet/);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  assert.doesNotMatch(await items(page).first().textContent(), /coalition fact sheet/);
  await page.keyboard.press('Control+z');
  assert.equal(await items(page).count(), 0);
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await items(page).count(), 1);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.match(await items(page).first().textContent(), /coalition fact sheet/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await items(page).count(), 0);
  assert.equal(await page.locator('article mark').count(), 0);
  await page.close();
});

test('delete by the button and by the Delete key', async () => {
  const { page } = await openApp(context, server.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await tag(page, 'Jeff Sessions', 'Quote');
  assert.equal(await items(page).count(), 2);
  await editor(page).getByRole('button', { name: 'Delete' }).click();
  assert.equal(await items(page).count(), 1);
  await items(page).first().getByRole('button').click();
  await page.keyboard.press('Delete');
  assert.equal(await items(page).count(), 0);
  assert.equal(await page.locator('article mark').count(), 0);
  await page.close();
});

test('edit fields, filter by kind, verdict and tag, and search', async () => {
  const { page, errors } = await openApp(context, server.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await editor(page).getByLabel('Verdict', { exact: true }).selectOption({ label: 'Mostly true' });
  await editor(page).getByLabel('Claimant').fill('Global Coalition');
  await editor(page).getByLabel('Tags').fill('military, numbers');
  await editor(page).getByLabel('Tags').press('Tab');
  await tag(page, 'Jeff Sessions', 'Quote');
  await editor(page).getByLabel('Speaker').fill('Çavuşoğlu');
  await editor(page).getByLabel('Note').fill('Check the meeting date');
  await editor(page).getByLabel('Note').press('Tab');
  await tag(page, '22.2 billion dollars', 'Claim');

  const p = panel(page);
  assert.match(await p.getByRole('button', { name: /^Claims/ }).textContent(), /Claims \(2\)/);
  await p.getByRole('button', { name: /^Quotes/ }).click();
  assert.equal(await items(page).count(), 1);
  await p.getByRole('button', { name: /^All/ }).click();
  assert.equal(await items(page).count(), 3);
  await p.getByLabel('Verdict filter').selectOption({ label: 'Mostly true' });
  assert.equal(await items(page).count(), 1);
  assert.match(await items(page).first().textContent(), /19,000/);
  await p.getByLabel('Verdict filter').selectOption({ label: 'Any verdict' });
  await p.getByLabel('Tag filter').selectOption('numbers');
  assert.equal(await items(page).count(), 1);
  await p.getByLabel('Tag filter').selectOption({ label: 'Any tag' });
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('çavuşoğlu');
  assert.equal(await items(page).count(), 1);
  assert.match(await items(page).first().textContent(), /Jeff Sessions/);
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('meeting date');
  assert.equal(await items(page).count(), 1);
  await p.getByRole('searchbox', { name: 'Search annotations' }).fill('no such text');
  assert.equal(await items(page).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a javascript: evidence link is refused with a message and nothing changes', async () => {
  const { page } = await openApp(context, server.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  const field = editor(page).getByLabel('Evidence links');
  await field.fill('https://example.org/fact-sheet');
  await field.press('Tab');
  const link = editor(page).getByRole('link', { name: 'https://example.org/fact-sheet' });
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await field.fill('https://example.org/fact-sheet\njavascript:alert(1)');
  await field.press('Tab');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /javascript.*refused/i);
  assert.equal(await editor(page).getByRole('link').count(), 1, 'the stored links are unchanged');
  assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
  await page.close();
});
