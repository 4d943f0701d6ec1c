// Frame times from a Chromium trace: the renderer main thread's busy time per frame interval
// (between consecutive BeginMainThreadFrame events), i.e. every task that ran for that frame —
// scroll handling, Vue updates, answers of page loads, style, layout, paint. A frame whose work
// exceeds ~16 ms misses the display's next refresh. (Headless Chromium paces animation frames
// at 60 Hz, so the interval between frames alone would always read ~16.7 ms.)

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * `mark`: a performance.mark() made in the page at the start of the window (it identifies the
 * page's main thread); `windowMs`: how long the window lasted from the mark.
 */
export function frameTimes(trace: Buffer, mark: string, windowMs: number): { frames: number[]; phases: Phases } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const start = events.find((e) => e.name === mark);
  const phases: Phases = { tasks: 0, style: 0, layout: 0, paint: 0 };
  if (!start) return { frames: [], phases };
  const thread = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid;
  const end = start.ts + windowMs * 1000;
  // Top-level tasks only (a nested run loop would count twice otherwise).
  const tasks = events.filter((e) => thread(e) && e.ph === 'X' && TASKS.has(e.name) && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const topLevel: TraceEvent[] = [];
  let until = -Infinity;
  for (const t of tasks) {
    if (t.ts >= until) {
      topLevel.push(t);
      until = t.ts + t.dur!;
    }
  }
  // A frame starts with the task that begins it (BeginMainThreadFrame runs inside a task).
  const frames = events
    .filter((e) => thread(e) && e.name === 'BeginMainThreadFrame' && e.ts >= start.ts && e.ts <= end)
    .map((e) => topLevel.find((t) => t.ts <= e.ts && e.ts < t.ts + t.dur!)?.ts ?? e.ts)
    .sort((a, b) => a - b);
  const busy: number[] = [];
  let j = 0;
  for (let k = 0; k + 1 < frames.length; k++) {
    const from = frames[k]!;
    const to = frames[k + 1]!;
    let sum = 0;
    while (j < topLevel.length && topLevel[j]!.ts < from) j++;
    for (let i = j; i < topLevel.length && topLevel[i]!.ts < to; i++) sum += topLevel[i]!.dur!;
    busy.push(sum / 1000);
  }
  // Where the time went, over the window (for the log: what to optimise first).
  for (const e of events) {
    if (!thread(e) || e.ph !== 'X' || e.dur === undefined || e.ts < start.ts || e.ts > end) continue;
    const key = PHASES[e.name];
    if (key) phases[key] += e.dur / 1000;
  }
  phases.tasks = topLevel.filter((t) => t.ts >= start.ts && t.ts <= end).reduce((n, t) => n + t.dur! / 1000, 0);
  return { frames: busy, phases };
}

/** Milliseconds of main-thread time in the window: all tasks, and style, layout and paint within them. */
export interface Phases {
  tasks: number;
  style: number;
  layout: number;
  paint: number;
}

const PHASES: Record<string, keyof Phases> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
};
