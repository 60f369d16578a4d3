// Teams (issue 16): two browser profiles share one library through a CouchDB database. Each test
// starts its own CouchDB-compatible server (pouchdb-server in memory, tests/e2e/couch.mjs) on
// loopback, opens two browser contexts (two profiles, each its own IndexedDB) on the release
// build, connects them through the Sync dialog, and checks what each profile shows, what its
// IndexedDB holds and what the server holds. A profile that must lose the server connects
// through a TCP proxy (`proxy`), which a test stops and starts again; the server keeps its data.
//
// The UI contract these tests are written against:
// - a header button "Sync" (in `#header-actions`) opens a dialog "Sync": textboxes "Server
//   URL", "Database", "User name", a password field "Password", a checkbox "Remember on this
//   device", a button "Connect" (and "Disconnect" instead while connected);
// - a header status (role status, named "Sync status"), shown while a connection is
//   configured: "Connecting…", "Up to date", "Sending N", "Receiving N", "Offline — will
//   retry" or "Stopped: <reason>";
// - in the Sync dialog, a list "Edited on two machines" of the annotations whose two versions
//   met (the annotation's label, the version kept and the "Other version").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  setup, openApp, dragSelect, expect, eventually, idbAll, waitForRecords, allowNetworkErrors,
} from './harness.mjs';
import { startCouch, proxy, ADMIN } from './couch.mjs';

const app = setup();

/** `core::text::SAMPLE_ARTICLE_ID`: every new profile starts with this article, open. */
const SAMPLE_ID = '5a4d91e0-0b1e-4c1a-8a7e-000000000001';
const CLAIM = 'more than 19,000 strikes';

/** Replication is continuous: a change reaches the other side within seconds. */
const SYNC = { timeout: 30_000 };
/** After the server comes back, a retry may wait a while (a backoff). */
const RECONNECT = { timeout: 60_000 };
/** Per test: long enough for a slow 2-core machine, short enough that a hang fails. */
const SLOW = { timeout: 180_000 };

const panel = (page) => page.getByRole('complementary', { name: 'Annotations' });
const editor = (page) => page.getByRole('region', { name: 'Selected annotation' });
const toolbar = (page) => page.getByRole('toolbar', { name: 'Tag selection' });
const items = (page) => panel(page).getByRole('list', { name: 'Annotation list' }).getByRole('listitem');
const marks = (page) => page.locator('article mark.hl-claim');
const library = (page) => page.getByRole('region', { name: 'Library' });
const entry = (page, title) => library(page).locator('li.library-entry')
  .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const libraryButton = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ });

const syncButton = (page) => page.locator('#header-actions').getByRole('button', { name: 'Sync', exact: true });
const syncDialog = (page) => page.getByRole('dialog', { name: 'Sync', exact: true });
const syncStatus = (page) => page.getByRole('status', { name: 'Sync status', exact: true });
const conflicts = (page) => syncDialog(page).getByRole('list', { name: 'Edited on two machines', exact: true }).getByRole('listitem');

// The fields of the stored records (src/core/storage/mod.rs, model.rs, text.rs): what the
// library is, whatever else the app may keep next to them for sync.
const ARTICLE_FIELDS = ['v', 'id', 'title', 'text', 'added', 'changed', 'source_url', 'published', 'byline', 'site_name', 'captured'];
const ANNOTATION_FIELDS = ['v', 'id', 'article_id', 'start', 'end', 'quote', 'created', 'modified', 'note', 'tags',
  'kind', 'claimant', 'verdict', 'evidence', 'speaker', 'checked', 'source', 'anchoring'];
const project = (value, fields) => Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, value[f]]));

/** The library of `page` as IndexedDB holds it: { articles, annotations }, each by id. */
async function storedLibrary(page) {
  const byId = (records, fields) => Object.fromEntries(records.map((r) => [r.key, project(r.value, fields)]));
  return {
    articles: byId(await idbAll(page, 'articles'), ARTICLE_FIELDS),
    annotations: byId(await idbAll(page, 'annotations'), ANNOTATION_FIELDS),
  };
}

