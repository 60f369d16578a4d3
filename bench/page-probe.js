// Injected into the app's page before it loads (Playwright addInitScript): timing probes that
// run inside the page, so that no round trip to node is counted.
(() => {
  const afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    });
  });
  /** Resolves (with the time just after the next paint) once `cond()` holds after a DOM change. */
  const whenDom = (cond, timeoutMs = 60000) => new Promise((resolve, reject) => {
    if (cond()) { afterPaint().then(resolve); return; }
    const mo = new MutationObserver(() => {
      if (cond()) { mo.disconnect(); clearTimeout(timer); afterPaint().then(resolve); }
    });
    mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => { mo.disconnect(); reject(new Error('timeout')); }, timeoutMs);
  });
  window.__bench = { afterPaint, whenDom, wasm: null };
  addEventListener('TrunkApplicationStarted', (e) => { window.__bench.wasm = e.detail.wasm; window.__bench.startedAt = performance.now(); });
  // Cold load: the first time the article has blocks, record the time just after that paint.
  if (location.hash !== '#noprobe') {
    whenDom(() => document.querySelector('article p')).then((t) => { window.__bench.articlePainted = t; });
  }
})();
