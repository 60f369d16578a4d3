// Export and import: real downloads and file inputs in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, openApp, dragSelect, expect, eventually, filledValue } from './harness.mjs';

const app = setup();

const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const items = (page) => page.getByRole('list', { name: 'Annotation list' }).getByRole('listitem');

async function tag(page, text, kind) {
  await dragSelect(page, text);
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: kind, exact: true }).click();
  await editor(page).waitFor();
}

/** A page with a claim (verdict False, claimant, note, evidence) and a quote (speaker). */
async function annotated() {
  const { page, context } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await editor(page).getByLabel('Verdict', { exact: true }).selectOption({ label: 'False' });
  await editor(page).getByLabel('Claimant').fill('Rex W. Tillerson');
  await editor(page).getByLabel('Note').fill('Line one\nline “two”, with a comma');
  await editor(page).getByLabel('Evidence links').fill('https://example.org/strikes');
  await editor(page).getByLabel('Evidence links').press('Tab');
  await tag(page, 'Minister Çavuşoğlu\u00a0 stated', 'Quote');
  await editor(page).getByLabel('Speaker').fill('Mevlüt Çavuşoğlu');
  await editor(page).getByLabel('Speaker').press('Tab');
  await tag(page, 'Jeff Sessions', 'Claim'); // no verdict: left out of ClaimReview
  return { page, context };
}

/** Exports `format` by the dialog's Download button; returns { name, text }. */
async function exportVia(page, format, whole = false) {
  if (format === 'ClaimReview') {
    // The organisation is a setting (the Settings dialog), kept for every export.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Organisation').fill('Fact Desk');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'detached' });
  }
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  if (whole) await dialog.getByLabel('The whole library').check();
  await dialog.getByLabel('Format').selectOption({ label: format });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text };
}

async function importFile(page, name, text) {
  await page.getByLabel('Import annotations').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('each export format downloads a file named after the article and the date', async () => {
  const { page } = await annotated();
  const today = new Date().toISOString().slice(0, 10);

  const native = await exportVia(page, 'Annotator JSON');
  assert.match(native.name, new RegExp(`^the-global-coalition-working-to-defeat-isis-${today}\\.annotator\\.json$`));
  const doc = JSON.parse(native.text);
  assert.equal(doc.format, 'article-annotator');
  assert.equal(doc.version, 1);
  assert.equal(doc.articles.length, 1);
  assert.equal(doc.annotations.length, 3);
  const claim = doc.annotations.find((a) => a.quote.exact === 'more than 19,000 strikes');
  assert.equal(claim.verdict, 'false');
  assert.equal(claim.claimant, 'Rex W. Tillerson');
  assert.deepEqual(claim.evidence, ['https://example.org/strikes']);
  assert.equal(doc.annotations.find((a) => a.kind === 'quote').quote.exact, 'Minister Çavuşoğlu\u00a0 stated');

  const w3c = JSON.parse((await exportVia(page, 'W3C Web Annotation')).text);
  assert.equal(w3c['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(w3c.type, 'AnnotationCollection');
  assert.equal(w3c.first.type, 'AnnotationPage');
  assert.equal(w3c.first.items.length, 3);
  for (const a of w3c.first.items) {
    assert.equal(a.type, 'Annotation');
    assert.match(a.id, /^urn:uuid:/);
    const sel = a.target.selector;
    const quote = sel.find((s) => s.type === 'TextQuoteSelector');
    const pos = sel.find((s) => s.type === 'TextPositionSelector');
    assert.ok(quote.exact.length > 0);
    assert.equal(pos.end - pos.start, [...quote.exact].length, 'positions count code points');
  }

  const cr = await exportVia(page, 'ClaimReview');
  const reviews = JSON.parse(cr.text);
  assert.equal(reviews.length, 1, 'only the claim with a verdict');
  assert.equal(reviews[0]['@type'], 'ClaimReview');
  assert.equal(reviews[0].claimReviewed, 'more than 19,000 strikes');
  assert.equal(reviews[0].reviewRating.alternateName, 'False');
  assert.equal(reviews[0].author.name, 'Fact Desk');
  await expect(page.getByRole('status').filter({ hasText: 'claim review' })).toHaveText(/1 claim\(s\) without a verdict left out/);

  const csv = await exportVia(page, 'CSV');
  assert.match(csv.name, /\.csv$/);
  const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
  assert.match(lines[0], /^article,url,kind,quote,start,end,note,tags,verdict,claimant_speaker,evidence,created,modified$/);
  assert.ok(csv.text.includes('"Line one\nline “two”, with a comma"'), 'RFC 4180 quoting of a multi-line note');
});

test('copy to the clipboard gives the same export', async () => {
  const context = await app.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = await openApp(app.browser, app.url, context);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption({ label: 'W3C Web Annotation' });
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.first.items[0].target.selector[0].exact ?? copied.first.items[0].target.selector[1].exact, 'more than 19,000 strikes');
});

test('a clipboard that refuses the copy is reported as an error, and the dialog has closed', async () => {
  const context = await app.browser.newContext();
  // A browser that refuses to write to the clipboard (as one without permission does).
  await context.addInitScript(() => {
    // about:blank, where every context starts, has no clipboard.
    if (!navigator.clipboard) return;
    Object.defineProperty(navigator.clipboard, 'writeText', {
      value: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
    });
  });
  const { page } = await openApp(app.browser, app.url, context);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /clipboard/i })).toHaveCount(1);
  await expect(dialog).toHaveCount(0);
  // Nothing else changed: the annotation is still there.
  await expect(page.locator('article mark')).toHaveCount(1);
});

