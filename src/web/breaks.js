// Word and sentence boundaries from the browser's Intl.Segmenter (see src/web/breaks.rs).
// One call per text: the starts of its segments, in UTF-16 code units, as a Uint32Array, so
// that no segment object crosses into wasm. A browser without Intl.Segmenter (Firefox before
// 125) gets coarser segments from regular expressions: runs of letters, marks and digits for
// words; text up to and including ., ! or ? and the spaces after them for sentences.
const segmenters = new Map();

function fallback(text, granularity) {
  const re = granularity === 'word'
    ? /[\p{L}\p{M}\p{N}]+(?:['’.,][\p{L}\p{M}\p{N}]+)*|\s+|[^\p{L}\p{M}\p{N}\s]/gu
    : /[^.!?]*(?:[.!?]+["'”’»)\]]*\s*|$)/gu;
  const starts = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0) starts.push(m.index);
  }
  return Uint32Array.from(starts);
}

function segmenter(granularity) {
  let s = segmenters.get(granularity);
  if (!s) {
    s = new Intl.Segmenter(undefined, { granularity });
    segmenters.set(granularity, s);
  }
  return s;
}

function supported() {
  return typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function';
}

// The browser's first segmenter costs 17-25 ms (Chromium here: its break rules are loaded
// then); made when the page is idle, that task does not land in an import or a key press.
export function warmSoon() {
  if (!supported()) return;
  const warm = () => { segmenter('word'); segmenter('sentence'); };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 0);
}

export function segmentStarts(text, granularity) {
  if (!supported()) return fallback(text, granularity);
  const starts = [];
  for (const s of segmenter(granularity).segment(text)) starts.push(s.index);
  return Uint32Array.from(starts);
}
