// Makes the benchmark's long articles and annotation sets, deterministically, from the sample
// article's blocks (assets/sample-article.txt): the same text and the same annotations are given
// to the app (as IndexedDB records) and to the peers (as W3C selectors).
//
// Offsets are Unicode code points of the canonical text, as the app stores them. The sample has
// no character outside the BMP, so they equal the UTF-16 offsets the peers count in the DOM.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The sample's blocks: non-empty lines after the title (as core::text::split_title does). */
export function sampleBlocks() {
  const raw = readFileSync(join(ROOT, 'assets', 'sample-article.txt'), 'utf8').replace(/\r\n?/g, '\n');
  const lines = raw.replace(/^\n+/, '').split('\n');
  return lines.slice(1).filter((l) => l.length > 0);
}

const words = (s) => s.split(/\s+/).filter(Boolean).length;

/** Deterministic v4-shaped UUID from a number and a tag (0-15). */
export function uuid(n, tag = 0) {
  const h = (n >>> 0).toString(16).padStart(12, '0');
  return `${tag.toString(16).padStart(8, '0')}-0000-4000-8000-${h}`;
}

const cps = (s) => [...s];

/** An article of at least `wordCount` words: the sample's blocks repeated, one block a line. */
export function makeArticle(wordCount) {
  const base = sampleBlocks();
  const blocks = [];
  let n = 0;
  for (let i = 0; n < wordCount; i++) {
    const b = base[i % base.length];
    blocks.push(b);
    n += words(b);
  }
  const text = blocks.join('\n');
  return {
    id: uuid(wordCount, 1),
    title: `Benchmark article, ${wordCount.toLocaleString('en')} words`,
    text,
    blocks,
    words: n,
  };
}

/** Text quote with 32 code points of context, as core::model::TextQuote::from_span. */
function quoteOf(chars, start, end) {
  return {
    exact: chars.slice(start, end).join(''),
    prefix: chars.slice(Math.max(0, start - 32), start).join(''),
    suffix: chars.slice(end, end + 32).join(''),
  };
}

/**
 * `count` annotations spread evenly over the article, each 2 to 9 words long, starting and ending
 * on word boundaries; every fourth one overlaps the one before it (starts inside it and ends
 * after it), and every seventh is nested inside the one before it. Half claims, half quotes.
 */
export function makeAnnotations(article, count) {
  const chars = cps(article.text);
  // Word starts and ends (code points).
  const starts = [];
  const ends = [];
  const re = /\S+/gu;
  let m;
  // Work on the code point array through a string of the same code points.
  const s = article.text;
  let cp = 0;
  let lastIdx = 0;
  while ((m = re.exec(s))) {
    cp += cps(s.slice(lastIdx, m.index)).length;
    const len = cps(m[0]).length;
    starts.push(cp);
    ends.push(cp + len);
    cp += len;
    lastIdx = m.index + m[0].length;
  }
  const out = [];
  const step = Math.max(1, Math.floor(starts.length / Math.max(1, count)));
  for (let i = 0; i < count; i++) {
    let w0 = Math.min(i * step, starts.length - 1);
    let w1 = Math.min(w0 + 2 + (i % 8), ends.length - 1);
    const prev = out[out.length - 1];
    if (prev && i % 4 === 3) {
      // Overlaps: starts one word after the previous one's start, ends 3 words past it.
      w0 = Math.min(prev.w0 + 1, prev.w1);
      w1 = Math.min(prev.w1 + 3, ends.length - 1);
    } else if (prev && i % 7 === 6 && prev.w1 - prev.w0 >= 2) {
      w0 = prev.w0 + 1;
      w1 = prev.w1 - 1;
    }
    const start = starts[w0];
    const end = ends[w1];
    out.push({ w0, w1, start, end, i });
  }
  return out.map(({ start, end, i }) => {
    const kind = i % 2 === 0 ? 'claim' : 'quote';
    const t = new Date(Date.UTC(2025, 10, 27, 12, 0, 0) + i * 1000).toISOString();
    const base = {
      v: 1,
      id: uuid(i, 2),
      article_id: article.id,
      start,
      end,
      quote: quoteOf(chars, start, end),
      created: t,
      modified: t,
      note: i % 3 === 0 ? `Note ${i}: check the figures.` : '',
      tags: i % 5 === 0 ? ['economy'] : i % 5 === 1 ? ['security', 'Türkiye'] : [],
      anchoring: 'anchored',
    };
    return kind === 'claim'
      ? { ...base, kind, claimant: i % 2 ? 'Rex W. Tillerson' : '', verdict: ['unverified', 'true', 'false', 'mostly-true'][i % 4], evidence: [] }
      : { ...base, kind, speaker: 'Mevlüt Çavuşoğlu', checked: i % 3 === 0 };
  });
}

/** The article's IndexedDB record (store "articles"). */
export function articleRecord(article) {
  const t = '2025-11-27T12:00:00.000Z';
  return { v: 1, id: article.id, title: article.title, text: article.text, added: t, changed: t };
}

/** W3C TextQuoteSelector + TextPositionSelector of each annotation, for the peers. */
export function selectors(annotations) {
  return annotations.map((a) => ({
    id: a.id,
    start: a.start,
    end: a.end,
    quote: { type: 'TextQuoteSelector', ...a.quote },
  }));
}

/**
 * A W3C annotation collection of `count` annotations nested inside each other around the
 * middle of `article` (the k-th spans k + 1 steps on each side), each with a TextQuoteSelector
 * (32 code points of context) and a TextPositionSelector moved by `shift` code points (0: the
 * position holds the quote; otherwise the quote must be searched for).
 */
export function nestedW3c(article, count, shift = 0) {
  const chars = cps(article.text);
  const mid = chars.length >> 1;
  const step = Math.max(1, Math.floor((mid - 40) / count));
  const items = [];
  for (let k = 0; k < count; k++) {
    const start = mid - (k + 1) * step;
    const end = mid + (k + 1) * step;
    const q = quoteOf(chars, start, end);
    items.push({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: `urn:uuid:${uuid(k, 5)}`,
      motivation: k % 2 ? 'assessing' : 'highlighting',
      body: k % 3 ? [] : [{ type: 'TextualBody', value: `Nested note ${k}`, purpose: 'commenting' }],
      target: {
        selector: [
          { type: 'TextQuoteSelector', ...q },
          { type: 'TextPositionSelector', start: start + shift, end: end + shift },
        ],
      },
    });
  }
  return collection(items, `${count} nested annotations`);
}

/**
 * A W3C collection of `bytes` bytes at most (close to it): annotations whose quotes, about
 * 1,000 code points each, are nowhere in any article, so that every one asks for the longest
 * search an import allows.
 */
export function unfindableW3c(bytes) {
  const items = [];
  let size = 200;
  for (let k = 0; ; k++) {
    const exact = `Unfindable passage ${k}: ` + 'lorem ipsum dolor sit amet zq '.repeat(32);
    const item = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: `urn:uuid:${uuid(k, 6)}`,
      target: { selector: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } },
    };
    const len = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (size + len > bytes) break;
    size += len;
    items.push(item);
  }
  return collection(items, 'unfindable quotes');
}

function collection(items, label) {
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${uuid(0, 7)}`,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { type: 'AnnotationPage', items },
  });
}