/** A profile of its own (a fresh browser context) with the app open on the sample article. */
async function profile() {
  const { page } = await openApp(app.browser, app.url);
  // The sample article is written shortly after it is shown.
  await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.key === SAMPLE_ID));
  return page;
}

/** A server of the test's own, stopped after the test (after its pages have closed). */
async function couchFor(t) {
  const couch = await startCouch();
  t.after(() => couch.stop());
  return couch;
}

/** A proxy of the test's own in front of `couch`, closed after the test. */
async function proxyFor(t, couch) {
  const px = await proxy(couch.port);
  t.after(() => px.stop());
  return px;
}

/** The Sync dialog, opened by the header's Sync button unless it is open already. */
async function openSync(page) {
  await page.bringToFront();
  if (await syncDialog(page).count() === 0) await syncButton(page).click({ timeout: 10_000 });
  await syncDialog(page).waitFor();
  return syncDialog(page);
}

/** Closes the Sync dialog if it is open (Escape, as every dialog of the app). */
async function closeSync(page) {
  if (await syncDialog(page).count() === 0) return;
  // Escape goes to the focused element: make sure that is in the dialog (the Connect button
  // that had it may have been replaced by Disconnect).
  await syncDialog(page).evaluate((el) => {
    if (el.contains(document.activeElement)) return;
    (el.querySelector('button, input, select, textarea, [tabindex]') ?? el).focus();
  });
  await page.keyboard.press('Escape');
  await syncDialog(page).waitFor({ state: 'detached', timeout: 5000 });
}

/**
 * Fills in the Sync dialog and presses Connect; the dialog is left as the app leaves it.
 * `url` is given as a person types it: no trailing slash.
 */
