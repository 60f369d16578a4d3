// Accessibility: the names assistive technology reads, the WAI-ARIA dialog pattern for every
// dialog (focus in, Tab kept inside, Escape, focus back to the opener), and one level-one
// heading per view. Release build, headless Chromium, real key presses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, dragSelect, screenshot, expect, eventually, pngPixels } from './harness.mjs';

const app = setup();

const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const items = (page) => page.getByRole('list', { name: 'Annotation list' }).getByRole('listitem');
const libraryButton = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ });

async function tag(page, text, kind) {
  await dragSelect(page, text);
  await toolbar(page).getByRole('button', { name: kind, exact: true }).click();
  await editor(page).waitFor();
}

/** A W3C annotation on the sample article, as another tool would write it. */
const W3C_FILE = JSON.stringify({
  '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:a11y',
  target: { selector: { type: 'TextQuoteSelector', exact: 'more than 19,000 strikes' } },
});

// ---------------------------------------------------------------------------------------
// Accessible names.

/** Roles of the controls a person operates. */
const CONTROL_ROLES = new Set([
  'button', 'link', 'checkbox', 'radio', 'combobox', 'textbox', 'searchbox', 'menuitem', 'tab',
  'switch', 'slider', 'spinbutton', 'listbox', 'option', 'ListBoxOption', 'PopUpButton',
]);

/** A decorative glyph: a symbol (■, ❝, ×, ✓, arrows) or a bullet or middle dot. */
const GLYPH = /[\p{So}\p{Sm}\u00b7\u2022]/u;

/** Every control in the page's accessibility tree (Chromium's, over CDP): `[{ role, name }]`. */
async function controls(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value))
      .map((n) => ({ role: n.role.value, name: n.name?.value ?? '' }));
  } finally {
    await cdp.detach();
  }
}

/** Fails if a control's name starts or ends with a decorative glyph; returns the controls. */
async function checkNames(page, where) {
  const found = await controls(page);
  const bad = found.filter(({ name }) => {
    const chars = [...name.trim()];
    return chars.length > 0 && (GLYPH.test(chars[0]) || GLYPH.test(chars[chars.length - 1]));
  });
  assert.deepEqual(bad, [], `controls named with a decorative glyph in ${where}`);
  assert.ok(found.some((c) => c.role === 'button'), `buttons found in ${where}`);
  return found;
}

test('the toolbar buttons are named exactly Claim and Quote', async () => {
  const { page } = await openApp(app.browser, app.url);
  await dragSelect(page, 'more than 19,000 strikes');
  await toolbar(page).waitFor();
  await expect(toolbar(page).getByRole('button', { name: 'Claim', exact: true })).toHaveCount(1);
  await expect(toolbar(page).getByRole('button', { name: 'Quote', exact: true })).toHaveCount(1);
  // The same names in Chromium's accessibility tree, with the glyphs still drawn.
  const names = (await controls(page)).filter((c) => c.role === 'button').map((c) => c.name);
  assert.ok(names.includes('Claim') && names.includes('Quote'), JSON.stringify(names));
  const glyph = await toolbar(page).getByRole('button', { name: 'Claim', exact: true })
    .evaluate((b) => getComputedStyle(b, '::before').content);
  assert.match(glyph, /■/, 'the square is still shown');
  await screenshot(page, 'toolbar-names');
});

test('no control in any view or dialog is named with a decorative glyph', async () => {
  const { page } = await openApp(app.browser, app.url);
  // The article view with the toolbar, the panel and the editor of a selected annotation.
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await dragSelect(page, 'Jeff Sessions');
  await toolbar(page).waitFor();
  const article = await checkNames(page, 'the article view');
  for (const name of ['Claim', 'Quote', 'Undo', 'Export', 'Replace text', 'Delete']) {
    assert.ok(article.some((c) => c.name === name), `${name} is among the checked controls`);
  }
  // Each dialog of the article view.
  const dialogs = [
    ['Export', () => page.getByRole('button', { name: 'Export', exact: true }).click()],
    ["Replace the article's text", () => page.getByRole('button', { name: 'Replace text' }).click()],
    ['Keyboard shortcuts', () => page.getByRole('button', { name: 'Shortcuts' }).click()],
    ['Sync', () => page.getByRole('button', { name: 'Sync', exact: true }).click()],
    ['Import preview', () => page.getByLabel('Import annotations').setInputFiles(
      { name: 'a11y.json', mimeType: 'application/json', buffer: Buffer.from(W3C_FILE) })],
  ];
  for (const [name, open] of dialogs) {
    await open();
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    await checkNames(page, `the ${name} dialog`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
  // The library view and its New article dialog.
  await libraryButton(page).click();
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
  await checkNames(page, 'the library view');
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByRole('dialog', { name: 'New article' }).waitFor();
  await checkNames(page, 'the New article dialog');
});

// ---------------------------------------------------------------------------------------
// The focus ring is painted.

/**
 * How many pixels of the focus ring's colour (`--focus`, #1f5fbf) are painted in the band of
 * 1–5 px around the focused element (the ring is 3 px, 2 px off the element's edge).
 */
async function ringPixels(page) {
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(Math.min(r.height, 80)) };
  });
  const pad = 8;
  const png = await page.screenshot({ clip: { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad } });
  const img = pngPixels(png);
  let ring = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const inside = x >= pad && x < pad + box.width && y >= pad && y < pad + box.height;
      const near = x >= pad - 6 && x < pad + box.width + 6 && y >= pad - 6 && y < pad + box.height + 6;
      if (inside || !near) continue;
      const [r, g, b] = img.at(x, y);
      if (Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x5f) < 40 && Math.abs(b - 0xbf) < 40) ring++;
    }
  }
  return ring;
}

