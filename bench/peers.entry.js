// The peers, bundled by esbuild into .build/peers.js (an IIFE that sets window.Peers) and
// .build/peers.css. The sample blocks come from .build/sample-blocks.json (made by run.mjs).
import { createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import * as textQuote from 'dom-anchor-text-quote';
import sampleBlocks from './.build/sample-blocks.json';
import { probe } from './probe.js';

/** Renders blocks as <p>s joined by "\n" text nodes, so textContent offsets = our offsets. */
function renderArticle(blocks) {
  const article = document.querySelector('article');
  article.textContent = '';
  const frag = document.createDocumentFragment();
  blocks.forEach((b, i) => {
    if (i > 0) frag.appendChild(document.createTextNode('\n'));
    const p = document.createElement('p');
    p.textContent = b;
    frag.appendChild(p);
  });
  article.appendChild(frag);
  return article;
}

/** A Recogito annotation (its own format) from a W3C-like { id, start, end, quote }. */
function toRecogito(s) {
  return {
    id: s.id,
    bodies: [],
    target: { annotation: s.id, selector: [{ quote: s.quote.exact, start: s.start, end: s.end }] },
  };
}

window.Peers = { createTextAnnotator, textQuote, renderArticle, toRecogito, sampleBlocks, probe };

// Cold load: the sample article with Recogito attached, painted.
if (location.hash === '#cold') {
  const article = renderArticle(sampleBlocks);
  window.anno = createTextAnnotator(article);
  probe.afterPaint().then((t) => { window.__coldPainted = t; });
}