async function connect(page, url, db, { user = ADMIN.name, password = ADMIN.password } = {}) {
  const dialog = await openSync(page);
  await dialog.getByRole('textbox', { name: 'Server URL', exact: true }).fill(url.replace(/\/$/, ''));
  await dialog.getByRole('textbox', { name: 'Database', exact: true }).fill(db);
  await dialog.getByRole('textbox', { name: 'User name', exact: true }).fill(user);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Connects and waits for "Up to date", then closes the dialog. */
async function connectAndSync(page, url, db, credentials = {}) {
  await connect(page, url, db, credentials);
  await expect(syncStatus(page), SYNC).toHaveText('Up to date');
  await closeSync(page);
}

/** Tags `text` as a claim by a drag and the toolbar; the new annotation is selected. */
async function tagClaim(page, text) {
  await page.bringToFront();
  await closeSync(page);
  await dragSelect(page, text);
  await toolbar(page).getByRole('button', { name: 'Claim', exact: true }).click();
  await editor(page).waitFor();
}

/** Selects the annotation whose list item contains `text`. */
async function selectItem(page, text) {
  await page.bringToFront();
  await closeSync(page);
  await items(page).filter({ hasText: text }).getByRole('button').first().click();
  await editor(page).waitFor();
}

/** Types a note for the selected annotation and commits it (the field saves on change). */
async function setNote(page, note) {
  const field = editor(page).getByLabel('Note');
  await field.fill(note);
  await field.press('Tab');
}

/** The stored record of the annotation on `exact` in `page`, once there is one. */
async function annotationOn(page, exact) {
  const records = await waitForRecords(page, 'annotations', (rs) => rs.some((r) => r.value?.quote?.exact === exact));
  return records.find((r) => r.value.quote.exact === exact).value;
}

/** Resolves as `promise` does, or fails after `ms` ms saying what did not happen. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The note of annotation `id` in `page`'s IndexedDB (undefined while it has none). */
async function storedNote(page, id) {
  return (await idbAll(page, 'annotations')).find((r) => r.key === id)?.value.note;
}

// ---------------------------------------------------------------------------------------

test('an annotation made in one profile appears in the other; its deletion too', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  // Two people of the desk, members of its database (not server admins), as docs/SYNC.md sets up.
  await couch.addUser('maria', 'maria-passphrase');
  await couch.addUser('tomas', 'tomas-passphrase');
  await couch.setSecurity('desk', { members: { names: ['maria', 'tomas'], roles: [] } });
  const A = await profile();
  const B = await profile();
  await connectAndSync(A, couch.url, 'desk', { user: 'maria', password: 'maria-passphrase' });
  await connectAndSync(B, couch.url, 'desk', { user: 'tomas', password: 'tomas-passphrase' });
  await expect(marks(B)).toHaveCount(0);

  await tagClaim(A, CLAIM);
  const made = await annotationOn(A, CLAIM);
  await expect(marks(B), SYNC).toHaveCount(1);
  await expect(marks(B)).toHaveText(CLAIM);
  await expect(items(B)).toHaveCount(1);
  await expect(items(B).first()).toHaveText(/Claim.*more than 19,000 strikes/);
  // B stores what A stored, field for field.
  const inB = await annotationOn(B, CLAIM);
  assert.deepEqual(project(inB, ANNOTATION_FIELDS), project(made, ANNOTATION_FIELDS));

  // On the server: one document per annotation and per article, `_id` the app's id, a `type`,
  // and the stored record's fields as they are (the `"v"` envelope included).
  const doc = await eventually(async () => {
    const d = await couch.get('desk', made.id);
    assert.ok(d, `document ${made.id} on the server`);
    return d;
  }, SYNC);
  assert.equal(doc._id, made.id);
  assert.equal(doc.type, 'annotation');
  const { _id, _rev, type, ...fields } = doc;
  // Every other member is the stored record's, with its value there, and every field of the
  // record's documented layout is there.
  assert.deepEqual(fields, project(made, Object.keys(fields)));
  assert.deepEqual(project(fields, ANNOTATION_FIELDS), project(made, ANNOTATION_FIELDS));
  for (const key of ['v', 'id', 'article_id', 'start', 'end', 'quote', 'created', 'modified', 'note', 'tags', 'kind', 'claimant', 'verdict', 'evidence', 'anchoring']) {
    assert.ok(key in doc, `member ${key} in ${JSON.stringify(doc)}`);
  }
  assert.equal(doc.v, 1);
  assert.equal(doc.kind, 'claim');
  // Written with new_edits:false and a revision history.
  const withRevs = await couch.get('desk', made.id, 'revs=true');
  assert.equal(withRevs._revisions.start, Number(withRevs._rev.split('-')[0]));
  assert.equal(withRevs._revisions.ids[0], withRevs._rev.split('-')[1]);
  const article = await couch.get('desk', SAMPLE_ID);
  assert.equal(article?.type, 'article');
  assert.equal(article.id, SAMPLE_ID);
  for (const key of ['v', 'id', 'title', 'text', 'added', 'changed']) assert.ok(key in article, `member ${key} of the article`);
  const sampleInA = (await idbAll(A, 'articles')).find((r) => r.key === SAMPLE_ID).value;
  assert.equal(article.text, sampleInA.text);

  // A deletes it: gone from B, and a deletion (a tombstone) on the server.
  await selectItem(A, CLAIM);
  await editor(A).getByRole('button', { name: 'Delete' }).click();
  await expect(items(A)).toHaveCount(0);
  await expect(marks(B), SYNC).toHaveCount(0);
  await expect(items(B)).toHaveCount(0);
  await eventually(async () => assert.equal(await couch.get('desk', made.id), null), SYNC);
  const changes = (await couch.request('GET', 'desk/_changes?style=all_docs')).body.results;
  assert.equal(changes.find((c) => c.id === made.id)?.deleted, true, JSON.stringify(changes));
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  await expect(syncStatus(B), SYNC).toHaveText('Up to date');

  // A deletes the article itself from the library: gone from B's library too, a tombstone on
  // the server.
  const title = 'The Global Coalition Working to Defeat ISIS';
  await libraryButton(A).click();
  await libraryButton(B).click();
  await expect(entry(B, title)).toHaveCount(1);
  await entry(A, title).getByRole('button', { name: 'Delete' }).click();
  await expect(entry(A, title)).toHaveCount(0);
  await expect(entry(B, title), SYNC).toHaveCount(0);
  await waitForRecords(B, 'articles', (rs) => !rs.some((r) => r.key === SAMPLE_ID), 10_000);
  await eventually(async () => assert.equal(await couch.get('desk', SAMPLE_ID), null), SYNC);
  const after = (await couch.request('GET', 'desk/_changes?style=all_docs')).body.results;
  assert.equal(after.find((c) => c.id === SAMPLE_ID)?.deleted, true, JSON.stringify(after));
});