test('the focus ring is painted around a focused annotation and a focused suggestion', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'Tillerson', 'Claim');
  // Focus by keyboard (the ring is for :focus-visible): Shift+Tab then Tab lands on the item.
  for (const [what, locator] of [
    ['the annotation in the list', items(page).first().getByRole('button').first()],
    ['the first suggestion', page.getByRole('region', { name: 'Suggestions' }).locator('.sg-item').first()],
  ]) {
    await locator.waitFor({ timeout: 20000 });
    await locator.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(locator).toBeFocused();
    const ring = await ringPixels(page);
    await screenshot(page, `focus-ring-${what.split(" ").pop()}`);
    // A ring around an item of about 330 × 60 px covers some 2,400 px; clipped, none.
    assert.ok(ring > 1000, `${what}: ${ring} pixels of the focus ring painted`);
  }
});

// ---------------------------------------------------------------------------------------
// The dialog pattern.

/**
 * Checks one dialog against the WAI-ARIA dialog pattern: `open()` opens it from `opener`;
 * focus is then on `initial`, inside the dialog; Tab from `last` wraps to `first` and
 * Shift+Tab from `first` back to `last`; Tab never leaves it; Escape closes it and focus
 * returns to `opener`.
 */
async function checkDialog(page, { name, opener, open, initial, first, last }) {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await expect(initial(dialog)).toBeFocused();
  const inside = () => dialog.evaluate((d) => d.contains(document.activeElement));
  assert.equal(await inside(), true, 'focus is in the dialog');
  // Tab from the last control wraps to the first, Shift+Tab from the first to the last.
  await last(dialog).focus();
  await page.keyboard.press('Tab');
  await expect(first(dialog)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(last(dialog)).toBeFocused();
  // Round the whole dialog and further: focus never leaves it.
  const stops = await dialog.evaluate((d) => d.querySelectorAll('a, button, input, select, textarea').length);
  for (let i = 0; i < stops + 2; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await inside(), true, `focus is still in the dialog after ${i + 1} Tab(s)`);
  }
  await screenshot(page, `dialog-${name.replace(/\W+/g, '-').toLowerCase()}`);
  // Escape closes it, and focus is back on the control that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}

test('Export: focus moves in, Tab stays inside, Escape closes, focus returns to Export', async () => {
  const { page } = await openApp(app.browser, app.url);
  const opener = page.getByRole('button', { name: 'Export', exact: true });
  await checkDialog(page, {
    name: 'Export',
    opener,
    open: () => opener.click(),
    initial: (d) => d.getByRole('radio', { name: /^This article/ }),
    first: (d) => d.getByRole('radio', { name: /^This article/ }),
    last: (d) => d.getByRole('button', { name: 'Cancel' }),
  });
});

test('Sync: focus moves to Server URL, Tab stays inside, Escape closes, focus returns to Sync', async () => {
  const { page } = await openApp(app.browser, app.url);
  const opener = page.getByRole('button', { name: 'Sync', exact: true });
  await checkDialog(page, {
    name: 'Sync',
    opener,
    open: () => opener.click(),
    initial: (d) => d.getByRole('textbox', { name: 'Server URL', exact: true }),
    first: (d) => d.getByRole('textbox', { name: 'Server URL', exact: true }),
    last: (d) => d.getByRole('button', { name: 'Close', exact: true }),
  });
});

test('Replace text: focus moves to the text, Tab stays inside, Escape closes, focus returns', async () => {
  const { page } = await openApp(app.browser, app.url);
  const opener = page.getByRole('button', { name: 'Replace text' });
  await checkDialog(page, {
    name: "Replace the article's text",
    opener,
    open: () => opener.click(),
    initial: (d) => d.getByLabel('New text'),
    first: (d) => d.getByLabel('New text'),
    last: (d) => d.getByRole('button', { name: 'Cancel' }),
  });
});

test('Shortcuts: focus moves to Close, Tab stays on it, Escape closes, focus returns', async () => {
  const { page } = await openApp(app.browser, app.url);
  const opener = page.getByRole('button', { name: 'Shortcuts' });
  const close = (d) => d.getByRole('button', { name: 'Close' });
  await checkDialog(page, {
    name: 'Keyboard shortcuts', opener, open: () => opener.click(), initial: close, first: close, last: close,
  });
  // Opened with `?` from the article, it gives focus back to the article.
  const article = page.getByRole('article');
  await article.focus();
  await checkDialog(page, {
    name: 'Keyboard shortcuts', opener: article, open: () => page.keyboard.press('?'),
    initial: close, first: close, last: close,
  });
});

test('New article: focus moves to Title, Tab stays inside, Escape closes, focus returns', async () => {
  const { page } = await openApp(app.browser, app.url);
  await libraryButton(page).click();
  const opener = page.getByRole('button', { name: 'New article' });
  await checkDialog(page, {
    name: 'New article',
    opener,
    open: () => opener.click(),
    initial: (d) => d.getByLabel('Title'),
    first: (d) => d.getByLabel('Title'),
    last: (d) => d.getByRole('button', { name: 'Cancel' }),
  });
  // After Create the opener is gone with the library view: focus goes to the new article's
  // heading.
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByLabel('Title').fill('Çavuşoğlu in Ankara');
  await dialog.getByLabel('Article text').fill('The minister spoke.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Çavuşoğlu in Ankara' });
  await expect(heading).toBeFocused();
});

