// Suggestions (issue 13): the sample article's quotes and claims, found by the suggester
// worker, moved through with J/K, accepted with Enter, dismissed with X, and the dismissal kept
// across a reload. Real key presses in headless Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, screenshot, expect, eventually, waitReady, dragSelect, createArticle } from './harness.mjs';

const app = setup();

const section = (page) => page.getByRole('region', { name: 'Suggestions' });
const quotes = (page) => section(page).getByRole('list', { name: /^Quotes/ }).getByRole('listitem');
const claims = (page) => section(page).getByRole('list', { name: /^Claims/ }).getByRole('listitem');
const current = (page) => section(page).locator('li[aria-current="true"]');
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const announcement = (page) => page.locator('[data-role="suggestion-announcement"]');

/** Opens the app and waits for the suggester's answer on the sample article. */
async function openWithSuggestions(browser, url) {
  const opened = await openApp(browser, url);
  await expect(section(opened.page).getByRole('status')).toHaveText(/quotes? and \d+ claims? to review/, { timeout: 30000 });
  return opened;
}

/**
 * The texts of the ranges of the custom highlight `name` (CSS.highlights), in order. The app
 * draws static ranges (no text or geometry of their own): each is read through a live range
 * over the same points.
 */
const highlighted = (page, name) => page.evaluate((name) =>
  [...(CSS.highlights.get(name) ?? [])].map((r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  }), name);

/** Presses J until the focused suggestion's text matches `re`; returns how many presses. */
async function focusBy(page, re, max = 40) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('j');
    await expect(current(page)).toHaveCount(1);
    if (re.test(await current(page).innerText())) return i;
  }
  throw new Error(`no suggestion matching ${re}`);
}

/**
 * Creates an article of `paragraphs`, waits for its suggestions, presses J to the one whose
 * text matches `focus`, checks it shows `shown` (its speaker or claimant), takes the
 * screenshot `shot`, accepts it with Enter, and returns the page and the value of the
 * accepted annotation's text box `field` ("Speaker", "Claimant").
 */
async function acceptedField(title, paragraphs, { focus, shown, shot, field }) {
  const { page } = await openApp(app.browser, app.url);
  await createArticle(page, title, paragraphs.join('\n\n'));
  await expect(section(page).getByRole('status')).toHaveText(/quotes? and \d+ claims? to review/, { timeout: 30000 });
  await focusBy(page, focus);
  await expect(current(page)).toHaveText(shown);
  await screenshot(page, shot);
  await page.keyboard.press('Enter');
  await editor(page).waitFor();
  return { page, value: await editor(page).getByRole('textbox', { name: field }).inputValue() };
}

test('the sample article gets quote suggestions with speakers, drawn as outlines, not fills', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  const n = await quotes(page).count();
  assert.ok(n >= 2, `only ${n} quotes suggested`);
  await expect(quotes(page).filter({ hasText: 'Together, we share a resolve' })).toHaveText(/Rex W\. Tillerson|Tillerson/);
  // Drawn in the article as custom highlights over the quotes' text, not as <mark> fills:
  // the article's DOM is unchanged.
  const drawn = await highlighted(page, 'sg-quote');
  assert.equal(drawn.length, n, JSON.stringify(drawn));
  assert.ok(drawn.some((t) => t.startsWith('Together, we share a resolve')), JSON.stringify(drawn));
  await expect(page.locator('article mark')).toHaveCount(0);
  await expect(page.locator('article .block span')).toHaveCount(0);
  // Static ranges: the browser keeps live ones up to date on every change of the page's DOM,
  // which made every element added or removed cost more the more suggestions were drawn.
  const kinds = await page.evaluate(() => ['sg-quote', 'sg-claim'].flatMap((name) =>
    [...(CSS.highlights.get(name) ?? [])].map((r) => r.constructor.name)));
  assert.ok(kinds.length >= n && kinds.every((k) => k === 'StaticRange'), JSON.stringify(kinds));
  await screenshot(page, 'suggestions');
});

