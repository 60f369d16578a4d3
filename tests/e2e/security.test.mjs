// The page is locked down: its Content-Security-Policy allows no inline script but Trunk's
// own loader (by hash), no connection but to its own origin, no plugins, no <base>, no form
// posts; the policy is enforced; and a user flow runs without a single violation (the shared
// fixture reports every `securitypolicyviolation` as an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openApp, dragSelect, expect } from './harness.mjs';

const app = setup();

/** The directives of the page's Content-Security-Policy meta tag, by name. */
async function policy(page) {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  return Object.fromEntries(
    csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]),
  );
}

test('the built page has a strict Content-Security-Policy', async () => {
  const { page } = await openApp(app.browser, app.url);
  const p = await policy(page);
  assert.ok(!p['script-src'].includes("'unsafe-inline'"), `script-src: ${p['script-src']}`);
  assert.ok(p['script-src'].some((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v)), 'the loader is allowed by its hash');
  assert.ok(p['script-src'].includes("'wasm-unsafe-eval'"));
  assert.deepEqual(p['connect-src'], ["'self'"], 'no socket or other origin in a release build');
  assert.deepEqual(p['object-src'], ["'none'"]);
  assert.deepEqual(p['base-uri'], ["'none'"]);
  assert.deepEqual(p['form-action'], ["'none'"]);
  assert.deepEqual(p['style-src'], ["'self'"]);
  // No inline style attribute either: style-src-attr falls back to style-src.
  assert.equal(p['style-src-attr'], undefined);
  assert.equal(p['style-src-elem'], undefined);
  assert.equal(
    await page.locator('meta[http-equiv="x-dns-prefetch-control"]').getAttribute('content'),
    'off',
  );
  // The app ran under that policy: the hash is the loader's.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Global Coalition/);
});

test('the policy is enforced: an injected inline script does not run', async () => {
  // A context the fixture does not watch: this test causes a violation on purpose.
  const context = await app.browser.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const violated = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true;';
      document.head.append(s);
    }));
    assert.match(violated, /^script-src/);
    assert.equal(await page.evaluate(() => window.__ran), undefined);
  } finally {
    await context.close();
  }
});

test('a user flow raises no policy violation', async () => {
  const { page } = await openApp(app.browser, app.url);
  await dragSelect(page, 'more than 19,000 strikes');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: 'Claim', exact: true }).click();
  await page.getByLabel('Note').fill('See the coalition fact sheet');
  await page.getByLabel('Evidence links').fill('https://example.org/fact-sheet');
  await page.getByLabel('Evidence links').press('Tab');
  await expect(page.getByRole('link', { name: 'https://example.org/fact-sheet' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  await download;
  await page.getByRole('button', { name: /^Library/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  // Any violation above was reported as a console error, and the fixture fails the test on it.
});
