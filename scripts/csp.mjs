// Trunk post-build hook (see Trunk.toml): finishes the Content-Security-Policy of the built
// index.html. Trunk writes the wasm loader as an inline module script whose text names the
// fingerprinted files, so its hash is only known after the build: this script puts the SHA-256
// of every inline script in place of the `'inline-script-hashes'` placeholder, so that
// `script-src` needs no `'unsafe-inline'`, and `'dev-connect'` becomes nothing, so
// `connect-src` is `'self'` alone. Only when `trunk serve` runs with live reload (which
// `make serve` turns off) does the page get Trunk's reload script, whose text Trunk completes
// per request, so no hash can be known here: that development page allows inline scripts and
// the reload WebSocket instead, and this script says so.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

function fail(message) {
  console.error(`csp: ${message}`);
  process.exit(1);
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

// Inline scripts: a <script> element without a src attribute. Its text is hashed exactly as
// the browser reads it (everything between the tags).
const scripts = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length === 0) fail('no inline script found in index.html');
const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const live = scripts.some((s) => s.includes('WebSocket'));

for (const [placeholder, value] of [
  ["'inline-script-hashes'", live ? "'unsafe-inline'" : hashes.join(' ')],
  [" 'dev-connect'", live ? ' ws: wss:' : ''],
]) {
  const parts = html.split(placeholder);
  if (parts.length !== 2) fail(`expected the placeholder ${placeholder} exactly once in index.html`);
  html = parts.join(value);
}
const scriptSrc = html.match(/script-src([^;"]*)/)?.[1] ?? '';
if (!live && scriptSrc.includes("'unsafe-inline'")) fail("script-src still allows 'unsafe-inline'");
writeFileSync(file, html);
console.log(live
  ? "csp: live reload (trunk serve): this development page allows inline scripts and the reload socket"
  : `csp: ${scripts.length} inline script(s) allowed by hash`);
