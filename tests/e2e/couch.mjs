// A CouchDB-compatible server for the sync tests and the sync benchmark: npm `pouchdb-server`
// 4.2.0 (`--in-memory`) on a free loopback port, plus a TCP proxy in front of it that a test
// stops and starts to take the server away from a browser without losing the server's data.
//
// What pouchdb-server 4.2.0 does, checked by hand against this very version (node 20, Chromium
// 156 through playwright-core; see the notes at each function too):
//
// - It writes `config.json` and `log.txt` into its working directory: each server runs in a
//   fresh temporary directory of its own (removed by `stop()`), never in the repository.
// - `_config`: `PUT /_config/<section>/<key>` with a JSON string body. Before any admin exists
//   anyone may change it ("admin party"); once `/_config/admins/admin` is set, only with the
//   admin's credentials. So CORS is set first, the admin last.
// - CORS (`httpd/enable_cors`, `cors/origins` "*", `cors/credentials`, `cors/headers`,
//   `cors/methods`): a browser page on another loopback port can `fetch` with an
//   `Authorization: Basic …` header and `credentials: 'omit'`: the preflight (OPTIONS) answers
//   204 with `access-control-allow-origin: <the page's origin>` and the headers allowed, and
//   the actual request succeeds and its response is readable (`checkCors` below runs exactly
//   that in a real page; `node couch.mjs` runs every check listed here).
// - Authentication: Basic auth with a wrong password, or an unknown user, answers 401
//   `{"error":"unauthorized",…}` to any request that carries it, `GET /db` included.
//   Without credentials a database is readable and writable by anyone (no `_security`), as in
//   CouchDB's admin party for databases.
// - Users and `_security`: `PUT /_users/org.couchdb.user:<name>` creates a user (`addUser`);
//   `PUT /<db>/_security` with `members` restricts a database (`setSecurity`). But a user who
//   is not a member gets **401** `{"error":"unauthorized","reason":"You are not authorized to
//   access this db."}` where CouchDB answers 403 `forbidden`, so "no access to database" cannot
//   be shown end to end with this server (it reads as a wrong password); and a non-member's
//   `_bulk_docs` answers 201 with an `unauthorized` error per document, so a client must read
//   the per-document results. A member may read, `_bulk_docs` and write `_local` documents.
// - A database that does not exist: `GET /<db>` answers 404 `{"error":"not_found",…}`; with
//   the admin's credentials `PUT /<db>` creates it (201).
// - **`PUT /<db>` without valid admin credentials once an admin exists crashes the whole server
//   process** (TypeError "db.info is not a function" in express-pouchdb's routes/db.js): a test
//   that lets the app create a database must connect as the admin. `couch.exited` tells a test
//   that the server died (its stderr is in the error that `stop()` and the helpers throw).
// - `_bulk_get` (`?revs=true`: `_revisions` included), `_revs_diff`, `_bulk_docs` with
//   `new_edits: false` and `_revisions` (two different revisions 2-… of one document become a
//   conflict: `?conflicts=true` lists the loser), `_changes` (`feed=longpoll`, `since`,
//   `style=all_docs`), `GET /db/_local/<id>` and `PUT /db/_local/<id>` (not listed in
//   `_all_docs`) all work. One difference from CouchDB: `_bulk_get` of a document that does
//   not exist answers `{"id":…,"docs":[{}]}` (an empty object) where CouchDB answers
//   `{"docs":[{"error":{"id":…,"error":"not_found",…}}]}`.
// - Update sequences (`update_seq`, `seq`, `last_seq`) are numbers here; CouchDB 2 and 3 give
//   opaque strings ("12-g1AAAA…"). A client must pass them back as it got them.
// - A request cut in the middle of its body (the proxy's `cutOn`) leaves the server running
//   and stores nothing of a `_bulk_docs` whose body did not arrive.
// - Chromium reports a failed fetch made by a page as a console error "Failed to load
//   resource: …" (see `allowNetworkErrors` in harness.mjs), but none for one made by a
//   dedicated worker.
// - `GET /` answers `{"express-pouchdb":"Welcome!","version":"4.2.0",…}`: no `"couchdb"`
//   member, unlike CouchDB (`{"couchdb":"Welcome",…}`); an app that insists on that member
//   would call pouchdb-server "not a CouchDB server".
import { spawn } from 'node:child_process';
import { createServer, createConnection } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, 'node_modules', '.bin', 'pouchdb-server');