test('Import preview: focus moves in, Tab stays inside, Escape closes, focus returns to Import', async () => {
  const { page } = await openApp(app.browser, app.url);
  const opener = page.getByLabel('Import annotations');
  await checkDialog(page, {
    name: 'Import preview',
    opener,
    // As a person does it: click Import, then pick the file in the browser's file chooser.
    open: async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), opener.click()]);
      await chooser.setFiles({ name: 'a11y.json', mimeType: 'application/json', buffer: Buffer.from(W3C_FILE) });
    },
    initial: (d) => d.getByLabel('Attach to article'),
    first: (d) => d.getByLabel('Attach to article'),
    last: (d) => d.getByRole('button', { name: 'Cancel' }),
  });
  await expect(page.locator('article mark')).toHaveCount(0); // Escape imported nothing
});

test('keys pressed in a dialog do not reach the global shortcuts', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  // An annotation is selected: outside a dialog, Escape would deselect it and Delete delete it.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('?');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(exportDialog).toHaveCount(0);
  // The keys were handled in order: by now each one has had its effect, if any.
  await expect(page.getByRole('dialog')).toHaveCount(0); // `?` did not open the help
  await expect(items(page)).toHaveCount(1); // Delete deleted nothing
  await expect(editor(page)).toHaveCount(1); // Escape closed the dialog only
  // A pending selection is not tagged by C or Q pressed in the shortcuts help.
  await dragSelect(page, 'Jeff Sessions');
  await toolbar(page).waitFor();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('c');
  await page.keyboard.press('q');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(items(page)).toHaveCount(1);
  // Outside the dialog the same key does tag: the check above can fail.
  await page.keyboard.press('q');
  await expect(items(page)).toHaveCount(2);
});

test('while a dialog is open, keys sent to the page behind it do not reach the shortcuts', async () => {
  const { page } = await openApp(app.browser, app.url);
  await tag(page, 'more than 19,000 strikes', 'Claim');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.waitFor();
  // Only the page's own code can put focus behind the backdrop (it keeps clicks out): do that,
  // then press keys there. The dialog's own key handling never sees them.
  await page.evaluate(() => document.querySelector('article').focus());
  await page.keyboard.press('Delete');
  await page.keyboard.press('?');
  await exportDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(exportDialog).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0); // `?` did not open the help
  await expect(items(page)).toHaveCount(1); // Delete deleted nothing
  // With the dialog closed, the same key in the same place does delete: the check can fail.
  await page.evaluate(() => document.querySelector('article').focus());
  await page.keyboard.press('Delete');
  await expect(items(page)).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------
// Headings.

test('the article view and the library view each have exactly one level-one heading', async () => {
  const { page } = await openApp(app.browser, app.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Global Coalition/);
  await libraryButton(page).click();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  await screenshot(page, 'library-view');
  await eventually(async () => assert.ok(await page.getByRole('region', { name: 'Library' }).isVisible()));
});
