// Where a Chromium trace's time went, thread by thread: each thread's busy time (its
// top-level tasks) in slices of W ms, and, with a thread's name, its tasks over M ms with the
// trace events that took their time (self time). For traces written by
// `HOSTILE_TRACE=1 HOSTILE_TRACE_FILE=<path> node bench/run.mjs --only=hostile ...`, where the
// page's main thread is `CrRendererMain` and the app's worker a `DedicatedWorker thread`.
//
//   node bench/trace-threads.mjs TRACE [W=500]
//   node bench/trace-threads.mjs TRACE W 'DedicatedWorker thread' [M=20]
import { readFileSync } from 'node:fs';
import { selfTimes } from './trace-self.mjs';

const [file, slice = '500', thread, min = '20'] = process.argv.slice(2);
const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
const W = Number(slice) * 1000;
const names = new Map();
for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const isTask = (e) => e.ph === 'X' && e.dur > 0 && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask');
let t0 = Infinity;
for (const e of events) if (isTask(e) && e.ts < t0) t0 = e.ts;
const byThread = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !(e.dur > 0)) continue;
  const k = `${e.pid}:${e.tid}`;
  if (!byThread.has(k)) byThread.set(k, []);
  byThread.get(k).push(e);
}
for (const [k, xs] of byThread) {
  xs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top-level tasks only (a task inside another is its part).
  const tasks = [];
  for (const e of xs) if (isTask(e) && (!tasks.length || e.ts >= tasks.at(-1).ts + tasks.at(-1).dur)) tasks.push(e);
  const name = names.get(k) ?? k;
  if (!thread) {
    const total = tasks.reduce((s, t) => s + t.dur, 0);
    if (total < 50_000) continue;
    const slices = [];
    for (const t of tasks) {
      // A task's time goes to the slices it spans.
      for (let s = t.ts; s < t.ts + t.dur;) {
        const i = Math.floor((s - t0) / W);
        const end = Math.min(t.ts + t.dur, t0 + (i + 1) * W);
        slices[i] = (slices[i] ?? 0) + (end - s);
        s = end;
      }
    }
    console.log(`${name.padEnd(28)} ${(total / 1000).toFixed(0).padStart(6)} ms | ${Array.from(slices, (x) => String(Math.round((x ?? 0) / 1000)).padStart(4)).join('')}`);
  } else if (name === thread) {
    for (const t of tasks.filter((t) => t.dur > Number(min) * 1000)) {
      const inner = xs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      const self = selfTimes(inner);
      const top = [...self].filter(([, d]) => d > 2000).sort((a, b) => b[1] - a[1]).slice(0, 6);
      console.log(`@${((t.ts - t0) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(0)} ms: ${top.map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ')}`);
    }
  }
}
