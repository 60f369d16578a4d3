// Trunk post-build hook (see Trunk.toml), run after scripts/csp.mjs: writes the build into
// the service worker (assets/sw.js, copied to sw.js by Trunk). It lists every file of the
// build but sw.js itself with its SHA-256 (as Subresource Integrity, checked when the worker
// caches it), and names the build by a hash of that list, so that the cache is per build and
// sw.js's bytes change whenever any file does: that is how browsers find a new build.
//
// Run again over a copy of dist/ (`TRUNK_STAGING_DIR=copy node scripts/sw.mjs`), it rewrites
// the same two lines: the end-to-end test makes a "second build" that way.
//
// Under `trunk serve` with live reload (Trunk's reload script is in the page, as csp.mjs
// finds), a worker that answered from a cache would hide every rebuild: the page is told not
// to register one (the `service-worker` meta is emptied) and sw.js becomes a worker that
// removes what a release build on the same origin installed, then unregisters itself.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';

function fail(message) {
  console.error(`sw: ${message}`);
  process.exit(1);
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const swFile = join(dir, 'sw.js');
const indexFile = join(dir, 'index.html');
let sw;
let html;
try {
  sw = readFileSync(swFile, 'utf8');
  html = readFileSync(indexFile, 'utf8');
} catch (e) {
  fail(`${e.message} (index.html must copy assets/sw.js)`);
}

const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.some((s) => s.includes('WebSocket'))) {
  const meta = /(<meta name="service-worker" content=")[^"]*(")/;
  if (!meta.test(html)) fail('no <meta name="service-worker"> in index.html');
  writeFileSync(indexFile, html.replace(meta, '$1$2'));
  writeFileSync(swFile, `// Development build (trunk serve with live reload): no offline copy, see scripts/sw.mjs.
// Removes the caches a release build on this origin left, then unregisters itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name.startsWith('annotator-')) await caches.delete(name);
  await self.registration.unregister();
})()));
`);
  console.log('sw: live reload (trunk serve): no service worker for this development page');
  process.exit(0);
}

/** Every file under `root`, as paths relative to it with `/`, sorted; dot files left out. */
function files(root, at = root) {
  return readdirSync(at, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) => (e.isDirectory() ? files(root, join(at, e.name)) : [relative(root, join(at, e.name)).split(sep).join('/')]))
    .sort();
}

const list = files(dir).filter((f) => f !== 'sw.js');
if (!list.includes('index.html')) fail('no index.html in the build');
const build = createHash('sha256');
const entries = list.map((path) => {
  const bytes = readFileSync(join(dir, path));
  build.update(`${path}\0${createHash('sha256').update(bytes).digest('hex')}\n`);
  return [path, `sha256-${createHash('sha256').update(bytes).digest('base64')}`];
});
const hash = build.digest('hex').slice(0, 16);

for (const [name, value] of [['BUILD', JSON.stringify(hash)], ['FILES', JSON.stringify(entries)]]) {
  const line = new RegExp(`^const ${name} = .*;$`, 'm');
  if (!line.test(sw)) fail(`no "const ${name} = …;" line in sw.js`);
  sw = sw.replace(line, () => `const ${name} = ${value};`);
}
writeFileSync(swFile, sw);
console.log(`sw: build ${hash}, ${entries.length} files precached`);
