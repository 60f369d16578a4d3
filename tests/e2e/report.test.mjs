// Issue 14: repeat claims across articles, the Claims view, the report (shown, downloaded,
// printed) and the ClaimReview checks, against the release build in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, openApp, dragSelect, screenshot, expect, eventually, waitForRecords, waitReady, createArticle } from './harness.mjs';

const app = setup();

const SAMPLE = 'The Global Coalition Working to Defeat ISIS';
const CLAIM = 'Turkey plays a critical role fighting against ISIS in the region';
const panel = (page) => page.getByRole('complementary', { name: 'Annotations' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });

async function tag(page, text, kind) {
  await dragSelect(page, text);
  await toolbar(page).getByRole('button', { name: kind, exact: true }).click();
  await editor(page).waitFor();
}

/** Types `value` into the editor's field labelled `label` and commits it (change event). */
async function setField(page, label, value) {
  const field = editor(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

/** The sample article with one checked claim (False, a claimant, a note, a link) and a quote. */
async function checkedSample() {
  const { page, context } = await openApp(app.browser, app.url);
  await tag(page, CLAIM, 'Claim');
  await editor(page).getByLabel('Verdict', { exact: true }).selectOption({ label: 'False' });
  await setField(page, 'Claimant', 'Ayşe Öztürk');
  await setField(page, 'Note', 'Checked against the <b>ministry</b> figures.');
  await setField(page, 'Evidence links', 'https://stats.example/coalition?year=2017');
  await expect(editor(page).getByRole('link', { name: 'https://stats.example/coalition?year=2017' })).toHaveCount(1);
  await tag(page, 'Together, we share a resolve', 'Quote');
  await setField(page, 'Speaker', 'Tillerson');
  return { page, context };
}

test('a repeated claim on a second article is offered with its verdict and copied, undoably', async () => {
  const { page } = await checkedSample();
  await createArticle(page, 'Second report', `Officials said again that ${CLAIM.toLowerCase()}! Other news follows.`);
  await tag(page, CLAIM.toLowerCase(), 'Claim');
  const said = editor(page).page().getByRole('region', { name: /^Said before/ });
  await expect(said).toHaveCount(1);
  await expect(said.getByRole('heading')).toHaveText('Said before (1)');
  const item = said.getByRole('listitem');
  await expect(item).toHaveText(new RegExp(`False · ${SAMPLE} · \\d{4}-\\d\\d-\\d\\d · 100% similar`));
  await screenshot(page, 'repeat-claim');
  await item.getByRole('button', { name: /^Copy verdict, note and evidence/ }).click();
  await expect(editor(page).getByLabel('Verdict', { exact: true })).toHaveValue('false');
  await expect(editor(page).getByLabel('Note', { exact: true })).toHaveValue('Checked against the <b>ministry</b> figures.');
  await expect(editor(page).getByRole('link', { name: 'https://stats.example/coalition?year=2017' })).toHaveCount(1);
  // One undo step takes the whole copy back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(editor(page).getByLabel('Verdict', { exact: true })).toHaveValue('unverified');
  await expect(editor(page).getByLabel('Note', { exact: true })).toHaveValue('');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(editor(page).getByLabel('Verdict', { exact: true })).toHaveValue('false');

  // A claim with another number is not a repeat.
  await createArticle(page, 'Third', 'The cabinet has 86 ministers. The cabinet has 68 ministers.');
  await tag(page, 'The cabinet has 86 ministers.', 'Claim');
  await expect(page.getByRole('region', { name: /^Said before/ })).toHaveCount(0);
  await tag(page, 'The cabinet has 68 ministers.', 'Claim');
  await expect(page.getByRole('region', { name: /^Said before/ })).toHaveCount(0);

  // The Claims view groups the repeat, says where it appeared, and filters by verdict.
  await page.getByRole('button', { name: 'Claims', exact: true }).click();
  const claims = page.getByRole('dialog', { name: 'Claims' });
  await expect(claims.getByRole('status')).toHaveText('4 claim(s) in 3 group(s)');
  const groups = claims.getByRole('list', { name: 'Claim groups' }).getByRole('listitem').filter({ has: page.getByRole('list') });
  await expect(groups.first()).toHaveText(/2 times in 2 article\(s\)/);
  await claims.getByLabel('Verdict').selectOption({ label: 'True' });
  await expect(claims.getByRole('status')).toHaveText('0 claim(s) in 0 group(s)');
  await claims.getByLabel('Verdict').selectOption({ label: 'False' });
  await expect(claims.getByRole('status')).toHaveText('2 claim(s) in 1 group(s)');
  // A claim opens its article with it selected.
  await claims.getByRole('button', { name: new RegExp(`^${SAMPLE} · False`) }).click();
  await page.getByRole('heading', { level: 1, name: SAMPLE }).waitFor();
  await expect(editor(page).locator('h3 q')).toHaveText(CLAIM);
});

/** Text of every page of a PDF, with pdf.js. */
async function pdfText(buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(' '));
  }
  return pages;
}