test('an Annotator JSON export imports into a fresh profile with the same highlights', async () => {
  const { page } = await annotated();
  const native = await exportVia(page, 'Annotator JSON', true);
  const marksBefore = await page.locator('article mark').allTextContents();

  const fresh = await openApp(app.browser, app.url);
  await expect(fresh.page.locator('article mark')).toHaveCount(0);
  await importFile(fresh.page, native.name, native.text);
  const preview = fresh.page.getByRole('dialog', { name: 'Import preview' });
  // The sample article has the same id in every profile: it is matched, and 3 annotations are added.
  await expect(preview).toHaveText(/3 annotations added/);
  await expect(fresh.page.locator('article mark')).toHaveCount(0); // nothing changes before confirming
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(fresh.page.locator('article mark')).toHaveTexts(marksBefore);
  await expect(items(fresh.page)).toHaveCount(3);
  await expect(fresh.page.getByRole('status').filter({ hasText: 'Imported' }))
    .toHaveText(/Imported “.*”: 3 annotations added\./);
  // Survives a reload: the import was stored.
  await fresh.page.reload();
  await fresh.page.locator('article mark').first().waitFor();
  await expect(items(fresh.page)).toHaveCount(3);
  // Importing the same file again adds nothing.
  await importFile(fresh.page, native.name, native.text);
  await expect(preview).toHaveText(/3 annotations already here and kept/);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  await expect(items(fresh.page)).toHaveCount(3);

  // The same file with its article under another id: the message names the article it added
  // (defect 8 of issue 10: it used to say only how many annotations were added).
  const article = JSON.parse(native.text).articles[0].id;
  const other = article.replace(/^.{8}/, 'abcdef01');
  const third = await openApp(app.browser, app.url);
  await importFile(third.page, 'copy.json', native.text.replaceAll(article, other));
  const copyPreview = third.page.getByRole('dialog', { name: 'Import preview' });
  await expect(copyPreview).toHaveText(/1 new article/);
  await copyPreview.getByRole('button', { name: 'Import' }).click();
  await expect(third.page.getByRole('status').filter({ hasText: 'copy.json' }))
    .toHaveText(/^Imported “copy\.json”: 1 article and 3 annotations added\.×$/);
});

test('a W3C file whose quotes sit at other positions is re-anchored on the article', async () => {
  const { page } = await openApp(app.browser, app.url);
  // As another tool would write it: wrong positions, right quotes with context, a Hypothesis-style array target.
  const w3c = [
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'https://hyp.example/a1', type: 'Annotation',
      body: [{ type: 'TextualBody', value: 'Check the coalition numbers', purpose: 'commenting' }],
      target: [{ source: 'https://elsewhere.example/article', selector: [
        { type: 'TextPositionSelector', start: 5, end: 29 },
        { type: 'TextQuoteSelector', exact: 'more than 19,000 strikes', prefix: 'have conducted ', suffix: ' on ISIS targets' },
      ] }],
    },
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'https://hyp.example/a2', type: 'Annotation',
      target: { source: 'https://elsewhere.example/article', selector: [
        // The quote differs a little from the article ("Cavusoglu" without its diacritics).
        { type: 'TextQuoteSelector', exact: 'Minister Cavusoglu  stated that', prefix: '', suffix: '' },
      ] },
    },
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'https://hyp.example/a3', type: 'Annotation',
      target: { source: 'https://elsewhere.example/article', selector: [
        { type: 'TextQuoteSelector', exact: 'a sentence that is nowhere in this article at all' },
      ] },
    },
  ];
  await importFile(page, 'hypothesis.json', JSON.stringify(w3c));
  const preview = page.getByRole('dialog', { name: 'Import preview' });
  await expect(preview).toHaveText(/3 annotations added/);
  await expect(preview).toHaveText(/2 annotations could not be matched exactly/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.locator('article mark').first().waitFor();
  const marks = await page.locator('article mark').allTextContents();
  assert.ok(marks.includes('more than 19,000 strikes'), marks.join('|'));
  assert.ok(marks.join('').includes('Çavuşoğlu'), 'the fuzzy match is attached to the real text');
  // The quote that is nowhere is kept as an orphan, listed with its quote.
  const orphans = page.getByRole('list', { name: 'Orphaned annotations' });
  await expect(orphans).toHaveText(/a sentence that is nowhere/);
  // …and can be attached by selecting text.
  await orphans.getByRole('button').first().click();
  await dragSelect(page, 'Jeff Sessions');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Attach here' }).click();
  await expect(orphans).toHaveCount(0);
  await eventually(async () => assert.ok((await page.locator('article mark').allTextContents()).includes('Jeff Sessions')));
});