test('one annotation edited in both profiles while one is offline ends the same in both, reported as edited on two machines', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const px = await proxyFor(t, couch);
  // B reaches the server only through the proxy; its failed requests there are expected.
  allowNetworkErrors(px.url);
  const A = await profile();
  const B = await profile();
  await connectAndSync(A, couch.url, 'desk');
  await connectAndSync(B, px.url, 'desk');
  await tagClaim(A, CLAIM);
  const { id } = await annotationOn(A, CLAIM);
  await expect(marks(B), SYNC).toHaveCount(1);
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  await expect(syncStatus(B), SYNC).toHaveText('Up to date');

  // B is cut off.
  await px.stop();
  await expect(syncStatus(B), SYNC).toHaveText('Offline — will retry');

  // A edits the note first; it reaches the server.
  await selectItem(A, CLAIM);
  await setNote(A, 'Desk A: the coalition says 19,000');
  await eventually(async () => assert.equal((await couch.get('desk', id))?.note, 'Desk A: the coalition says 19,000'), SYNC);
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  // Then B, offline, edits the same note: the later edit.
  await selectItem(B, CLAIM);
  await setNote(B, 'Desk B: Airwars counts more');
  await eventually(async () => assert.equal(await storedNote(B, id), 'Desk B: Airwars counts more'));
  await expect(syncStatus(B)).toHaveText('Offline — will retry');
  const modifiedB = (await idbAll(B, 'annotations')).find((r) => r.key === id).value.modified;
  const modifiedA = (await idbAll(A, 'annotations')).find((r) => r.key === id).value.modified;
  assert.ok(Date.parse(modifiedB) > Date.parse(modifiedA), `B's edit (${modifiedB}) is the later one (A's: ${modifiedA})`);

  // B is back: both end with B's note (the later `modified`), the same record everywhere.
  await px.start();
  await eventually(async () => {
    assert.equal(await storedNote(B, id), 'Desk B: Airwars counts more');
    assert.equal(await storedNote(A, id), 'Desk B: Airwars counts more');
  }, RECONNECT);
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  await expect(syncStatus(B), SYNC).toHaveText('Up to date');
  const inA = (await idbAll(A, 'annotations')).find((r) => r.key === id).value;
  const inB = (await idbAll(B, 'annotations')).find((r) => r.key === id).value;
  assert.deepEqual(project(inA, ANNOTATION_FIELDS), project(inB, ANNOTATION_FIELDS));
  await selectItem(A, CLAIM);
  await expect(editor(A).getByLabel('Note')).toHaveValue('Desk B: Airwars counts more');
  await selectItem(B, CLAIM);
  await expect(editor(B).getByLabel('Note')).toHaveValue('Desk B: Airwars counts more');
  // On the server: the merged version, and the losing leaf deleted (no conflict left).
  await eventually(async () => {
    const doc = await couch.get('desk', id, 'conflicts=true');
    assert.equal(doc?.note, 'Desk B: Airwars counts more');
    assert.equal(doc._conflicts, undefined, `conflicts left: ${JSON.stringify(doc._conflicts)}`);
  }, SYNC);

  // One of the two Sync dialogs (whichever profile met the other's version) lists the
  // annotation, with the version kept and the other one.
  await openSync(A);
  await openSync(B);
  const reported = await eventually(async () => {
    const inDialogs = [];
    for (const page of [A, B]) {
      if (await conflicts(page).filter({ hasText: CLAIM }).count() === 1) inDialogs.push(page);
    }
    assert.ok(inDialogs.length > 0, 'the annotation is listed under "Edited on two machines" in A or B');
    return inDialogs[0];
  }, SYNC);
  const item = conflicts(reported).filter({ hasText: CLAIM });
  await expect(item).toHaveText(/Desk B: Airwars counts more/);
  await expect(item).toHaveText(/Other version/);
  await expect(item).toHaveText(/Desk A: the coalition says 19,000/);
});