test('the report shows the fact-check, downloads as one safe HTML file, and prints without the app', async () => {
  const { page, context } = await checkedSample();
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  const report = page.getByRole('dialog', { name: `Fact-check report ${SAMPLE}` });
  await report.waitFor();
  await expect(report.locator('.report-counts')).toHaveText('1 claim (1 False), 1 quote (0 checked)');
  const falseGroup = report.getByRole('region', { name: 'False' });
  await expect(falseGroup.getByRole('heading')).toHaveText('False (1)');
  await expect(falseGroup.locator('blockquote')).toHaveText(CLAIM);
  await expect(falseGroup).toHaveText(/Claimant\s*Ayşe Öztürk/);
  await expect(falseGroup).toHaveText(/Note\s*Checked against the <b>ministry<\/b> figures\./);
  await expect(falseGroup.getByRole('link', { name: 'stats.example' })).toHaveAttribute('href', 'https://stats.example/coalition?year=2017');
  await expect(report.locator('.report-quote')).toHaveText(/Together, we share a resolve.*Speaker\s*Tillerson.*Checked\s*no/);
  await screenshot(page, 'report');

  // The library's report: claims checked, by article.
  await report.getByRole('button', { name: 'Whole library' }).click();
  const libReport = page.getByRole('dialog', { name: 'Fact-check report Claims checked, by article' });
  await expect(libReport.locator('.report-counts').first()).toHaveText('1 claim(s) checked in 1 article(s)');
  await libReport.getByRole('button', { name: 'This article' }).click();
  await report.waitFor();

  // Download: one self-contained file, opened with JavaScript off and no network.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Download report' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^the-global-coalition-working-to-defeat-isis-\d{4}-\d\d-\d\d\.report\.html$/);
  // Saved under its own name (Playwright keeps downloads without an extension).
  const file = join(await mkdtemp(join(tmpdir(), 'report-')), download.suggestedFilename());
  await download.saveAs(file);
  const html = await readFile(file, 'utf8');
  assert.ok(!/<script/i.test(html), 'no script in the report');
  assert.ok(!/<link/i.test(html), 'no linked resource');
  assert.ok(html.includes('&lt;b&gt;ministry&lt;&#x2F;b&gt;'), 'the note is escaped');
  const offline = await app.browser.newContext({ javaScriptEnabled: false, offline: true });
  const requests = [];
  offline.on('request', (r) => requests.push(r.url()));
  const view = await offline.newPage();
  await view.goto(pathToFileURL(file).href);
  await expect(view.getByRole('heading', { level: 1 })).toHaveText(SAMPLE);
  await expect(view.getByRole('heading', { name: 'False (1)' })).toHaveCount(1);
  await expect(view.locator('blockquote').first()).toHaveText(CLAIM);
  await expect(view.getByText('Checked against the <b>ministry</b> figures.')).toHaveCount(1);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'no request leaves the file');
  await offline.close();

  // Print: the report alone, links followed by their URLs, on A4 and on Letter.
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, printBackground: false });
    const pages = await pdfText(pdf);
    assert.ok(pages.length >= 1 && pages.length <= 2, `${format}: ${pages.length} pages`);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    assert.ok(text.includes(SAMPLE), text);
    assert.ok(text.includes('False (1)'), text);
    assert.ok(text.replace(/\s/g, '').includes('(https://stats.example/coalition?year=2017)'), `${format}: the link's URL is printed: ${text}`);
    for (const chrome of ['Download report', 'Whole library', 'Undo', 'Shortcuts', 'Annotations', 'Suggestions']) {
      assert.ok(!text.includes(chrome), `${format}: "${chrome}" is not printed: ${text}`);
    }
  }
  await context.close();
});

test('ClaimReview export lists what each claim lacks; Fix selects it; Settings are kept', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, CLAIM, 'Claim');
  await page.getByRole('button', { name: 'Export' }).click();
  let dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption({ label: 'ClaimReview' });
  const lacks = dialog.getByRole('list', { name: 'What the ClaimReview markup lacks' });
  await expect(lacks.getByRole('listitem').first()).toHaveText(/Required reviewRating\.alternateName/);
  await expect(lacks).toHaveText(/Required url: set the review URL in Settings\./);
  await expect(lacks).toHaveText(/Recommended itemReviewed\.author: the claim has no claimant\./);
  await expect(lacks).toHaveText(/Recommended itemReviewed\.appearance: the article has no web address\./);
  // Settings, from the dialog: the organisation and the review URL.
  await dialog.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Organisation').fill('Fact Desk');
  await settings.getByLabel('Review URL').fill('javascript:alert(1)');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('alert')).toHaveText(/^Review URL refused/);
  await settings.getByLabel('Review URL').fill('https://factdesk.example/reviews');
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.waitFor({ state: 'detached' });
  // Kept across a reload, once written.
  await waitForRecords(page, 'meta', (rs) => rs.some((r) => r.key === 'settings' && r.value?.value?.organisation === 'Fact Desk'));
  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Organisation')).toHaveValue('Fact Desk');
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Export' }).click();
  dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption({ label: 'ClaimReview' });
  await expect(lacks).notToHaveText(/Required url/);
  await lacks.getByRole('button', { name: /^Fix/ }).first().click();
  await dialog.waitFor({ state: 'detached' });
  await expect(editor(page).locator('h3 q')).toHaveText(CLAIM);
  await eventually(async () => (await panel(page).getByRole('button', { pressed: true }).count()) === 1);
});
