// Touch and small screens (issue 15): the header's actions behind the Menu button at phone
// width, the side column as a sheet, no sideways scrolling, touch targets of at least 24 × 24
// px (WCAG 2.5.8), selecting and tagging by touch and by the sentence buttons (WCAG 2.5.7),
// axe-core's WCAG 2 A/AA rules, and the wide header at 1280 and 2560 px. Release build,
// headless Chromium with touch emulation (`hasTouch`, `isMobile`): taps are real touch
// events; the one thing simulated is the long press that makes a touch selection (see the
// test that says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, screenshot, expect, eventually, waitReady, dragSelect, ROOT } from './harness.mjs';

const app = setup();

/** A phone: 390 × 844 CSS px, touch, a mobile viewport. */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const AXE = join(ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js');
/** The gap the app leaves under a touch selection for its handles (core::placement::TOUCH_GAP). */
const TOUCH_GAP = 32;

const menuButton = (page) => page.getByRole('button', { name: 'Menu', exact: true });
const actions = (page) => page.locator('#header-actions');
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const sheetButton = (page) => page.getByRole('button', { name: /^Annotations \(\d+\)$/ });
const libraryButton = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ });
const items = (page) => page.getByRole('list', { name: 'Annotation list' }).getByRole('listitem');
const selection = (page) => page.evaluate(() => String(getSelection()));

/** Opens the app in a fresh context with `options` (a phone by default). */
async function open(options = PHONE) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(app.url);
  await waitReady(page);
  return { page, context };
}

