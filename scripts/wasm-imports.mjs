// Short import names for wasm-bindgen's output (used by scripts/minify.mjs).
//
// wasm-bindgen names every function the wasm imports from its JS glue after the binding and a
// 16-digit hash (`__wbg_setAttribute_7a3b…`): the page's wasm imports 322 of them, 11 KB of
// names written twice, once in the wasm's import section and once as the keys of the glue's
// import object, and the hashes do not compress. This renames those imports `a`, `b`, … in
// both files. Nothing else changes: the import section is rewritten with the same imports in
// the same order (so every function index stays), and every other section is copied as it is.
// Imports from other modules (the snippets, whose names are their files' real exports) keep
// their names.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** Writes `value` as an unsigned LEB128. */
function leb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });
const str = (s) => {
  const b = utf8.encode(s);
  return [...leb(b.length), ...b];
};

/** The n-th short name: a…z, A…Z, then two characters and so on (all valid JS identifiers). */
function shortName(n) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = `${first}0123456789_$`;
  let name = first[n % first.length];
  n = Math.floor(n / first.length);
  while (n > 0) {
    n -= 1;
    name += rest[n % rest.length];
    n = Math.floor(n / rest.length);
  }
  return name;
}

/**
 * Renames the functions `wasm` (a Uint8Array) imports from its wasm-bindgen glue (the module
 * named `./<name>_bg.js`). Returns the new wasm and the map from old to new names, or null
 * when there is no such import.
 */
export function shortenImports(wasm) {
  if (text.decode(wasm.subarray(0, 4)) !== '\0asm') throw new Error('not a wasm module');
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = uleb(wasm, at + 1);
    const end = body + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    let [count, p] = uleb(wasm, body);
    const renamed = new Map();
    const out = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = uleb(wasm, p);
      const module = text.decode(wasm.subarray(p, p + len));
      p += len;
      [len, p] = uleb(wasm, p);
      const field = text.decode(wasm.subarray(p, p + len));
      p += len;
      const descStart = p;
      const kind = wasm[p++];
      if (kind === 0) [, p] = uleb(wasm, p); // function: type index
      else if (kind === 1) { p += 1; const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); } // table
      else if (kind === 2) { const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); } // memory
      else if (kind === 3) p += 2; // global: value type, mutability
      else throw new Error(`import kind ${kind} not known`);
      let name = field;
      if (/^\.\/[^/]*_bg\.js$/.test(module) && kind === 0) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        name = renamed.get(field);
      }
      out.push(...str(module), ...str(name), ...wasm.subarray(descStart, p));
    }
    if (p !== end) throw new Error('the import section did not end where its size says');
    if (renamed.size === 0) return null;
    const section = [2, ...leb(out.length), ...out];
    const result = new Uint8Array(at + section.length + (wasm.length - end));
    result.set(wasm.subarray(0, at), 0);
    result.set(section, at);
    result.set(wasm.subarray(end), at + section.length);
    return { wasm: result, renamed };
  }
  return null;
}

/**
 * Puts the new names in the glue `js`, where each old name is a key of the import object and
 * occurs nowhere else (they are long and hashed). Fails when an old name does not occur as a
 * whole word exactly once, so that a glue of another shape is never half renamed.
 */
export function renameInGlue(js, renamed) {
  const seen = new Map();
  const out = js.replace(/[A-Za-z_$][\w$]*/g, (word) => {
    const name = renamed.get(word);
    if (name === undefined) return word;
    seen.set(word, (seen.get(word) ?? 0) + 1);
    return name;
  });
  for (const old of renamed.keys()) {
    if (seen.get(old) !== 1) throw new Error(`the import ${old} occurs ${seen.get(old) ?? 0} times in the glue, not once`);
  }
  return out;
}