test('a tag in a suggested quote\'s paragraph leaves every suggestion drawn over its own text', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  const drawn = async () => [...await highlighted(page, 'sg-quote'), ...await highlighted(page, 'sg-claim')].sort();
  const before = await drawn();
  assert.ok(before.some((t) => t.startsWith('Together, we share a resolve')), JSON.stringify(before));
  // The paragraph is drawn again with the new highlight (new text nodes); only the
  // suggestions over it are placed again, and they must land on the same text.
  await dragSelect(page, 'the plenary session');
  await page.keyboard.press('c');
  await expect(page.locator('article mark.hl-claim')).toHaveCount(1);
  await eventually(async () => assert.deepEqual(await drawn(), before));
  // And again after undo, which draws the paragraph without the highlight.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('article mark.hl-claim')).toHaveCount(0);
  await eventually(async () => assert.deepEqual(await drawn(), before));
});

test('the suggester worker starts without a warning in the console', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(app.url);
  await waitReady(page);
  await expect(section(page).getByRole('status')).toHaveText(/quotes? and \d+ claims? to review/, { timeout: 30000 });
  assert.deepEqual(warnings.filter((w) => /deprecated/i.test(w)), []);
});

test('J and K move through suggestions, announce them and scroll them into view', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  await page.getByRole('article').focus();
  await page.keyboard.press('j');
  await expect(current(page)).toHaveCount(1);
  await expect(announcement(page)).toHaveText(/^Suggestion 1 of \d+\. Quote/);
  await eventually(async () => assert.equal((await highlighted(page, 'sg-focus')).length, 1, 'the focused suggestion is drawn'));
  await page.keyboard.press('j');
  await expect(announcement(page)).toHaveText(/^Suggestion 2 of \d+\./);
  await page.keyboard.press('k');
  await expect(announcement(page)).toHaveText(/^Suggestion 1 of \d+\./);
  // Moving to the last suggestion scrolls it into view.
  const total = Number(/of (\d+)/.exec(await announcement(page).textContent())[1]);
  for (let i = 1; i < total; i++) await page.keyboard.press('j');
  await expect(announcement(page)).toHaveText(new RegExp(`^Suggestion ${total} of ${total}\\.`));
  await eventually(async () => {
    const box = await page.evaluate(() => {
      const s = [...CSS.highlights.get('sg-focus')][0];
      const live = document.createRange();
      live.setStart(s.startContainer, s.startOffset);
      live.setEnd(s.endContainer, s.endOffset);
      const r = live.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: innerHeight };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.height, `focused suggestion off screen: ${JSON.stringify(box)}`);
  });
  // The focused suggestion's buttons, and only its.
  await expect(section(page).getByRole('button', { name: 'Accept' })).toHaveCount(1);
  await expect(section(page).getByRole('button', { name: 'Dismiss' })).toHaveCount(1);
});

test('Enter accepts the Tillerson quote with its speaker; undo brings the suggestion back', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  const before = await quotes(page).count();
  await focusBy(page, /Together, we share a resolve/);
  await page.keyboard.press('Enter');
  await editor(page).waitFor();
  await expect(editor(page).locator('h3 q')).toHaveText(/^Together, we share a resolve/);
  const speaker = editor(page).getByRole('textbox', { name: 'Speaker' });
  assert.match(await speaker.inputValue(), /Tillerson/);
  await expect(page.locator('article mark.hl-quote')).toHaveCount(1);
  await expect(quotes(page)).toHaveCount(before - 1);
  await expect(announcement(page)).toHaveText(/^Accepted as a quote\./);
  // Undo (Ctrl+Z) removes the annotation, and the suggestion is back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('article mark.hl-quote')).toHaveCount(0);
  await expect(quotes(page)).toHaveCount(before);
});

