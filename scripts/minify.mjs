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
//    top-level names only in ES modules (the page's glue and its snippets). sw.js is left
//    alone: scripts/sw.mjs fills in its lines afterwards.
// 3. The Subresource Integrity hashes in index.html are replaced by the new files' hashes, so
//    that the browser still checks what it loads; a hash that matches no file fails the build.
//
// What it saves on the page is in BENCHMARKS.md (issue 11, session 16).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
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
  // The files' hashes as Trunk wrote them, to be replaced in index.html at the end.
  const original = new Map(files(dir).map((f) => [f, sri(readFileSync(f))]));

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
    if (!(css || name.endsWith('.js')) || name === 'sw.js') continue;
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
  for (const [file, hash] of original) {
    html = html.split(`integrity="${hash}"`).join(`integrity="${sri(readFileSync(file))}"`);
  }
  const built = new Set(files(dir).map((f) => sri(readFileSync(f))));
  for (const [, hash] of html.matchAll(/integrity="(sha384-[^"]+)"/g)) {
    if (!built.has(hash)) fail(`the integrity hash ${hash} in index.html matches no file of the build`);
  }
  writeFileSync(indexFile, html);
  console.log(`minify: ${imports} wasm imports renamed; JS and CSS ${before} → ${after} bytes`);
}
