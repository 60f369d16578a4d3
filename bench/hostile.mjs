// Files from strangers (issue 11): imports that used to freeze the page, timed in the built app
// in headless Chromium. Each case seeds a 3,000-word article, chooses a generated file in the
// Import control and waits for the preview (or the refusal), presses Import, waits for the
// "Imported" notice, then reloads and waits for the article. While the import runs, a
// PerformanceObserver records the page's long tasks (main-thread tasks over 50 ms): the longest
// one bounds how long a key press or click could wait.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeArticle, articleRecord, nestedW3c, unfindableW3c } from './gen.mjs';
import { selfTimes } from './trace-self.mjs';

const MiB = 1024 * 1024;

/**
 * The cases: 1,500 nested annotations with positions that hold their quotes and with positions
 * moved by 7 (every quote searched for), a file of just under 20 MiB of unfindable quotes, and
 * one byte over the limit (refused).
 */
export function hostileFiles() {
  const article = makeArticle(3000);
  return {
    article,
    files: [
      { label: '1,500 nested annotations (W3C), positions hold', name: 'nested.jsonld', text: nestedW3c(article, 1500, 0), imports: true },
      { label: '1,500 nested annotations (W3C), positions off by 7', name: 'nested-moved.jsonld', text: nestedW3c(article, 1500, 7), imports: true },
      { label: '20 MiB of unfindable quotes (W3C)', name: 'unfindable.jsonld', text: unfindableW3c(20 * MiB - 64), imports: true },
      { label: '20 MiB + 1 byte (refused)', name: 'too-large.jsonld', text: unfindableW3c(20 * MiB - 64).padEnd(20 * MiB + 1, ' '), imports: false },
    ],
  };
}

/** Writes the cases' files where the bench server serves them (`/bench/hostile/<name>`). */
export function writeHostileFiles(dir, files) {
  mkdirSync(join(dir, 'hostile'), { recursive: true });
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><link rel="icon" href="data:,"><title>blank</title>');
  for (const f of files) writeFileSync(join(dir, 'hostile', f.name), f.text);
}

/**
 * Imports `file` once into a fresh page showing `article` and returns
 * { preview, apply, total, longest, longTasks, reload } in ms, or { why } when the run failed.
 */