/** Fails if the page can be scrolled sideways. */
async function assertNoSideways(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${where}: the page is ${scroll} px wide in a ${inner} px viewport`);
}

/**
 * Every shown control (button, link, form field) smaller than 24 × 24 CSS px, described;
 * also counts how many were measured.
 */
async function smallTargets(page) {
  return page.evaluate(() => {
    const shown = [...document.querySelectorAll('button, a[href], input, select, textarea, [role=button]')]
      .filter((el) => el.getClientRects().length > 0 && el.checkVisibility({ visibilityProperty: true }));
    const small = shown
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30) || el.type;
        return { control: `<${el.tagName.toLowerCase()}> ${name}`, width: Math.round(r.width), height: Math.round(r.height) };
      })
      .filter(({ width, height }) => width < 24 || height < 24);
    return { measured: shown.length, small };
  });
}

async function assertTargets(page, where) {
  const { measured, small } = await smallTargets(page);
  assert.ok(measured > 3, `${where}: ${measured} controls measured`);
  assert.deepEqual(small, [], `${where}: controls smaller than 24 × 24 px`);
}

/** Runs axe-core's WCAG 2.0–2.2 A and AA rules on the page; fails on any violation. */
async function assertAxe(page, where) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `axe-core violations in ${where}`);
}

/** The viewport rectangle of the page's selection. */
const selectionRect = (page) => page.evaluate(() => {
  const r = getSelection().getRangeAt(0).getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
});

test('at 390 px the header actions are behind Menu: each is there by role and name, and works', async () => {
  const { page } = await open();
  await expect(libraryButton(page)).toHaveCount(1);
  assert.ok(await libraryButton(page).isVisible(), 'the Library button stays in the header');
  // Closed: the actions are hidden (out of the accessibility tree too).
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton(page)).toHaveAttribute('aria-controls', 'header-actions');
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);
  await screenshot(page, 'mobile-article');

  await menuButton(page).tap();
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'true');
  for (const name of ['Undo', 'Redo', 'Report', 'Claims', 'Export', 'Sync', 'Settings', 'Shortcuts']) {
    const button = page.getByRole('button', { name, exact: true });
    await expect(button).toHaveCount(1);
    assert.ok(await button.isVisible(), `${name} is shown in the open menu`);
  }
  await expect(page.getByRole('group', { name: 'History' })).toHaveCount(1);
  assert.ok(await page.getByLabel('Import annotations').isVisible(), 'Import is shown in the open menu');
  // Every control in the menu (today's and any added later) lies whole inside the viewport.
  const outside = await actions(page).evaluate((el) => [...el.querySelectorAll('button, input, a')]
    .map((c) => ({ name: c.getAttribute('aria-label') || c.textContent.trim(), r: c.getBoundingClientRect() }))
    .filter(({ r }) => r.width === 0 || r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight)
    .map(({ name }) => name));
  assert.deepEqual(outside, [], 'menu controls out of view');
  await assertNoSideways(page, 'the open menu');
  await screenshot(page, 'mobile-menu-open');

  // Shortcuts opens its dialog; closing it puts the focus back on Shortcuts, in the menu.
  await page.getByRole('button', { name: 'Shortcuts', exact: true }).tap();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Shortcuts', exact: true })).toBeFocused();
  // Export opens the export dialog.
  await page.getByRole('button', { name: 'Export', exact: true }).tap();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.waitFor();
  await exportDialog.getByRole('button', { name: 'Cancel' }).tap();
  await expect(exportDialog).toHaveCount(0);
  // Import works from the menu: a file chosen there opens the import preview.
  await page.getByLabel('Import annotations').setInputFiles({
    name: 'phone.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:phone',
      target: { selector: { type: 'TextQuoteSelector', exact: 'more than 19,000 strikes' } },
    })),
  });
  const preview = page.getByRole('dialog', { name: 'Import preview' });
  await preview.waitFor();
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);

  // Escape in the menu closes it and puts the focus back on the Menu button.
  await page.getByRole('button', { name: 'Export', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton(page)).toBeFocused();
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);
  // The menu button toggles it too.
  await menuButton(page).tap();
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'true');
  await menuButton(page).tap();
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
});

test('nothing scrolls sideways at 360 and 390 px, in every view', async () => {
  for (const width of [360, 390]) {
    const { page } = await open({ ...PHONE, viewport: { width, height: 780 } });
    await assertNoSideways(page, `the article at ${width} px`);
    await menuButton(page).tap();
    await assertNoSideways(page, `the open menu at ${width} px`);
    await menuButton(page).tap();
    await sheetButton(page).tap();
    await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'true');
    await assertNoSideways(page, `the open sheet at ${width} px`);
    await page.getByRole('button', { name: 'Replace text' }).tap();
    await page.getByRole('dialog', { name: "Replace the article's text" }).waitFor();
    await assertNoSideways(page, `the Replace text dialog at ${width} px`);
    await page.keyboard.press('Escape');
    await libraryButton(page).tap();
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    await assertNoSideways(page, `the library at ${width} px`);
    await page.getByRole('button', { name: 'New article' }).tap();
    await page.getByRole('dialog', { name: 'New article' }).waitFor();
    await assertNoSideways(page, `the New article dialog at ${width} px`);
    if (width === 360) await screenshot(page, 'mobile-360-new-article');
  }
});

test('a claim is tagged, edited and found again by touch alone, with the sentence buttons', async () => {
  const { page } = await open();
  // Nothing selected: Next sentence selects the first sentence on screen.
  await page.getByRole('button', { name: 'Next sentence' }).tap();
  const first = await eventually(async () => {
    const s = await selection(page);
    assert.ok(s.startsWith('Image By Ali Cinar'), JSON.stringify(s));
    return s;
  });
  await toolbar(page).waitFor();
  // The toolbar is under the selection, clear of where the handles and the system menu go,
  // and whole on screen.
  const sel = await selectionRect(page);
  const bar = await toolbar(page).boundingBox();
  assert.ok(bar.y >= sel.bottom + TOUCH_GAP - 1, `toolbar at ${bar.y}, selection ends at ${sel.bottom}`);
  assert.ok(bar.x >= 0 && bar.x + bar.width <= 390 && bar.y + bar.height <= 844, JSON.stringify(bar));
  // Next and Previous move by sentence.
  await page.getByRole('button', { name: 'Next sentence' }).tap();
  const second = await eventually(async () => {
    const s = await selection(page);
    assert.ok(s.length > 0 && s !== first, JSON.stringify(s));
    return s;
  });
  await page.getByRole('button', { name: 'Previous sentence' }).tap();
  await eventually(async () => assert.equal(await selection(page), first));
  await page.getByRole('button', { name: 'Next sentence' }).tap();
  await eventually(async () => assert.equal(await selection(page), second));
  await screenshot(page, 'mobile-sentence-selected');

  // Claim, by a tap: the annotation is made, selected, and the sheet opens on its editor.
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).tap();
  await editor(page).waitFor();
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('article mark.hl-claim')).toHaveText(second.trim());
  await expect(toolbar(page)).toHaveCount(0);
  // Edit by touch: a note typed into the tapped field, kept when another control is tapped.
  await editor(page).getByLabel('Note').tap();
  await page.keyboard.insertText('Checked on a phone');
  await editor(page).getByLabel('Tags').tap();
  await expect(items(page).first()).toHaveText(/Checked on a phone/);
  await screenshot(page, 'mobile-sheet-editor');
  // The sheet closes by its button, and the highlight can be tapped to select it again.
  await sheetButton(page).tap();
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Previous sentence' }).tap();
  await eventually(async () => assert.equal(await selection(page), first));
  await toolbar(page).getByRole('button', { name: 'Quote', exact: true }).tap();
  await expect(items(page)).toHaveCount(2);
  await sheetButton(page).tap();
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'false');
  await page.locator('article mark.hl-claim').tap();
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(editor(page).locator('h3 q')).toHaveText(second.trim());
  // Undo, from the menu: the quote goes, then the note, then the claim.
  await menuButton(page).tap();
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await undo.tap();
  await expect(items(page)).toHaveCount(1);
  await undo.tap();
  await expect(items(page).first()).notToHaveText(/Checked on a phone/);
  await undo.tap();
  await expect(page.locator('article mark')).toHaveCount(0);
});

test('a touch selection puts the toolbar below its handles, on screen; a mouse one right under it', async () => {
  const { page } = await open();
  // A long press cannot be made in headless Chromium: the selection it would make is set by a
  // script, after a real tap on the words (a touch `pointerdown`, which is how the app knows
  // the selection is a finger's).
  async function touchSelect(needle) {
    const box = await page.evaluate((needle) => {
      const root = document.querySelector('article');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const at = walker.currentNode.data.indexOf(needle);
        if (at < 0) continue;
        walker.currentNode.parentElement.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(walker.currentNode, at);
        r.setEnd(walker.currentNode, at + needle.length);
        const rect = r.getClientRects()[0];
        return { x: rect.left + 2, y: rect.top + rect.height / 2 };
      }
      return null;
    }, needle);
    assert.ok(box, `${needle} is in the article`);
    await page.touchscreen.tap(box.x, box.y);
    await page.evaluate((needle) => {
      const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const at = walker.currentNode.data.indexOf(needle);
        if (at >= 0) {
          getSelection().setBaseAndExtent(walker.currentNode, at, walker.currentNode, at + needle.length);
          return;
        }
      }
    }, needle);
  }
  await touchSelect('more than 19,000 strikes');
  await toolbar(page).waitFor();
  const sel = await selectionRect(page);
  const bar = await toolbar(page).boundingBox();
  assert.ok(bar.y >= sel.bottom + TOUCH_GAP - 1, `toolbar at ${bar.y}, selection ends at ${sel.bottom}`);
  await toolbar(page).getByRole('button', { name: 'Quote', exact: true }).tap();
  await expect(page.locator('article mark.hl-quote')).toHaveText('more than 19,000 strikes');

  // A selection at the very bottom of the screen: the toolbar is pulled up, still whole.
  await sheetButton(page).tap(); // close the sheet the new quote opened
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'false');
  await touchSelect('Jeff Sessions');
  await toolbar(page).waitFor();
  // Scrolled to the foot of the screen and selected again there (selectionchange): the
  // toolbar cannot go below it, so it is pulled up, whole on screen.
  await page.evaluate(() => {
    const s = getSelection();
    const r = s.getRangeAt(0);
    window.scrollBy(0, r.getBoundingClientRect().bottom - innerHeight + 4);
    s.removeAllRanges();
    s.addRange(r);
  });
  const low = await selectionRect(page);
  assert.ok(low.bottom > 844 - 30, `the selection ends at ${low.bottom}`);
  await eventually(async () => {
    const b = await toolbar(page).boundingBox();
    assert.ok(b && b.y >= 0 && b.y + b.height <= 844 && b.y < low.bottom + TOUCH_GAP,
      `toolbar ${JSON.stringify(b)} on screen`);
  });
  await screenshot(page, 'mobile-toolbar-at-the-foot');

  // With a mouse (a desktop context), the toolbar sits right under the selection.
  const desk = await open({ viewport: { width: 1280, height: 900 } });
  await dragSelect(desk.page, 'more than 19,000 strikes');
  await toolbar(desk.page).waitFor();
  const s2 = await selectionRect(desk.page);
  const b2 = await toolbar(desk.page).boundingBox();
  assert.ok(b2.y >= s2.bottom && b2.y < s2.bottom + 12, `toolbar at ${b2.y}, selection ends at ${s2.bottom}`);
});

test('touch targets are at least 24 × 24 px at 390 px: article, menu, sheet, toolbar, library', async () => {
  const { page } = await open();
  await assertTargets(page, 'the article view');
  await page.getByRole('button', { name: 'Next sentence' }).tap();
  await toolbar(page).waitFor();
  await assertTargets(page, 'the article view with the toolbar');
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).tap();
  await editor(page).waitFor();
  await assertTargets(page, 'the open sheet with the editor');
  await menuButton(page).tap();
  await assertTargets(page, 'the open menu');
  await page.getByRole('button', { name: 'Export', exact: true }).tap();
  await page.getByRole('dialog', { name: 'Export' }).waitFor();
  await assertTargets(page, 'the Export dialog');
  await page.keyboard.press('Escape');
  await libraryButton(page).tap();
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
  await assertTargets(page, 'the library');
});

test('axe-core finds no WCAG 2 A/AA violation at 390 px: article with the panel open, and library', async () => {
  // Injecting axe-core is an inline script, which the page's Content-Security-Policy refuses:
  // this context bypasses the policy (other tests check it).
  const { page } = await open({ ...PHONE, bypassCSP: true });
  await page.getByRole('button', { name: 'Next sentence' }).tap();
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).tap();
  await editor(page).waitFor();
  await expect(sheetButton(page)).toHaveAttribute('aria-expanded', 'true');
  await assertAxe(page, 'the article view with the panel open');
  await menuButton(page).tap();
  await assertAxe(page, 'the article view with the menu open');
  // The Sync dialog (issue 16), with an address refused, so its alert is checked too.
  await page.getByRole('button', { name: 'Sync', exact: true }).tap();
  const sync = page.getByRole('dialog', { name: 'Sync', exact: true });
  await sync.getByRole('textbox', { name: 'Server URL', exact: true }).fill('http://couch.example.org');
  await sync.getByRole('textbox', { name: 'Database', exact: true }).fill('desk');
  await sync.getByRole('button', { name: 'Connect', exact: true }).tap();
  await sync.getByRole('alert').waitFor();
  await assertAxe(page, 'the Sync dialog');
  await screenshot(page, 'mobile-sync');
  await sync.getByRole('button', { name: 'Close', exact: true }).tap();
  await expect(sync).toHaveCount(0);
  await libraryButton(page).tap();
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
  await assertAxe(page, 'the library view');
  await screenshot(page, 'mobile-library');
});

test('at 1280 and 2560 px the header shows its buttons without a menu, and the article keeps its measure', async () => {
  for (const width of [1280, 2560]) {
    const { page } = await open({ viewport: { width, height: 1000 } });
    await expect(menuButton(page)).toHaveCount(0);
    for (const name of ['Undo', 'Redo', 'Report', 'Claims', 'Export', 'Sync', 'Settings', 'Shortcuts']) {
      assert.ok(await page.getByRole('button', { name, exact: true }).isVisible(), `${name} at ${width} px`);
    }
    assert.ok(await page.getByLabel('Import annotations').isVisible(), `Import at ${width} px`);
    // The header is one line.
    const header = await page.locator('header').boundingBox();
    assert.ok(header.height < 70, `header ${header.height} px tall at ${width} px`);
    // The article's lines stay readable: at most 46rem (736 px) wide, however wide the screen.
    const article = await page.getByRole('article').boundingBox();
    assert.ok(article.width <= 736 && article.width > 500, `article ${article.width} px wide at ${width} px`);
    // The panel is beside the article, not a sheet.
    await expect(sheetButton(page)).toHaveCount(0);
    assert.ok(await page.getByRole('complementary', { name: 'Annotations' }).isVisible());
    await assertNoSideways(page, `${width} px`);
    await screenshot(page, `wide-${width}`);
  }
});