test('bad files are refused with a clear message and the library stays as it was', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  const before = await page.locator('article mark').allTextContents();
  const cases = [
    ['broken.json', '{"format": "article-annotator", "version": 1,\n  "articles": [', /line 2/i],
    ['unknown.json', '{"hello": "world"}', /neither Annotator JSON nor W3C/],
    ['future.json', '{"format": "article-annotator", "version": 99, "articles": [], "annotations": []}', /version/i],
    ['empty.json', '', /empty/i],
    // Over the documented 20 MB limit: refused before it is read.
    ['huge.json', '[' + ' '.repeat(21 * 1024 * 1024) + ']', /limit is 20 MB/],
  ];
  for (const [name, text, message] of cases) {
    await importFile(page, name, text);
    const alert = page.getByRole('alert').filter({ hasText: name });
    await expect(alert).toHaveText(message);
    await expect(alert).toHaveText(/Nothing was changed/);
    await expect(page.getByRole('dialog', { name: 'Import preview' })).toHaveCount(0);
    await expect(page.locator('article mark')).toHaveTexts(before);
  }
});

test("replacing an article's text re-anchors its annotations and flags the changed ones", async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await tag(page, 'Jeff Sessions', 'Quote');
  await page.getByRole('button', { name: 'Replace text' }).click();
  const dialog = page.getByRole('dialog', { name: "Replace the article's text" });
  const field = dialog.getByLabel('New text');
  const old = await filledValue(field);
  await field.fill('Correction: a paragraph added at the top.\n\n' + old.replace('Jeff Sessions', 'Jefferson Beauregard Sessions'));
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Text replaced' }))
    .toHaveText(/1 annotation still on its text/);
  await expect(page.locator('article p').first()).toHaveText('Correction: a paragraph added at the top.');
  await eventually(async () => {
    assert.ok((await page.locator('article mark').allTextContents()).includes('more than 19,000 strikes'));
    assert.equal(await items(page).filter({ hasText: /Needs review|Orphan/ }).count()
      + await page.getByRole('list', { name: 'Orphaned annotations' }).getByRole('listitem').count(), 1);
  });
});

// Issue 11: a text replacement sends the worker the article and its annotations alone and
// merges the result back; the rest of the library must come through untouched.
test('replacing one article\'s text leaves the other articles and their annotations as they were', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByLabel('Title').fill('Harbour report');
  await dialog.getByLabel('Article text').fill('The harbour handled 3 million containers.\n\nThe mayor called it a record year.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  await tag(page, '3 million containers', 'Claim');
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('listitem').filter({ hasText: 'The Global Coalition' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name: /Global Coalition/ }).waitFor();
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await page.getByRole('button', { name: 'Replace text' }).click();
  const replace = page.getByRole('dialog', { name: "Replace the article's text" });
  const field = replace.getByLabel('New text');
  await field.fill('Added first.\n\n' + await filledValue(field));
  await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Text replaced' })).toHaveText(/1 annotation still on its text/);
  await expect(page.locator('article p').first()).toHaveText('Added first.');
  // After a reload, both articles are in the library, the harbour one with its claim.
  await page.reload();
  await page.getByRole('article').waitFor();
  await page.getByRole('button', { name: /^Library/ }).click();
  const harbour = page.getByRole('listitem').filter({ hasText: 'Harbour report' });
  await expect(harbour.locator('.library-counts')).toHaveText(/^1 claim, 0 quotes$/);
  await harbour.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('article mark.hl-claim')).toHaveText('3 million containers');
  await expect(page.locator('article')).toHaveText(/The harbour handled 3 million containers\./);
});

