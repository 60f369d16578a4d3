// Trunk post-build hook step (scripts/post-build.mjs runs it first; release builds only):
//
// 1. Each wasm's imports from its wasm-bindgen glue get short names, in the wasm's import
//    section and in the glue's import object (scripts/wasm-imports.mjs): 322 hashed names of
//    about 35 bytes each for the page, written in both files, that gzip could not shrink.
// 2. The build's JavaScript and CSS are minified with esbuild (installed into .tools by
//    scripts/setup.sh). Trunk's own `--minify` is not used: its JS minifier (minify-js) cannot
//    parse wasm-bindgen's page glue and leaves it as it is. esbuild changes whitespace,
//    comments and local names; top-level names of classic scripts (the workers' glue defines
//    the global `wasm_bindgen`, which their loaders call) are kept, as esbuild renames
//    top-level names only in ES modules (the page's glue). sw.js is left alone
//    (scripts/sw.mjs fills in its lines afterwards), and so are the snippets (their folder's
//    name is part of the wasm's import names, so their bytes must stay what it names).
// 3. The Subresource Integrity hashes in index.html are made again from the files their
//    elements name, so that the browser still checks what it loads; an integrity hash on an
//    element naming no file of the build, or an empty one, fails the build, and so does a
//    hash that then matches no file.
//    The page's files named after Trunk's hash of their content are renamed after a hash of
//    their new content (a host may cache a hashed name for a year), and index.html's
//    comments are removed.
//
// What it saves on the page is in BENCHMARKS.md (issue 11, session 16).
import { readFileSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameInGlue, shortenImports } from './wasm-imports.mjs';

function fail(message) {
  console.error(`minify: ${message}`);
  process.exit(1);
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
// The steps after this one run in the same process: a debug build returns, it does not exit.
if (process.env.TRUNK_PROFILE !== 'release') {
  console.log('minify: debug build, nothing minified');
} else {
  await minify();
}

async function minify() {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  let esbuild;
  try {
    esbuild = createRequire(join(root, '.tools', 'package.json'))('esbuild');
  } catch (e) {
    fail(`esbuild is not installed in .tools (run scripts/setup.sh): ${e.message}`);
  }

  /** Every file under `at`, as absolute paths. */
  function files(at) {
    return readdirSync(at, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(at, e.name)) : [join(at, e.name)],
    );
  }

  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const indexFile = join(dir, 'index.html');
  let html = readFileSync(indexFile, 'utf8');
  // Each wasm's imports from its glue get short names, in the wasm and in the glue
  // (scripts/wasm-imports.mjs); the glue is minified below.
  let imports = 0;
  for (const file of files(dir).filter((f) => f.endsWith('_bg.wasm'))) {
    const glueFile = `${file.slice(0, -'_bg.wasm'.length)}.js`;
    const wasm = readFileSync(file);
    let glue;
    try {
      glue = readFileSync(glueFile, 'utf8');
    } catch {
      fail(`${relative(dir, file)} has no glue ${relative(dir, glueFile)}`);
    }
    let shortened;
    try {
      shortened = shortenImports(wasm);
      if (shortened) glue = renameInGlue(glue, shortened.renamed);
    } catch (e) {
      fail(`${relative(dir, file)}: ${e.message}`);
    }
    if (!shortened) continue;
    writeFileSync(glueFile, glue);
    writeFileSync(file, shortened.wasm);
    imports += shortened.renamed.size;
  }
  let before = 0;
  let after = 0;
  for (const file of files(dir)) {
    const name = relative(dir, file).split(sep).join('/');
    const css = name.endsWith('.css');
    // The snippets keep their bytes: their folder's name is part of the wasm's import names.
    if (!(css || name.endsWith('.js')) || name === 'sw.js' || name.startsWith('snippets/')) continue;
    const source = readFileSync(file);
    const text = source.toString('utf8');
    const module = !css && /^\s*(import|export)\b/m.test(text);
    let code;
    try {
      ({ code } = await esbuild.transform(text, {
        loader: css ? 'css' : 'js',
        minify: true,
        legalComments: 'none',
        ...(module ? { format: 'esm' } : {}),
      }));
    } catch (e) {
      fail(`${name}: ${e.message}`);
    }
    if (Buffer.byteLength(code) >= source.length) continue;
    writeFileSync(file, code);
    before += source.length;
    after += Buffer.byteLength(code);
  }
  // index.html's comments (they explain the source file; the built page does not need them).
  // Comments inside a <script> would be its text: there are none in Trunk's loader, and a
  // page with one fails here rather than have its script changed.
  for (const [, script] of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    if (script.includes('<!--')) fail('an inline script holds "<!--"');
  }
  html = html.replace(/<!--[\s\S]*?-->/g, '');
  // Trunk names the page's files after a hash of their content as it wrote them
  // (`main-<hex>.css`, `article-annotator-<hex>.js` and `_bg.wasm`; 16 hex digits, or fewer when
  // the hash begins with zeros, which Trunk does not write), and a host may cache
  // such a file for a year (docs/HOSTING.md): a name must never stand for other bytes. This step
  // changed the bytes, so each such name gets a hash of the new content, in index.html too.
  const tokens = new Map();
  for (const file of files(dir)) {
    const m = relative(dir, file).match(/^[^/]*-([0-9a-f]{12,16})(?=[._])/);
    if (m) tokens.set(m[1], [...(tokens.get(m[1]) ?? []), file]);
  }
  for (const [token, named] of tokens) {
    const h = createHash('sha256');
    for (const file of named.sort()) h.update(readFileSync(file));
    const fresh = h.digest('hex').slice(0, 16);
    const others = files(dir).filter((f) => !named.includes(f) && /\.(js|html)$/.test(f) && f !== indexFile);
    if (others.some((f) => readFileSync(f, 'utf8').includes(token))) fail(`the name hash ${token} is used inside a file`);
    for (const file of named) {
      const to = join(dir, relative(dir, file).replace(token, fresh));
      renameSync(file, to);
    }
    html = html.split(token).join(fresh);
  }
  // Each element's integrity hash is made again from the file it names, as that file is now.
  // Trunk's own hashes are not taken to identify files: in a first build from scratch, whose
  // five pipelines all write the crate's snippet, index.html once held the hash of an empty
  // file (SHA-384 of nothing) for a file Trunk hashed while another pipeline was writing it.
  html = html.replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
    if (!/\sintegrity="/.test(tag)) return tag;
    const url = /\s(?:href|src)="(\/[^"]+)"/.exec(tag)?.[1];
    if (!url) fail(`${tag} has an integrity hash but names no file of the build`);
    let bytes;
    try {
      bytes = readFileSync(join(dir, decodeURIComponent(url.slice(1))));
    } catch {
      fail(`${url} has an integrity hash in index.html but is not in the build`);
    }
    if (bytes.length === 0) fail(`${url} is empty`);
    return tag.replace(/\sintegrity="[^"]*"/, ` integrity="${sri(bytes)}"`);
  });
  const built = new Set(files(dir).map((f) => sri(readFileSync(f))));
  for (const [, hash] of html.matchAll(/integrity="(sha384-[^"]+)"/g)) {
    if (!built.has(hash)) fail(`the integrity hash ${hash} in index.html matches no file of the build`);
  }
  writeFileSync(indexFile, html);
  console.log(`minify: ${imports} wasm imports renamed; JS and CSS ${before} → ${after} bytes`);
}
