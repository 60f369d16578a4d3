// Self time by trace event name: each complete event's duration less its children's, for
// events sorted by start (ties: the longer first, so a parent precedes its child). Used by
// bench/run.mjs (--trace), bench/hostile.mjs (HOSTILE_TRACE) and bench/trace-threads.mjs.

/** A Map from event name to self time in microseconds, over `events` (ph "X", sorted). */
export function selfTimes(events) {
  const self = new Map();
  const stack = [];
  for (const e of events) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  return self;
}