/**
 * An Annotator JSON file with one article of `words` words (`word0 word1 …`, 20 a line) and a
 * claim on every other word, `count` claims in all (ids …-0000000000NN).
 */
function manyClaims(title, articleId, words, count) {
  const list = Array.from({ length: words }, (_, i) => `word${i}`);
  const lines = [];
  for (let i = 0; i < words; i += 20) lines.push(list.slice(i, i + 20).join(' '));
  const text = lines.join('\n');
  const starts = [];
  let at = 0;
  for (const w of list) { starts.push(at); at += w.length + 1; }
  const annotations = [];
  for (let n = 0; n < count; n++) {
    const start = starts[2 * n];
    const end = start + list[2 * n].length;
    annotations.push({
      id: `5e1d0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      article_id: articleId, start, end,
      quote: { exact: list[2 * n], prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
      note: `claim ${n}`, tags: [], kind: 'claim', claimant: '', verdict: 'unverified', evidence: [],
      anchoring: 'anchored',
    });
  }
  return {
    ids: annotations.map((a) => a.id),
    json: JSON.stringify({ format: 'article-annotator', version: 1, exported: '2026-01-01T00:00:00.000Z',
      articles: [{ id: articleId, title, text }], annotations }),
  };
}

test('the server stopped in the middle of a large upload and started again: nothing is lost', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const px = await proxyFor(t, couch);
  allowNetworkErrors(px.url);
  const A = await profile();
  // A reaches the server through the proxy. B (directly) joins only once A is cut off, so
  // that nothing else A might upload (a merge of the sample article both profiles have)
  // comes before the import.
  await connectAndSync(A, px.url, 'desk');

  // A imports an article with 300 claims; the proxy stops the server in the middle of the
  // first upload of documents (the request line and part of its body have gone through).
  const articleId = '5e1d0000-0000-4000-8000-00000000ffff';
  const { ids, json } = manyClaims('Three hundred claims', articleId, 600, 300);
  const cut = px.cutOn('POST /desk/_bulk_docs');
  await A.bringToFront();
  await A.getByLabel('Import annotations').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  const preview = A.getByRole('dialog', { name: 'Import preview' });
  await expect(preview, SYNC).toHaveText(/300 annotations added/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await waitForRecords(A, 'annotations', (rs) => ids.every((id) => rs.some((r) => r.key === id)), 30_000);
  await within(cut, 30_000, "A's upload of the import (POST /desk/_bulk_docs) to be cut");
  await expect(syncStatus(A), SYNC).toHaveText('Offline — will retry');
  const before = new Set((await couch.allDocs('desk')).map((r) => r.id));
  assert.ok(ids.filter((id) => before.has(id)).length < 300, 'the upload was cut before its end');
  const B = await profile();
  await connectAndSync(B, couch.url, 'desk');

  // The server is back: A resumes; the server and B end with every document.
  await px.start();
  await expect(syncStatus(A), RECONNECT).toHaveText('Up to date');
  await eventually(async () => {
    const rows = await couch.allDocs('desk');
    const onServer = new Map(rows.map((r) => [r.id, r.doc]));
    const missing = ids.filter((id) => !onServer.has(id));
    assert.deepEqual(missing.length, 0, `${missing.length} annotations missing on the server, e.g. ${missing.slice(0, 3)}`);
    assert.equal(onServer.get(articleId)?.type, 'article');
    assert.ok(ids.every((id) => onServer.get(id).type === 'annotation'));
    assert.ok(ids.every((id, n) => onServer.get(id).note === `claim ${n}`));
  }, { timeout: 60_000, interval: 250 });
  await waitForRecords(B, 'annotations', (rs) => ids.every((id) => rs.some((r) => r.key === id)), 60_000);
  await waitForRecords(B, 'articles', (rs) => rs.some((r) => r.key === articleId));
  await expect(syncStatus(B), SYNC).toHaveText('Up to date');
  // Nothing was written twice: one version of each on the server, no conflicts.
  const some = await couch.get('desk', ids[0], 'conflicts=true');
  assert.equal(some._conflicts, undefined);
  // B shows the article with its 300 claims.
  await B.bringToFront();
  await libraryButton(B).click();
  await expect(entry(B, 'Three hundred claims').locator('.library-counts')).toHaveText(/^300 claims, 0 quotes$/);
  await entry(B, 'Three hundred claims').getByRole('button', { name: 'Open' }).click();
  await expect(marks(B), SYNC).toHaveCount(300);
  // A still holds all 300 too.
  assert.equal((await idbAll(A, 'annotations')).filter((r) => ids.includes(r.key)).length, 300);
});

test('a wrong password stops sync with its reason and changes nothing', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  allowNetworkErrors(couch.url); // the 401s
  const A = await profile();
  await tagClaim(A, CLAIM);
  await setNote(A, 'kept as it is');
  await eventually(async () => assert.equal((await annotationOn(A, CLAIM)).note, 'kept as it is'));
  const before = await storedLibrary(A);

  await connect(A, couch.url, 'desk', { password: 'not the password' });
  await expect(syncStatus(A), SYNC).toHaveText('Stopped: wrong user name or password');
  // The library is as it was, in IndexedDB and on screen; the server got nothing.
  assert.deepEqual(await storedLibrary(A), before);
  await closeSync(A);
  await expect(items(A)).toHaveCount(1);
  await expect(items(A).first()).toHaveText(/kept as it is/);
  assert.deepEqual(await couch.allDocs('desk'), []);
  // Still stopped, not retrying into a success or another state.
  await expect(syncStatus(A)).toHaveText('Stopped: wrong user name or password');
});

test('a database that does not exist: the reason, then Create database creates it and sync proceeds', SLOW, async (t) => {
  const couch = await couchFor(t);
  allowNetworkErrors(couch.url); // the 404 before the database exists
  const A = await profile();
  await tagClaim(A, CLAIM);
  const made = await annotationOn(A, CLAIM);

  // The admin may create databases (pouchdb-server crashes on a PUT /<db> by anyone else).
  await connect(A, couch.url, 'new-desk');
  await expect(syncStatus(A), SYNC).toHaveText('Stopped: database new-desk does not exist');
  assert.equal((await couch.request('GET', 'new-desk')).status, 404);
  const dialog = await openSync(A);
  await dialog.getByRole('button', { name: 'Create database', exact: true }).click();
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  assert.equal((await couch.info('new-desk')).db_name, 'new-desk');
  await eventually(async () => {
    const doc = await couch.get('new-desk', made.id);
    assert.equal(doc?.type, 'annotation');
    assert.equal(doc.quote.exact, CLAIM);
  }, SYNC);
  assert.equal(couch.exited, null, 'the server still runs');
});

test('an http: server that is not this machine is refused in the dialog', SLOW, async () => {
  const A = await profile();
  for (const url of ['http://couch.example.org:5984', 'http://10.0.0.7:5984']) {
    await closeSync(A); // a fresh dialog: no alert left from the previous URL
    const dialog = await openSync(A);
    await dialog.getByRole('textbox', { name: 'Server URL', exact: true }).fill(url);
    await dialog.getByRole('textbox', { name: 'Database', exact: true }).fill('desk');
    await dialog.getByRole('textbox', { name: 'User name', exact: true }).fill('admin');
    await dialog.getByLabel('Password', { exact: true }).fill('secret');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/https:/);
    // Nothing is configured: no sync status, and Connect is still offered.
    await expect(syncStatus(A)).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Connect', exact: true })).toHaveCount(1);
  }
});

test('a server that is not CouchDB stops sync with its reason', SLOW, async () => {
  // The app's own static server answers `/` with the app's page and everything else with 404.
  allowNetworkErrors(app.url);
  const A = await profile();
  await connect(A, app.url, 'desk');
  await expect(syncStatus(A), SYNC).toHaveText(/^Stopped: .*127\.0\.0\.1:\d+.* is not a CouchDB server$/);
});

test('the password is kept only when remembered, only in this browser, and never exported; Disconnect keeps the library', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const A = await profile();
  const kept = () => A.evaluate(() => JSON.parse(localStorage.getItem('annotator-sync') ?? 'null'));
  // Without "Remember on this device": the connection is kept, not the password.
  await connectAndSync(A, couch.url, 'desk');
  let saved = await kept();
  assert.equal(saved.config.url, couch.url.replace(/\/$/, ''));
  assert.equal(saved.config.user, ADMIN.name);
  assert.equal(saved.config.password, '');
  assert.equal(saved.remember, false);
  // After a reload sync waits for the password, and says so.
  await A.reload();
  await expect(syncStatus(A), SYNC).toHaveText('Stopped: enter the password again (it is not remembered on this device)');
  const dialog = await openSync(A);
  await expect(dialog.getByRole('textbox', { name: 'Server URL', exact: true })).toHaveValue(couch.url.replace(/\/$/, ''));
  await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue('');
  await dialog.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await dialog.getByRole('checkbox', { name: 'Remember on this device', exact: true }).check();
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  await closeSync(A);
  saved = await kept();
  assert.equal(saved.config.password, ADMIN.password);
  assert.equal(saved.remember, true);
  // Remembered: a reload syncs at once.
  await A.reload();
  await expect(syncStatus(A), SYNC).toHaveText('Up to date');
  // Nothing of it in the library's database or in an export of everything.
  for (const store of ['articles', 'annotations', 'meta']) {
    assert.ok(!JSON.stringify(await idbAll(A, store)).includes(ADMIN.password), `the password in ${store}`);
  }
  await A.getByRole('button', { name: 'Export' }).click();
  const exportDialog = A.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByLabel('The whole library').check();
  const [download] = await Promise.all([
    A.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.includes(SAMPLE_ID), 'the export holds the library');
  assert.ok(!text.includes(ADMIN.password) && !text.includes(couch.url.replace(/\/$/, '')), 'no credentials or server in the export');
  // Disconnect: sync stops and is forgotten; the library stays.
  const before = await storedLibrary(A);
  const dialogAgain = await openSync(A);
  await dialogAgain.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(syncStatus(A)).toHaveCount(0);
  assert.equal(await kept(), null);
  assert.deepEqual(await storedLibrary(A), before);
});

test('documents on the server the app cannot read are skipped, reported and left on the server', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const broken = '5e1d0000-0000-4000-8000-0000000000bb';
  await couch.putDocs('desk', [
    // Another app's document in the same database.
    { _id: 'settings-of-another-app', type: 'preferences', theme: 'dark' },
    // An annotation whose fields are not an annotation's.
    { _id: broken, type: 'annotation', v: 1, id: broken, note: 3 },
  ]);
  const A = await profile();
  const before = await storedLibrary(A);
  await connectAndSync(A, couch.url, 'desk');
  const dialog = await openSync(A);
  const problems = dialog.getByRole('list', { name: 'Not synced', exact: true }).getByRole('listitem');
  await expect(problems, SYNC).toHaveCount(2);
  await expect(problems.filter({ hasText: 'settings-of-another-app' })).toHaveText(/cannot be read .*type "preferences".*kept there/);
  await expect(problems.filter({ hasText: broken })).toHaveText(/cannot be read .*kept there/);
  // The library holds nothing of them (the sample article went up and is unchanged here).
  assert.deepEqual(await storedLibrary(A), before);
  // The server keeps them as they were.
  assert.equal((await couch.get('desk', 'settings-of-another-app')).theme, 'dark');
  assert.equal((await couch.get('desk', broken)).note, 3);
});

test('two tabs of one browser: one syncs for both, the other takes over when it closes, and Disconnect in one stops both', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const tab1 = await profile();
  const { page: tab2 } = await openApp(app.browser, app.url, tab1.context());
  // Remembered, so that either tab can sync with the password.
  const dialog1 = await openSync(tab1);
  await dialog1.getByRole('checkbox', { name: 'Remember on this device', exact: true }).check();
  await connect(tab1, couch.url, 'desk');
  await closeSync(tab1);
  // The other tab follows the connection made in the first; one of the two syncs (whichever
  // took the browser's lock first), the other says so.
  const statuses = async () => [await syncStatus(tab1).textContent(), await syncStatus(tab2).textContent()];
  await eventually(async () => {
    assert.deepEqual((await statuses()).sort(), ['Syncing in another tab', 'Up to date']);
  }, SYNC);
  const [syncing, waiting] = (await statuses())[0] === 'Up to date' ? [tab1, tab2] : [tab2, tab1];
  const B = await profile();
  await connectAndSync(B, couch.url, 'desk');
  // A claim tagged in the waiting tab goes up through the other tab's sync.
  await tagClaim(waiting, CLAIM);
  await expect(marks(B), SYNC).toHaveCount(1);
  // The syncing tab closes: the other takes over.
  await syncing.close();
  await expect(syncStatus(waiting), SYNC).toHaveText('Up to date');
  await setNote(waiting, 'after the first tab closed');
  await eventually(async () => assert.equal((await annotationOn(B, CLAIM)).note, 'after the first tab closed'), SYNC);
  // Disconnect in one tab stops sync in every tab of the browser.
  const { page: tab3 } = await openApp(app.browser, app.url, waiting.context());
  await expect(syncStatus(tab3), SYNC).toHaveText('Syncing in another tab');
  const dialog = await openSync(tab3);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(syncStatus(tab3)).toHaveCount(0);
  await expect(syncStatus(waiting), SYNC).toHaveCount(0);
});

test('a tab without the remembered password never keeps the tab that has it from syncing', SLOW, async (t) => {
  const couch = await couchFor(t);
  await couch.createDb('desk');
  const tab1 = await profile();
  const { page: tab2 } = await openApp(app.browser, app.url, tab1.context());
  // Not remembered: only the first tab knows the password. Whichever tab's worker takes the
  // lock first, the first tab ends up syncing and the second says it cannot.
  await connect(tab1, couch.url, 'desk');
  await closeSync(tab1);
  await expect(syncStatus(tab1), SYNC).toHaveText('Up to date');
  await expect(syncStatus(tab2), SYNC).toHaveText(/^(Syncing in another tab|Stopped: enter the password again \(it is not remembered on this device\))$/);
  await tagClaim(tab2, CLAIM);
  await eventually(async () => assert.ok(await couch.get('desk', (await annotationOn(tab2, CLAIM)).id)), SYNC);
});