export const ADMIN = { name: 'admin', password: 'secret' };
/** The value of an `Authorization` header for `name`:`password` (Basic). */
export const basic = (name = ADMIN.name, password = ADMIN.password) =>
  `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

/** A port nothing listens on now (asked of the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Polls `check` (a promise-returning function) until it resolves truthy or `timeout` ms pass. */
async function until(check, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `pouchdb-server --in-memory` on a free loopback port, waits until `GET /` answers,
 * enables CORS for any origin (with credentials; headers accept, authorization, content-type,
 * origin, referer) and creates the admin `admin`/`secret`.
 *
 * Returns { url, port, admin, exited, stop(), request(method, path, body?, headers?),
 * createDb(name), allDocs(name), putDocs(name, docs), get(name, id), info(name) }, every
 * request made with the admin's Basic auth. `url` ends with a slash. `exited` is null while
 * the process runs, else its exit code or signal.
 */
export async function startCouch({ log = false } = {}) {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'couch-'));
  const child = spawn(BIN, ['--in-memory', '-p', String(port), '-o', '127.0.0.1', '-c', join(dir, 'config.json'), '--no-color'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
    if (log) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const couch = { url: `http://127.0.0.1:${port}/`, port, admin: ADMIN, exited: null };
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    couch.exited = code ?? signal;
    resolve();
  }));
  const died = () => new Error(`pouchdb-server exited (${couch.exited}); its last output:\n${output.slice(-3000)}`);

  async function request(method, path, body = undefined, headers = {}) {
    if (couch.exited !== null) throw died();
    let res;
    try {
      res = await fetch(couch.url + path.replace(/^\//, ''), {
        method,
        headers: {
          authorization: basic(),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      if (couch.exited !== null) throw died();
      throw e;
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = text; }
    return { status: res.status, headers: res.headers, body: json };
  }
  /** A request that must succeed (2xx): its JSON body, else an error with the answer. */
  async function ok(method, path, body) {
    const r = await request(method, path, body);
    if (r.status < 200 || r.status > 299) {
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    }
    return r.body;
  }

  try {
    await until(async () => {
      if (couch.exited !== null) throw died();
      const r = await fetch(couch.url);
      return r.ok;
    }, `pouchdb-server on port ${port}`);
    // Admin party still: no credentials needed, and none must be sent (the admin is not there).
    const config = async (key, value) => {
      const r = await fetch(`${couch.url}_config/${key}`, { method: 'PUT', body: JSON.stringify(value) });
      if (!r.ok) throw new Error(`PUT /_config/${key}: ${r.status} ${await r.text()}`);
    };
    await config('httpd/enable_cors', 'true');
    await config('cors/origins', '*');
    await config('cors/credentials', 'true');
    await config('cors/headers', 'accept, authorization, content-type, origin, referer');
    await config('cors/methods', 'GET, PUT, POST, HEAD, DELETE');
    await config(`admins/${ADMIN.name}`, ADMIN.password);
    // From here on the admin's credentials are needed for _config: check they work.
    await until(async () => (await request('GET', '_config/cors')).status === 200, 'the admin');
  } catch (e) {
    child.kill('SIGKILL');
    await exitedPromise;
    await rm(dir, { recursive: true, force: true });
    throw e;
  }

  return Object.assign(couch, {
    request,
    /** The server's output so far (its log), for a failure message. */
    output: () => output,
    /** Stops the server (its in-memory data is gone) and removes its directory. */
    async stop() {
      if (couch.exited === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exitedPromise;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
    /** Creates a (non-admin) user `name` with `password` and `roles` in `_users`. */
    addUser: (name, password, roles = []) => ok('PUT', `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`,
      { name, password, roles, type: 'user' }),
    /** Sets the `_security` object of database `db`, e.g. { members: { names: ['maria'] } }. */
    setSecurity: (db, security) => ok('PUT', `${encodeURIComponent(db)}/_security`,
      { admins: { names: [], roles: [] }, members: { names: [], roles: [] }, ...security }),
    /** Creates database `name` (201, or 412 if it exists: an error). */
    createDb: (name) => ok('PUT', encodeURIComponent(name)),
    /** `GET /<name>`: { doc_count, update_seq, … }. */
    info: (name) => ok('GET', encodeURIComponent(name)),
    /**
     * Every document of `name` with its body: `_all_docs?include_docs=true`'s rows
     * ({ id, key, value: { rev }, doc }). Deleted documents are not in it.
     */
    allDocs: async (name) => (await ok('GET', `${encodeURIComponent(name)}/_all_docs?include_docs=true`)).rows,
    /**
     * `_bulk_docs` of `docs`; `{ new_edits: false }` in `opts` stores them as given (each doc
     * then needs its `_rev`, and `_revisions` for a history). Returns the per-document results;
     * throws if any of them is an error.
     */
    putDocs: async (name, docs, opts = {}) => {
      const results = await ok('POST', `${encodeURIComponent(name)}/_bulk_docs`, { docs, ...opts });
      const failed = results.filter((r) => r.error);
      if (failed.length) throw new Error(`_bulk_docs: ${JSON.stringify(failed.slice(0, 5))}`);
      return results;
    },
    /**
     * One document, or null if there is none (404); `query` such as 'conflicts=true' or
     * 'revs=true' is added to the URL.
     */
    get: async (name, id, query = '') => {
      const r = await request('GET', `${encodeURIComponent(name)}/${encodeURIComponent(id)}${query ? `?${query}` : ''}`);
      if (r.status === 404) return null;
      if (r.status !== 200) throw new Error(`GET ${name}/${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  });
}

/**
 * A TCP proxy on its own loopback port in front of `targetPort`: { url, port, stop(), start() }.
 * `stop()` destroys every open connection (both sides) and closes the listening socket, so a
 * browser using `url` sees the server vanish (connections reset, new ones refused) while the
 * server behind keeps its data; `start()` listens on the same port again. `url` ends with a
 * slash. The proxy starts listening.
 *
 * Closing also destroys the connections to the server: a long-polling `_changes` request the
 * browser had open is cut from both ends, as when a machine's network goes away.
 */
export async function proxy(targetPort, { host = '127.0.0.1' } = {}) {
  const port = await freePort();
  const sockets = new Set();
  let server = null;
  /** { needle, resolve } while `cutOn` waits for its request. */
  let cut = null;
  const track = (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const listen = () => new Promise((resolve, reject) => {
    const s = createServer((client) => {
      track(client);
      const upstream = createConnection(targetPort, host);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('data', (chunk) => {
        if (cut && chunk.includes(cut.needle)) {
          // Forward the request line and headers and half of what follows of this chunk (part
          // of the body), then take the server away: the request is cut in the middle.
          const at = chunk.indexOf(cut.needle) + cut.needle.length;
          upstream.write(chunk.subarray(0, at + Math.floor((chunk.length - at) / 2)));
          const { resolve } = cut;
          cut = null;
          p.stop().then(resolve);
          return;
        }
        if (!upstream.write(chunk)) {
          client.pause();
          upstream.once('drain', () => client.resume());
        }
      });
      upstream.pipe(client);
    });
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      server = s;
      resolve();
    });
  });
  const p = {
    url: `http://${host}:${port}/`,
    port,
    /** Whether the proxy accepts connections now. */
    get running() { return server !== null; },
    /** Cuts every open connection and stops accepting new ones (the server is unreachable). */
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      const closed = new Promise((r) => s.close(r));
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      await closed;
    },
    /**
     * Stops the proxy in the middle of the next request whose bytes contain `needle` (such as
     * 'POST /desk/_bulk_docs'): that request's line and headers and part of its body reach the
     * server, then every connection is cut as by `stop()`. Returns a promise that resolves once
     * that has happened (so a test can arm it, start the work, and wait for the cut).
     */
    cutOn(needle) {
      return new Promise((resolve) => { cut = { needle: Buffer.from(needle), resolve }; });
    },
    /** Accepts connections again on the same port. */
    async start() {
      if (server) return;
      // The port was ours a moment ago; on a busy machine another process could take it
      // meanwhile, so retry briefly rather than fail at once.
      const end = Date.now() + 5000;
      for (;;) {
        try {
          await listen();
          return;
        } catch (e) {
          if (e.code !== 'EADDRINUSE' || Date.now() > end) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
  };
  await listen();
  return p;
}

// ---- `node tests/e2e/couch.mjs`: checks every claim made at the top of this file ----

/**
 * Runs the checks against a fresh server and a real Chromium page on another loopback origin;
 * prints one line per check and exits non-zero if one failed.
 */
async function selfCheck() {
  const assert = (await import('node:assert/strict')).default;
  const { createServer: httpServer } = await import('node:http');
  const { chromium } = await import('playwright-core');
  const results = [];
  const check = async (name, fn) => {
    try {
      await fn();
      results.push(`ok   ${name}`);
    } catch (e) {
      results.push(`FAIL ${name}: ${e.message.split('\n')[0]}`);
    }
    console.log(results.at(-1));
  };
  const couch = await startCouch();
  const page0 = httpServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>origin</title>'); });
  await new Promise((r) => page0.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${page0.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(origin + '/');
    /** fetch from the page (or from a dedicated worker of it): { status, body } or { error }. */
    const browserFetch = (url, init, inWorker = false) => page.evaluate(async ([url, init, inWorker]) => {
      const run = `(async () => { try { const r = await fetch(${JSON.stringify(url)}, ${JSON.stringify(init)});
        return { status: r.status, body: await r.text() }; } catch (e) { return { error: String(e) }; } })()`;
      if (!inWorker) return eval(run);
      const src = `self.onmessage = async () => self.postMessage(await ${run});`;
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
      return new Promise((resolve) => { w.onmessage = (e) => { resolve(e.data); w.terminate(); }; w.postMessage(0); });
    }, [url, init, inWorker]);
    const authed = (auth, extra = {}) => ({ credentials: 'omit', headers: { authorization: auth, accept: 'application/json', ...extra.headers }, ...extra, ...{ headers: { authorization: auth, accept: 'application/json', ...(extra.headers ?? {}) } } });

    await check('GET / has no "couchdb" member (express-pouchdb 4.2.0)', async () => {
      const r = await couch.request('GET', '');
      assert.equal(r.body['express-pouchdb'], 'Welcome!');
      assert.equal(r.body.version, '4.2.0');
      assert.equal(r.body.couchdb, undefined);
    });
    await check('_config needs the admin once it exists', async () => {
      const r = await fetch(`${couch.url}_config/cors`);
      assert.equal(r.status, 401);
    });
    await check('CORS: preflight with Authorization from a page origin, 204 and the origin echoed', async () => {
      const r = await fetch(`${couch.url}_all_dbs`, { method: 'OPTIONS', headers: {
        origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      assert.ok(r.status === 204 || r.status === 200, `status ${r.status}`);
      assert.equal(r.headers.get('access-control-allow-origin'), origin);
      assert.match(r.headers.get('access-control-allow-headers') ?? '', /authorization/i);
      assert.match(r.headers.get('access-control-allow-methods') ?? '', /POST/);
    });
    await couch.createDb('checks');
    await check('CORS: a page (credentials omit, Authorization Basic) reads GET /checks', async () => {
      const r = await browserFetch(`${couch.url}checks`, authed(basic()));
      assert.equal(r.status, 200, JSON.stringify(r));
      assert.equal(JSON.parse(r.body).db_name, 'checks');
    });
    await check('CORS: a dedicated worker POSTs _bulk_docs with Authorization and content-type', async () => {
      const r = await browserFetch(`${couch.url}checks/_bulk_docs`, authed(basic(), {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ docs: [{ _id: 'from-worker', type: 'article' }] }) }), true);
      assert.equal(r.status, 201, JSON.stringify(r));
    });
    await check('a wrong password gets 401 (GET /db and GET /)', async () => {
      assert.equal((await couch.request('GET', 'checks', undefined, { authorization: basic('admin', 'wrong') })).status, 401);
      assert.equal((await couch.request('GET', '', undefined, { authorization: basic('admin', 'wrong') })).status, 401);
      assert.equal((await couch.request('GET', 'checks', undefined, { authorization: basic('nobody', 'x') })).status, 401);
    });
    await check('a 401 is readable by the page (CORS headers on the error too)', async () => {
      const r = await browserFetch(`${couch.url}checks`, authed(basic('admin', 'wrong')));
      assert.equal(r.status, 401, JSON.stringify(r));
    });
    await check('the page shows "Failed to load resource" console errors for 401 and a refused connection', async () => {
      consoleErrors.length = 0;
      await browserFetch(`${couch.url}checks`, authed(basic('admin', 'wrong')));
      await browserFetch(`http://127.0.0.1:${await freePort()}/`, { credentials: 'omit' });
      // Console messages arrive asynchronously: give them a moment by a round trip.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      console.log(`     console errors seen: ${JSON.stringify(consoleErrors)}`);
    });
    await check('a database that does not exist gets 404 not_found', async () => {
      const r = await couch.request('GET', 'nothing-here');
      assert.equal(r.status, 404);
      assert.equal(r.body.error, 'not_found');
    });
    await check('without credentials, a database without _security is readable', async () => {
      const r = await fetch(`${couch.url}checks`);
      assert.equal(r.status, 200);
    });
    await check('_bulk_docs new_edits:false with _revisions, then _revs_diff and _bulk_get', async () => {
      await couch.putDocs('checks', [{ _id: 'a1', _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] }, type: 'annotation', note: 'x' }], { new_edits: false });
      const diff = (await couch.request('POST', 'checks/_revs_diff', { a1: ['2-bbb', '3-ccc'], a2: ['1-zzz'] })).body;
      assert.deepEqual(diff, { a1: { missing: ['3-ccc'] }, a2: { missing: ['1-zzz'] } });
      const got = await couch.request('POST', 'checks/_bulk_get?revs=true', { docs: [{ id: 'a1', rev: '2-bbb' }, { id: 'missing' }] });
      assert.equal(got.status, 200, JSON.stringify(got.body));
      const [a1, missing] = got.body.results;
      assert.deepEqual(a1.docs[0].ok._revisions, { start: 2, ids: ['bbb', 'aaa'] });
      // CouchDB answers { error: { id, rev, error: 'not_found', … } } for a missing document;
      // pouchdb-server 4.2.0 answers an empty object in its place.
      assert.deepEqual(missing.docs, [{}], JSON.stringify(missing));
    });
    await check('a conflict made with new_edits:false shows in _conflicts; the winner is the higher rev', async () => {
      await couch.putDocs('checks', [{ _id: 'a1', _rev: '2-abc', _revisions: { start: 2, ids: ['abc', 'aaa'] }, type: 'annotation', note: 'y' }], { new_edits: false });
      const doc = await couch.get('checks', 'a1', 'conflicts=true');
      assert.equal(doc._rev, '2-bbb');
      assert.deepEqual(doc._conflicts, ['2-abc']);
    });
    await check('_local documents: PUT and GET, not in _all_docs or _changes', async () => {
      const put = await couch.request('PUT', 'checks/_local/repl-1', { last_seq: 5 });
      assert.equal(put.status, 201, JSON.stringify(put.body));
      const got = await couch.request('GET', 'checks/_local/repl-1');
      assert.equal(got.body.last_seq, 5);
      const ids = (await couch.allDocs('checks')).map((r) => r.id);
      assert.ok(!ids.some((id) => id.startsWith('_local')), JSON.stringify(ids));
    });
    await check('_changes: normal and longpoll with since, style=all_docs', async () => {
      const all = (await couch.request('GET', 'checks/_changes?style=all_docs')).body;
      assert.ok(all.results.length >= 2);
      const t0 = Date.now();
      const wait = couch.request('GET', `checks/_changes?feed=longpoll&since=${encodeURIComponent(JSON.stringify(all.last_seq))}&timeout=10000`);
      await couch.putDocs('checks', [{ _id: 'later', type: 'article' }]);
      const r = await wait;
      assert.equal(r.body.results.map((c) => c.id).join(), 'later');
      assert.ok(Date.now() - t0 < 5000);
    });
    await check('the proxy: through it, stopped (refused), started again (data kept)', async () => {
      const px = await proxy(couch.port);
      const through = () => fetch(`${px.url}checks`, { headers: { authorization: basic() } });
      assert.equal((await through()).status, 200);
      // A long poll held open through the proxy is cut when it stops.
      const held = fetch(`${px.url}checks/_changes?feed=longpoll&since=now&timeout=20000`, { headers: { authorization: basic() } })
        .then((r) => r.text()).then(() => 'answered', (e) => `failed: ${e.cause?.code ?? e.message}`);
      await new Promise((r) => setTimeout(r, 100));
      await px.stop();
      assert.match(await held, /^failed/);
      await assert.rejects(through(), (e) => e.cause?.code === 'ECONNREFUSED');
      await px.start();
      assert.equal((await (await through()).json()).db_name, 'checks');
      await px.stop();
    });
    await check('the proxy cuts a _bulk_docs in the middle of its body; the server lives, stores none of it', async () => {
      const px = await proxy(couch.port);
      const cutDone = px.cutOn('POST /checks/_bulk_docs');
      const docs = Array.from({ length: 300 }, (_, i) => ({ _id: `cut-${i}`, _rev: '1-abc', type: 'annotation', note: 'x'.repeat(100) }));
      const sent = fetch(`${px.url}checks/_bulk_docs`, { method: 'POST', headers: { authorization: basic(), 'content-type': 'application/json' },
        body: JSON.stringify({ docs, new_edits: false }) }).then((r) => r.status, (e) => `failed: ${e.cause?.code ?? e.message}`);
      await cutDone;
      assert.match(String(await sent), /^failed/);
      assert.equal((await couch.request('GET', '')).status, 200);
      const ids = (await couch.allDocs('checks')).map((r) => r.id);
      assert.equal(ids.filter((id) => id.startsWith('cut-')).length, 0);
      await px.start();
      const again = await fetch(`${px.url}checks/_bulk_docs`, { method: 'POST', headers: { authorization: basic(), 'content-type': 'application/json' },
        body: JSON.stringify({ docs, new_edits: false }) });
      assert.equal(again.status, 201);
      assert.equal((await couch.allDocs('checks')).filter((r) => r.id.startsWith('cut-')).length, 300);
      await px.stop();
    });
    await check('a user who is not a member of the database gets 401 (CouchDB: 403); a member may sync', async () => {
      await couch.createDb('members-only');
      await couch.addUser('maria', 'pw');
      await couch.addUser('tomas', 'pw');
      await couch.setSecurity('members-only', { members: { names: ['maria'], roles: [] } });
      const as = (name) => ({ authorization: basic(name, 'pw') });
      const denied = await couch.request('GET', 'members-only', undefined, as('tomas'));
      assert.equal(denied.status, 401, JSON.stringify(denied.body));
      const bulk = await couch.request('POST', 'members-only/_bulk_docs', { docs: [{ _id: 'x' }] }, as('tomas'));
      assert.equal(bulk.status, 201);
      assert.equal(bulk.body[0].error, 'unauthorized');
      assert.equal((await couch.request('GET', 'members-only/_changes', undefined, as('maria'))).status, 200);
      assert.equal((await couch.request('POST', 'members-only/_bulk_docs', { docs: [{ _id: 'y', _rev: '1-abc' }], new_edits: false }, as('maria'))).status, 201);
      assert.equal((await couch.request('PUT', 'members-only/_local/cp', { last_seq: 1 }, as('maria'))).status, 201);
    });
    await check('PUT /<db> as the admin creates it (201)', async () => {
      const r = await couch.request('PUT', 'made-later');
      assert.equal(r.status, 201);
    });
    await check('PUT /<db> with a wrong password: 401 or a dead server (the crash noted above)', async () => {
      const r = await fetch(`${couch.url}made-by-stranger`, { method: 'PUT', headers: { authorization: basic('admin', 'wrong') } }).catch((e) => e);
      const alive = await fetch(couch.url).then((x) => x.ok, () => false);
      console.log(`     wrong password: ${r.status ?? r.message}; server alive after: ${alive}`);
    });
    await check('PUT /<db> with no credentials (admin exists): 401 or a dead server', async () => {
      const r = await fetch(`${couch.url}made-by-anon`, { method: 'PUT' }).catch((e) => e);
      await new Promise((res) => setTimeout(res, 300));
      const alive = await fetch(couch.url).then((x) => x.ok, () => false);
      console.log(`     no credentials: ${r.status ?? r.message}; server alive after: ${alive}; exited: ${couch.exited}`);
    });
  } finally {
    await browser.close();
    page0.close();
    await couch.stop();
  }
  process.exitCode = results.some((r) => r.startsWith('FAIL')) ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await selfCheck();
