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

export function segmentStarts(text, granularity) {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    return fallback(text, granularity);
  }
  let segmenter = segmenters.get(granularity);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(undefined, { granularity });
    segmenters.set(granularity, segmenter);
  }
  const starts = [];
  for (const s of segmenter.segment(text)) starts.push(s.index);
  return Uint32Array.from(starts);
}
