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

// Load from storage, as the app does: the article's blocks and the selectors are read from
// IndexedDB (database "peer-bench", written by run.mjs), rendered, handed to Recogito, painted.
// window.__loadPainted is performance.now() (from navigation start) just after that paint.
if (location.hash === '#load') {
  const req = indexedDB.open('peer-bench', 1);
  req.onupgradeneeded = () => req.result.createObjectStore('cases');
  req.onsuccess = () => {
    const get = req.result.transaction('cases').objectStore('cases').get('case');
    get.onsuccess = async () => {
      const k = get.result;
      const article = renderArticle(k.blocks);
      const anno = window.anno = createTextAnnotator(article);
      anno.setAnnotations(k.sels.map(toRecogito));
      if (k.sels.length) {
        await new Promise((r) => {
          const check = () => (document.querySelector('.r6o-annotation') ? r() : requestAnimationFrame(check));
          check();
        });
      }
      window.__loadPainted = await probe.afterPaint();
    };
  };
}
