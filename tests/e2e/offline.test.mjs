// Offline and installable (issue 15): the service worker (assets/sw.js, finished by
// scripts/sw.mjs) caches one build whole; after one visit the app starts, annotates and
// suggests with no network; a new build deployed while a page is open is offered by a notice
// and, after Reload, used whole; the web app manifest leaves Chromium no installability error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  setup, serveDist, openApp, dragSelect, expect, eventually, screenshot, waitReady, waitLoaded,
  waitForRecords, persistentContext, allowNetworkErrors, DIST, ROOT,
} from './harness.mjs';

const app = setup();

const offlineStatus = (page) => page.getByRole('status').filter({ hasText: 'Offline — your work is kept in this browser.' });
const updateNotice = (page) => page.getByRole('status').filter({ hasText: 'A new version is ready.' });
const suggestions = (page) => page.getByRole('region', { name: 'Suggestions' });
const claims = (page) => suggestions(page).getByRole('list', { name: /^Claims/ }).getByRole('listitem');
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });

/** Waits until a service worker controls `page` and has finished activating. */
async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
}

/** The names of the page's origin's caches. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

/** The build hash scripts/sw.mjs wrote into the sw.js of folder `dir`. */
async function buildOf(dir) {
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const m = sw.match(/^const BUILD = "([0-9a-f]{16})";$/m);
  assert.ok(m, 'sw.js names its build');
  return m[1];
}

test('after one visit the app starts, annotates and suggests with no network', async () => {
  const { page, context } = await openApp(app.browser, app.url);
  await waitControlled(page);
  // The first install takes the page over without asking: no notice.
  assert.equal(await updateNotice(page).count(), 0);
  assert.deepEqual(await cacheNames(page), [`annotator-${await buildOf(DIST)}`]);

  await context.setOffline(true);
  await expect(offlineStatus(page)).toHaveCount(1);
  // Nothing of the app comes from the network from now on: a request that reaches it fails.
  // (The browser's own check for a new sw.js, made on each navigation, fails too: left out.)
  const failed = [];
  context.on('requestfailed', (r) => { if (!r.url().endsWith('/sw.js')) failed.push(`${r.url()}: ${r.failure()?.errorText}`); });
  const claimModel = [];
  page.on('response', (r) => { if (r.url().endsWith('/claims-model.bin')) claimModel.push(r.fromServiceWorker()); });

  await page.reload();
  await waitReady(page);
  await expect(offlineStatus(page)).toHaveCount(1);
  // Annotate, offline.
  await dragSelect(page, 'more than 19,000 strikes');
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(page.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
  await waitForRecords(page, 'annotations', (rs) => rs.length === 1);
  // Reload again, still offline: the annotation is there, and the suggestions, whose claims
  // need the claim model the suggester worker fetches, work.
  await page.reload();
  await waitReady(page);
  await expect(page.locator('article mark.hl-claim')).toHaveText('more than 19,000 strikes');
  await expect(suggestions(page).getByRole('status')).toHaveText(/quotes? and [1-9]\d* claims? to review/, { timeout: 30_000 });
  assert.ok(await claims(page).count() > 0, 'claims are suggested');
  await expect(suggestions(page).locator('.sg-unavailable')).toHaveCount(0);
  assert.ok(claimModel.length > 0 && claimModel.every(Boolean), `the claim model came from the service worker: ${claimModel}`);
  assert.deepEqual(failed, [], 'no request went to the network');
  await screenshot(page, 'offline');

  // Back online, the status goes.
  await context.setOffline(false);
  await expect(offlineStatus(page)).toHaveCount(0);
});

test('without the service worker the same offline reload fails (the test above can fail)', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block' });
  const { page } = await openApp(app.browser, app.url, context);
  // Go offline once the page has started its suggester worker and had its answer: cut off
  // while that worker still loaded, the page once reported "Failed to fetch" uncaught (one
  // CI run in five, 2026-12-01; not investigated further).
  await expect(suggestions(page).getByRole('status')).toHaveText(/to review/, { timeout: 30_000 });
  await context.setOffline(true);
  await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED/);
});