test('two people who say a quote together are both its speaker when it is accepted', async () => {
  const { value: speaker } = await acceptedField('Running mates in Philadelphia', [
    'Senator Hillary Clinton and Tim Kaine held a rally in Philadelphia on Friday night.',
    '“We are stronger together, and we will prove it in November,” Clinton and Kaine said.',
    'The crowd of about 4,000 people cheered for several minutes.',
  ], { focus: /We are stronger together/, shown: /Hillary Clinton and Tim Kaine/, shot: 'suggestion-two-speakers', field: 'Speaker' });
  assert.equal(speaker, 'Hillary Clinton and Tim Kaine');
});

test('a woman named by her title is not given her husband’s fuller name when her quote is accepted', async () => {
  const { value: speaker } = await acceptedField('The Clintons in Iowa', [
    'Bill Clinton campaigned in Des Moines on Friday. Bill Clinton spoke for an hour, and Hillary Clinton joined him later.',
    'Mr. Clinton left before the end of the rally.',
    'Mrs. Clinton did not hesitate. “Everybody should be believed at first, until the evidence says otherwise,” she said.',
  ], { focus: /Everybody should be believed/, shown: /Hillary Clinton/, shot: 'suggestion-title-sex', field: 'Speaker' });
  assert.equal(speaker, 'Hillary Clinton');
});

test('a quote in doubled straight marks is suggested whole past an apostrophe, with its speaker', async () => {
  const { value: speaker } = await acceptedField('The pope and the wall', [
    'Giovanni Maria Vian edits the Vatican newspaper.',
    "''Francis' walls are between the north and south of the world, and that's why they bother him,'' Mr. Vian said.",
  ], { focus: /walls are between the north and south/, shown: /Giovanni Maria Vian/, shot: 'suggestion-doubled-marks', field: 'Speaker' });
  assert.equal(speaker, 'Giovanni Maria Vian');
});

test('a German article’s quote is suggested with its speaker, read by German words', async () => {
  const { page, value: speaker } = await acceptedField('Energiepreise', [
    'Die Regierung hat am Montag einen neuen Plan für die Energiepreise vorgestellt. Bundeskanzlerin Angela Merkel sprach von einem wichtigen Schritt für das ganze Land und für die Familien.',
    '„Wir werden die Familien mit diesem Plan deutlich entlasten“, sagte Merkel in Berlin.',
    'Der Sprecher der Opposition sah das anders, und die Kommunen warten noch auf eine Antwort der Regierung in Berlin.',
  ], { focus: /Wir werden die Familien/, shown: /Angela Merkel/, shot: 'suggestion-german-speaker', field: 'Speaker' });
  assert.equal(speaker, 'Angela Merkel');
  // The panel says why there are no claims, and no longer that quotes come without speakers.
  await expect(section(page).getByText(/Claims are suggested for English text only/)).toHaveCount(1);
  await expect(section(page).getByText(/without speakers/)).toHaveCount(0);
});

test('a French quote in « » is accepted without the spaces inside its marks, with its speaker', async () => {
  const { page, value: speaker } = await acceptedField('Le plan énergie', [
    'Le gouvernement a présenté lundi un nouveau plan pour les prix de l’énergie. Le ministre Bruno Le Maire a parlé d’une étape importante pour les familles et pour le pays, qui attend depuis des mois.',
    '« Nous allons aider les familles avec ce plan », a déclaré M. Le Maire.',
    'Les communes attendent encore une réponse du gouvernement sur le coût du plan.',
  ], { focus: /Nous allons aider les familles/, shown: /M\. Le Maire/, shot: 'suggestion-french-speaker', field: 'Speaker' });
  assert.equal(speaker, 'M. Le Maire');
  await expect(editor(page).locator('h3 q')).toHaveText('Nous allons aider les familles avec ce plan');
  await expect(page.locator('article mark.hl-quote')).toHaveText('Nous allons aider les familles avec ce plan');
});