export async function hostileOnce({ browser, url, newPage, seed, profiled }, article, file) {
  // `profiled` (with --profile) runs a phase under V8's sampling profiler and prints its top functions.
  const phase = (label, fn) => (profiled ? profiled(page, `${file.label}: ${label}`, fn) : fn());
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(url + '#noprobe');
    await page.locator('article p').first().waitFor();
    // The app writes the sample article shortly after showing it: seed only once it has, or
    // that write lands after the seed and the sample opens instead.
    await page.waitForFunction(() => new Promise((resolve) => {
      const r = indexedDB.open('article-annotator');
      r.onerror = () => resolve(false);
      r.onsuccess = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('articles')) { db.close(); resolve(false); return; }
        const c = db.transaction('articles').objectStore('articles').count();
        c.onsuccess = () => { db.close(); resolve(c.result > 0); };
        c.onerror = () => { db.close(); resolve(false); };
      };
    }), null, { polling: 100, timeout: 30000 });
    // Seed from a page of the same origin where the app does not run (a blank page): the
    // app's page, closing, may journal a last write that the next start would replay over the
    // seed, so its journals are cleared too.
    await page.goto(`${url}bench/blank.html`);
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await seed(page, articleRecord(article), []);
    await page.goto(`${url}?hostile=1#noprobe`);
    await page.waitForFunction((title) => document.querySelector('article')?.getAttribute('aria-label') === title, article.title, { timeout: 60000, polling: 100 });
    // The file is made in the page before the clock starts (fetched from the bench server,
    // which serves the generated files): Playwright's setInputFiles would build a 13–20 MiB
    // file from base64 on the page's main thread, which a user choosing a file never costs.
    await page.evaluate(async ({ name, path }) => {
      const blob = await (await fetch(path)).blob();
      window.__hostileFile = new File([blob], name, { type: 'application/ld+json' });
    }, { name: file.name, path: `/bench/hostile/${file.name}` });
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask' });
      // The key presses made during the import (see `pressKeys`): how many the page handled,
      // and for each whose handling took 16 ms or more (the Event Timing API's floor) how long
      // it waited for the main thread (input delay: event time → its handlers start) and the
      // whole (event time → the next frame painted after its handlers).
      window.__keys = { handled: 0, slow: [] };
      document.addEventListener('keydown', () => { window.__keys.handled += 1; }, { capture: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'keydown') window.__keys.slow.push({ delay: e.processingStart - e.startTime, duration: e.duration });
        }
      }).observe({ type: 'event', durationThreshold: 16 });
      window.__bench.changeAt = null;
      document.addEventListener('change', () => { window.__bench.changeAt = performance.now(); }, { capture: true, once: true });
    });

    // HOSTILE_TRACE_RELOAD=1 prints the reload's main-thread tasks over 5 ms (start and length)
    // and where the time of those over 50 ms went.
    // HOSTILE_TRACE=1 prints, for each main-thread task over 50 ms during the import, its
    // length and where its time went (trace events by self time): for finding them.
    // HOSTILE_TRACE=js, with a build that has names (BENCH_DIST, see BENCHMARKS.md): each long
    // task also lists the app's functions that took its time, from V8's sampling profiler in
    // the same trace (which slows the page: its tasks are longer than untraced).
    // HOSTILE_TRACE_FILE=<path> also writes that trace (every thread: the worker's too) for
    // `node bench/trace-threads.mjs <path>`.
    const js = process.env.HOSTILE_TRACE === 'js' ? ['disabled-by-default-v8.cpu_profiler'] : [];
    const tracing = process.env.HOSTILE_TRACE ? await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', ...js] }).then(() => true) : false;
    // A user presses a key every 100 ms or so while the import runs (Shift: the app does
    // nothing with it, in the dialog or out): real input events through the browser, whose
    // waits the Event Timing API reports, as issue 11 words the target ("a key press or click
    // is handled within 50 ms during an import").
    const keys = pressKeys(page);
    const imported = await phase('import (preview and apply)', async () => {
      const outcome = page.evaluate(() => window.__bench.whenDom(() =>
        [...document.querySelectorAll('[role=dialog] h2')].some((h) => h.textContent === 'Import preview')
        || [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes('Nothing was changed')), 60000));
      await page.evaluate(() => {
        const input = document.querySelector('input[aria-label="Import annotations"]');
        const dt = new DataTransfer();
        dt.items.add(window.__hostileFile);
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      const t1 = await outcome;
      const t0 = await page.evaluate(() => window.__bench.changeAt);
      const refused = await page.evaluate(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes('Nothing was changed')));
      const result = { preview: t1 - t0, refused };
      if (!refused) {
        result.apply = await page.evaluate(async () => {
          const btn = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent.trim() === 'Import');
          const t = performance.now();
          btn.click();
          const end = await window.__bench.whenDom(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.startsWith('Imported')), 60000);
          return end - t;
        });
      }
      return result;
    });
    const pressed = await keys.stop();
    if (tracing) {
      const trace = (await browser.stopTracing()).toString();
      if (process.env.HOSTILE_TRACE_FILE) writeFileSync(process.env.HOSTILE_TRACE_FILE, trace);
      longTaskReport(JSON.parse(trace).traceEvents);
    }
    const result = imported;
    const timed = await page.evaluate(() => window.__keys);
    result.keysPressed = pressed;
    result.keysHandled = timed.handled;
    result.keyDelay = Math.max(0, ...timed.slow.map((k) => k.delay));
    result.keyDuration = Math.max(0, ...timed.slow.map((k) => k.duration));
    result.total = result.preview + (result.apply ?? 0);
    const long = await page.evaluate(() => window.__long);
    result.longest = long.length ? Math.max(...long) : 0;
    result.longTasks = long.length;
    if (!result.refused) {
      // Reload: navigation start → the article painted (with a highlight when any anchored).
      const marks = file.label.includes('nested');
      const traceReload = process.env.HOSTILE_TRACE_RELOAD ? await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', 'v8'] }).then(() => true) : false;
      result.reload = await phase('reload', async () => {
        await page.goto(`${url}?reloaded=1#noprobe`);
        return page.evaluate(({ title, marks }) => window.__bench.whenDom(() => {
          const a = document.querySelector('article');
          return a && a.getAttribute('aria-label') === title && a.querySelector('p') && (!marks || a.querySelector('mark'));
        }, 30000).catch((e) => {
          // Say what the page showed instead.
          const a = document.querySelector('article');
          const notice = document.querySelector('.notice')?.textContent ?? '';
          throw new Error(`${e.message}; showing ${a ? `article "${a.getAttribute('aria-label')}" (${a.querySelectorAll('mark').length} marks)` : 'no article'}${notice ? `, notice "${notice}"` : ''}`);
        }), { title: article.title, marks });
      });
      // Then until the library is read (the article is shown first, before the annotations
      // are; the header's library controls wait for this) — before the next import.
      result.reloadReady = await page.evaluate(() => window.__bench.whenDom(
        () => document.querySelector('.app')?.dataset.storage !== 'loading', 30000));
      if (traceReload) {
        const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
        const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
        const xs = ev.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 5000 && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
        const t0 = xs.length ? xs[0].ts : 0;
        console.error('reload tasks > 5 ms: ' + xs.map((e) => `@${((e.ts - t0) / 1000).toFixed(0)}:${(e.dur / 1000).toFixed(0)}`).join(' '));
        longTaskReport(ev);
      }
      // Then a file of one annotation imported into the library this import left: the
      // library is not sent with the jobs (the worker reads it from the database), so a big
      // library must not cost the page a long task at the start of every import.
      const small = JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:x:small',
        target: { selector: { type: 'TextQuoteSelector', exact: article.text.slice(0, 40) } },
      });
      const second = await page.evaluate(async (text) => {
        window.__long = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
          .observe({ type: 'longtask' });
        const previewed = window.__bench.whenDom(() =>
          [...document.querySelectorAll('[role=dialog] h2')].some((h) => h.textContent === 'Import preview'), 60000);
        const input = document.querySelector('input[aria-label="Import annotations"]');
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'small.jsonld', { type: 'application/ld+json' }));
        input.files = dt.files;
        const t0 = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await previewed;
        const btn = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent.trim() === 'Import');
        btn.click();
        const end = await window.__bench.whenDom(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.startsWith('Imported')), 60000);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { total: end - t0, longest: window.__long.length ? Math.max(...window.__long) : 0 };
      }, small);
      result.secondTotal = second.total;
      result.secondLongest = second.longest;
    }
    if (errors.length) result.why = `page errors: ${errors.join('; ').slice(0, 200)}`;
    return result;
  } catch (e) {
    return { why: e.message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

/**
 * Presses Shift on `page` about every 100 ms until `stop()`, which resolves to the number of
 * presses made. Each press is sent through the browser's input pipeline (CDP), as a user's is.
 */
function pressKeys(page) {
  let pressing = true;
  let count = 0;
  const loop = (async () => {
    while (pressing) {
      await page.keyboard.press('Shift');
      count += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { stop: async () => { pressing = false; await loop; return count; } };
}

/** Prints each main-thread task over 50 ms with its top trace events by self time. */
function longTaskReport(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const samples = traceSamples(events, main);
  const xs = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // HOSTILE_TRACE_MS lowers the threshold (default 50 ms), to see the tasks that come near it.
  const threshold = Number(process.env.HOSTILE_TRACE_MS ?? 50) * 1000;
  const tasks = xs.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > threshold)
    .filter((e, i, all) => i === 0 || e.ts >= all[i - 1].ts + all[i - 1].dur);
  for (const t of tasks) {
    const inner = xs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const self = selfTimes(inner);
    const top = [...self].filter(([, d]) => d > 2000).sort((a, b) => b[1] - a[1]).slice(0, 8);
    const firsts = inner.filter((e) => e.name === 'EventDispatch' || e.name === 'FunctionCall' || e.name === 'TimerFire').slice(0, 3)
      .map((e) => `${e.name}${e.args?.data?.type ? ':' + e.args.data.type : ''}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''}`);
    console.error(`long task @${((t.ts - (tasks[0]?.ts ?? 0)) / 1000).toFixed(0)} ${(t.dur / 1000).toFixed(0)} ms [${firsts.join(', ')}]: ` + top.map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', '));
    const app = samples.appIn(t.ts, t.ts + t.dur);
    if (app) console.error(`    app: ${app}`);
  }
}

/**
 * The samples of V8's profiler in a trace (`disabled-by-default-v8.cpu_profiler`), with
 * `appIn(from, to)`: the app's functions (`article_annotator::`, `yew::`) sampled between two
 * trace times, callees included, by time.
 */
function traceSamples(events, main) {
  const nodes = new Map(); const at = [];
  for (const e of events) {
    if (e.name === 'Profile' && main && e.pid === main.pid && e.tid === main.tid) {
      let ts = e.args?.data?.startTime ?? 0;
      const id = e.id;
      const chunks = events.filter((c) => c.name === 'ProfileChunk' && c.id === id);
      for (const c of chunks) {
        const p = c.args?.data?.cpuProfile ?? {};
        for (const n of p.nodes ?? []) nodes.set(`${id}:${n.id}`, { name: n.callFrame?.functionName ?? '', parent: n.parent != null ? `${id}:${n.parent}` : null });
        const deltas = c.args?.data?.timeDeltas ?? [];
        (p.samples ?? []).forEach((s, i) => { ts += deltas[i] ?? 0; at.push([ts, `${id}:${s}`]); });
      }
    }
  }
  return {
    appIn(from, to) {
      const inside = at.filter(([ts]) => ts >= from && ts <= to);
      if (!inside.length) return '';
      const ms = (to - from) / 1000 / inside.length;
      const fns = new Map();
      for (const [, key] of inside) {
        const seen = new Set();
        for (let k = key, d = 0; k && d < 500; k = nodes.get(k)?.parent, d++) {
          const n = (nodes.get(k)?.name ?? '').replace(/::h[0-9a-f]{16}$/, '');
          if ((n.startsWith('article_annotator::') || n.startsWith('yew::functional') || n === 'postMessage') && !seen.has(n)) {
            seen.add(n); fns.set(n, (fns.get(n) ?? 0) + ms);
          }
        }
      }
      return [...fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${d.toFixed(1)} ${n.slice(0, 80)}`).join('; ');
    },
  };
}