test('W3C annotations go to the article their target names, or to the one the user picks', async () => {
  const { page } = await openApp(app.browser, app.url);
  // A second article, with a source URL.
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByLabel('Title').fill('Harbour report');
  await dialog.getByLabel('Source URL').fill('https://news.example/harbour');
  await dialog.getByLabel('Article text').fill('The harbour handled 3 million containers.\n\nThe mayor called it a record year.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Open the sample article again: the file's target names the harbour article, not this one.
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.getByRole('listitem').filter({ hasText: 'The Global Coalition' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name: /Global Coalition/ }).waitFor();
  const w3c = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:1',
    target: { source: 'https://news.example/harbour', selector: { type: 'TextQuoteSelector', exact: 'a record year' } } };
  await importFile(page, 'harbour.json', JSON.stringify(w3c));
  const preview = page.getByRole('dialog', { name: 'Import preview' });
  const picker = preview.getByLabel('Attach to article');
  // Matched by the target's source.
  await expect(picker.locator('option:checked')).toHaveText('Harbour report');
  // The user picks the sample article instead: the quote is not in it, so it would be an orphan.
  await picker.selectOption({ label: 'The Global Coalition Working to Defeat ISIS' });
  await preview.filter({ hasText: 'could not be matched exactly' }).waitFor();
  // Back to the harbour article, and import there.
  await picker.selectOption({ label: 'Harbour report' });
  await preview.filter({ hasNotText: 'could not be matched exactly' }).waitFor();
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'Harbour report' }).waitFor();
  await expect(page.locator('article mark')).toHaveTexts(['a record year']);
});

test('a file cannot move an annotation, date itself in the future, or store a javascript: source', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  const file = JSON.parse((await exportVia(page, 'Annotator JSON', true)).text);
  const [sample] = file.articles;
  const [claim] = file.annotations;
  // The file claims the claim's id for a new article of its own, dated far in the future,
  // with a javascript: source, and appends a paragraph to the sample article's text.
  const copyId = '0badc0de-0000-4000-8000-000000000001';
  sample.text += '\n\nA paragraph the file adds.';
  file.articles.push({ id: copyId, title: 'Copied article', source_url: 'javascript:alert(document.domain)',
    text: 'Officials said more than 19,000 strikes were made.' });
  file.annotations = [{ ...claim, article_id: copyId, start: 14, end: 38, note: 'from the file',
    created: '2999-01-01T00:00:00.000Z', modified: '2999-01-01T00:00:00.000Z',
    quote: { exact: 'more than 19,000 strikes', prefix: 'Officials said ', suffix: ' were made.' } }];
  await importFile(page, 'claims.json', JSON.stringify(file));
  const preview = page.getByRole('dialog', { name: 'Import preview' });
  await expect(preview).toHaveText(/Replaces the text of “The Global Coalition Working to Defeat ISIS”\./);
  await expect(preview).toHaveText(/1 source link was dropped: it is not an http or https address\./);
  await expect(preview).toHaveText(/1 annotation added/);
  const before = Date.now();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'claims.json' }))
    .toHaveText(/Imported “claims\.json”: 1 article and 1 annotation added; 1 article updated\./);
  // The existing claim stays on the sample article.
  await expect(page.locator('article mark')).toHaveTexts(['more than 19,000 strikes']);
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).notToHaveText(/from the file/);

  const back = JSON.parse((await exportVia(page, 'Annotator JSON', true)).text);
  const copied = back.articles.find((a) => a.id === copyId);
  assert.ok(copied, 'the new article was imported');
  assert.equal(copied.source_url, undefined, 'the javascript: source was stored');
  const original = back.annotations.find((a) => a.id === claim.id);
  assert.equal(original.article_id, sample.id, 'the existing annotation moved');
  assert.equal(original.note, '');
  const copy = back.annotations.find((a) => a.article_id === copyId);
  assert.ok(copy, 'the copy was imported');
  assert.notEqual(copy.id, claim.id);
  assert.equal(copy.note, 'from the file');
  assert.ok(Date.parse(copy.modified) <= Date.now() && Date.parse(copy.modified) >= before - 60_000,
    `modified ${copy.modified} was not clamped to now`);
  assert.ok(Date.parse(copy.created) <= Date.now(), `created ${copy.created} was not clamped`);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
});

test('without random numbers from the browser, tagging and importing refuse with a message', async () => {
  const { page } = await openApp(app.browser, app.url);
  await page.evaluate(() => {
    window.crypto.getRandomValues = () => { throw new Error('no random numbers in this test'); };
  });
  await dragSelect(page, 'more than 19,000 strikes');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not create the annotation' }))
    .toHaveText(/^Could not create the annotation: this browser gave no random numbers, which new ids need\./);
  await expect(page.locator('article mark')).toHaveCount(0);
  await expect(items(page)).toHaveCount(0);
  await importFile(page, 'any.json', JSON.stringify({ format: 'article-annotator', version: 1,
    exported: '2026-01-01T00:00:00.000Z', articles: [], annotations: [] }));
  await expect(page.getByRole('alert').filter({ hasText: 'any.json' }))
    .toHaveText(/^Could not import “any\.json”: this browser gave no random numbers/);
  await expect(page.getByRole('dialog', { name: 'Import preview' })).toHaveCount(0);
});