test('the service worker answers only the app\'s own address: other pages of the origin come from the network', async () => {
  // A host that serves other pages beside the app, in the worker's scope.
  const tmp = await mkdtemp(join(tmpdir(), 'annotator-beside-'));
  await cp(DIST, tmp, { recursive: true });
  await writeFile(join(tmp, 'elsewhere.html'), '<!doctype html><link rel="icon" href="data:,"><title>Another page</title><p>Not the app.');
  const server = await serveDist(tmp);
  try {
    const { page } = await openApp(app.browser, server.url);
    await waitControlled(page);
    // Another page of the origin is that page, from the network, not the app's shell.
    const other = await page.goto(`${server.url}elsewhere.html?x=1`);
    assert.equal(other.fromServiceWorker(), false);
    assert.equal(await page.title(), 'Another page');
    // The app's own address, with a query and a fragment, is the app from the worker's cache.
    const home = await page.goto(`${server.url}?from=test#top`);
    assert.equal(home.fromServiceWorker(), true);
    await waitReady(page);
    assert.equal(await page.title(), 'Article Annotator');
    // An address the host does not have is its 404, not the app. (Chromium logs the 404 as a
    // console error: allowed for this last step only.)
    allowNetworkErrors(server.url);
    const missing = await page.goto(`${server.url}no/such/page`);
    assert.equal(missing.status(), 404);
    assert.equal(missing.fromServiceWorker(), false);
    assert.equal(await page.locator('body').innerText(), 'not found');
  } finally {
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('a new build deployed while a page is open: the notice, then the new build whole after Reload', async () => {
  // Two "deploys" of the same build in folders of their own: the second has a changed
  // index.html (its title), and scripts/sw.mjs run over it again, as Trunk's hook would.
  const tmp = await mkdtemp(join(tmpdir(), 'annotator-deploy-'));
  const [first, second] = [join(tmp, '1'), join(tmp, '2')];
  await cp(DIST, first, { recursive: true });
  await cp(DIST, second, { recursive: true });
  const index = join(second, 'index.html');
  const html = await readFile(index, 'utf8');
  assert.ok(html.includes('<title>Article Annotator</title>'));
  await writeFile(index, html.replace('<title>Article Annotator</title>', '<title>Article Annotator (build 2)</title>'));
  execFileSync('node', [join(ROOT, 'scripts', 'sw.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: second } });
  const [oldBuild, newBuild] = [await buildOf(first), await buildOf(second)];
  assert.notEqual(oldBuild, newBuild, 'the second deploy is another build');

  const server = await serveDist(first);
  try {
    const { page } = await openApp(app.browser, server.url);
    await waitControlled(page);
    assert.equal(await page.title(), 'Article Annotator');
    assert.deepEqual(await cacheNames(page), [`annotator-${oldBuild}`]);

    // Deploy, and let the browser look for a new worker (as it does on navigations).
    server.root = second;
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await expect(updateNotice(page), { timeout: 30_000 }).toHaveCount(1);
    // The new build waits: the page still runs the old one, from the old cache.
    assert.equal(await page.title(), 'Article Annotator');
    assert.deepEqual((await cacheNames(page)).sort(), [`annotator-${oldBuild}`, `annotator-${newBuild}`].sort());
    await screenshot(page, 'update-notice');

    // Every response the page gets after the switch, with the file it must be.
    const responses = [];
    page.on('response', (r) => responses.push(r));
    const reloaded = page.waitForEvent('load');
    await updateNotice(page).getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await waitReady(page);
    assert.equal(await page.title(), 'Article Annotator (build 2)');
    assert.deepEqual(await cacheNames(page), [`annotator-${newBuild}`], 'the old cache is gone');
    await expect(updateNotice(page)).toHaveCount(0);

    // Everything the new page loaded came from the service worker, byte for byte the second
    // deploy's files.
    const ours = responses.filter((r) => r.url().startsWith(server.url));
    assert.ok(ours.length >= 4, `the page loaded its files: ${ours.map((r) => r.url())}`);
    for (const r of ours) {
      assert.ok(r.fromServiceWorker(), `${r.url()} came from the service worker`);
      const path = new URL(r.url()).pathname.replace(/\/$/, '/index.html');
      assert.deepEqual(await r.body(), await readFile(join(second, path)), `${path} is the second deploy's`);
    }
    const paths = ours.map((r) => new URL(r.url()).pathname);
    for (const want of ['/', '.css', '_bg.wasm', '/annotator-suggester_loader.js']) {
      assert.ok(paths.some((p) => p.endsWith(want)), `${want} among ${JSON.stringify(paths)}`);
    }
  } finally {
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('the manifest leaves no installability error, and the installed app opens the library', async () => {
  // Chromium installs nothing from an incognito profile, which every context of the shared
  // browser is: this test has a profile on disk.
  const profile = await mkdtemp(join(tmpdir(), 'annotator-profile-'));
  try {
    await installable(await persistentContext(profile));
  } finally {
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
});

async function installable(context) {
  const { page } = await openApp(null, app.url, context);
  await waitControlled(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');
  await eventually(async () => {
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  }, { timeout: 10_000 });

  const data = JSON.parse(manifest.data);
  assert.equal(data.display, 'standalone');
  // Each icon is the size it says.
  const icons = data.icons.map((i) => ({ src: new URL(i.src, manifest.url).href, sizes: i.sizes, purpose: i.purpose }));
  assert.ok(icons.some((i) => i.purpose === 'maskable'), 'a maskable icon');
  const measured = await page.evaluate((srcs) => Promise.all(srcs.map(async (src) => {
    const bitmap = await createImageBitmap(await (await fetch(src)).blob());
    return `${bitmap.width}x${bitmap.height}`;
  })), icons.map((i) => i.src));
  assert.deepEqual(measured, icons.map((i) => i.sizes));

  // The start address: the library, though an article (the sample) would open otherwise.
  await page.goto(new URL(data.start_url, manifest.url).href);
  await waitLoaded(page);
  await page.getByRole('region', { name: 'Library' }).waitFor();
  await expect(page.getByRole('article')).toHaveCount(0);
  assert.equal(new URL(page.url()).search, '', 'the parameter is dropped from the address');
  // A plain reload opens the article again.
  await page.reload();
  await waitReady(page);
  await context.close();
}