test('a claim in a debate transcript is accepted with its speaker as claimant', async () => {
  const { page, value: claimant } = await acceptedField('The governors’ debate', [
    'Governor Ana Ruiz and Senator Tom Reed met in Lisbon for the only debate of the race.',
    'MODERATOR: Governor, what happened to jobs in your state?',
    'RUIZ: Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.',
    'REED: Our exports grew by 12 percent last year, more than any other state.',
    'RUIZ: Thank you.',
  ], { focus: /Unemployment fell to 4\.1 percent/, shown: /Ana Ruiz/, shot: 'suggestion-transcript-claimant', field: 'Claimant' });
  assert.equal(claimant, 'Ana Ruiz');
  // The claim is the speech, not the speaker's label.
  await expect(page.locator('article mark.hl-claim')).toHaveText('Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.');
});

test('the Accept button accepts the focused claim; a claim suggestion shows its score', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  const n = await claims(page).count();
  assert.ok(n >= 1, 'at least one claim suggested');
  const first = claims(page).first();
  await expect(first).toHaveText(/score 0\.\d\d/);
  const scores = await claims(page).evaluateAll((items) =>
    items.map((li) => Number(/score (\d\.\d\d)/.exec(li.textContent)[1])));
  assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'claims in score order');
  await first.getByRole('button').first().click();
  await expect(current(page)).toHaveCount(1);
  await section(page).getByRole('button', { name: 'Accept' }).click();
  await editor(page).waitFor();
  await expect(page.locator('article mark.hl-claim')).toHaveCount(1);
  await expect(claims(page)).toHaveCount(n - 1);
});

test('X dismisses a suggestion, and it stays dismissed after a reload', async () => {
  const { page, context } = await openWithSuggestions(app.browser, app.url);
  await page.getByRole('article').focus();
  await page.keyboard.press('j');
  const text = (await current(page).locator('.sg-text').innerText()).trim();
  const before = await quotes(page).count();
  await page.keyboard.press('x');
  await expect(quotes(page)).toHaveCount(before - 1);
  await expect(announcement(page)).toHaveText(/^Dismissed\./);
  await expect(section(page).getByText(text, { exact: true })).toHaveCount(0);
  // Dismissed, not annotated.
  await expect(page.locator('article mark')).toHaveCount(0);
  // Saved: the meta record is written, then the page is reloaded.
  await eventually(async () => {
    const keys = await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('article-annotator');
      req.onsuccess = () => {
        const tx = req.result.transaction('meta', 'readonly');
        const all = tx.objectStore('meta').getAllKeys();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      };
      req.onerror = () => reject(req.error);
    }));
    assert.ok(keys.some((k) => String(k).startsWith('dismissed:')), JSON.stringify(keys));
  });
  await page.reload();
  await waitReady(page);
  await expect(section(page).getByRole('status')).toHaveText(/to review/, { timeout: 30000 });
  await expect(quotes(page)).toHaveCount(before - 1);
  await expect(section(page).getByText(text, { exact: true })).toHaveCount(0);
  // Asked again with the Suggest button: still dismissed.
  await section(page).getByRole('button', { name: 'Suggest' }).click();
  await expect(section(page).getByRole('status')).toHaveText(/to review/, { timeout: 30000 });
  await expect(quotes(page)).toHaveCount(before - 1);
  await expect(section(page).getByText(text, { exact: true })).toHaveCount(0);
  await context.close();
});

test('Enter on a button is the button, not an accept', async () => {
  const { page } = await openWithSuggestions(app.browser, app.url);
  await page.getByRole('article').focus();
  await page.keyboard.press('j');
  await section(page).getByRole('button', { name: 'Dismiss' }).focus();
  const before = await quotes(page).count();
  await page.keyboard.press('Enter');
  await expect(quotes(page)).toHaveCount(before - 1);
  await expect(page.locator('article mark')).toHaveCount(0);
});
