// The page machinery the screen rows share (6: Appuntamenti, 10: Bozze): Chromium against the
// browser host, in-page probes timing a keystroke until the rows it asks for are painted, the
// same request fetched by the page without rendering (the keystroke's baseline), and scrolling a
// virtualised list frame by frame from a Chromium trace (frames.ts) beside idle frames.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../tests/e2e/support/browser';
import { frameTimes, type Phases } from './frames';

const ROOT = path.resolve(import.meta.dirname, '..');
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink.user_timing'];

export interface HostInfo {
  origin: string;
  pageUrl: string;
  token: string;
}

/** A list screen as the probes see it: its search command and the data-testid of its parts. */
export interface Screen {
  /** The command whose answer the list shows (`appuntamenti.cerca`, `bozze.cerca`). */
  command: string;
  /** The element whose digits are the list's total. */
  totale: string;
  /** A row of the list (the first one in the document is the top row). */
  riga: string;
  /** The list's scrolling element. */
  lista: string;
}

/** What the list must show for a keystroke's answer to count as painted. */
export interface Want {
  totale: number;
  /** Text the top row contains (e.g. its codice rapporto). */
  first: string;
}

/** When a keystroke's answer was painted, in the page's clock. */
export interface Probed {
  key: number;
  /** The last search request the page sent after the key (0: none). */
  request: number;
  painted: number;
  /** That request's body, to fetch again as the baseline. */
  body: string | null;
}

/** Debian's Chromium, found (or installed) by the same script `npm test` uses. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'chromium.mjs')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1)!;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/** One command through the host's HTTP route, as the page calls it. */
export async function api<T>(host: HostInfo, command: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${command}: ${body.error?.message}`);
  return body.value;
}

/** What the functions evaluated in the page use of it (this program is typed without the DOM). */
interface Probe {
  armed: boolean;
  key: number;
  request: number;
  rows: number;
  painted: number;
  want: Want | null;
  body: string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  __bench: Probe;
}

/** In-page probes, installed before the app's scripts run: the key event, the search request, the rows. */
export function probes(screen: Screen): string {
  return `
  window.__bench = { armed: false, key: 0, request: 0, rows: 0, painted: 0, want: null, body: null };
  document.addEventListener('keydown', () => {
    if (!window.__bench.armed) return;
    Object.assign(window.__bench, { key: performance.now(), request: 0, rows: 0, painted: 0, body: null });
  }, true);
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const b = window.__bench;
    if (b.armed && b.key && String(input).includes(${JSON.stringify(screen.command)})) {
      // The last request after the key is the one whose answer is shown.
      b.request = performance.now();
      b.body = init && typeof init.body === 'string' ? init.body : null;
    }
    return realFetch(input, init);
  };
  const check = () => {
    const b = window.__bench;
    if (!b.armed || !b.want || b.rows || !b.key) return;
    const totale = document.querySelector('[data-testid="${screen.totale}"]');
    if (!totale || Number(totale.textContent.replace(/\\D/g, '')) !== b.want.totale) return;
    const first = document.querySelector('[data-testid="${screen.riga}"]');
    if (!first || !first.textContent.includes(b.want.first)) return;
    b.rows = performance.now();
    // The frame that paints them: its animation-frame callbacks run just before the paint.
    requestAnimationFrame(() => { b.painted = performance.now(); });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
`;
}

export async function waitForTotal(page: Page, screen: Screen, totale: number): Promise<void> {
  await page.waitForFunction(
    ({ testid, n }) =>
      Number((globalThis as unknown as PageGlobals).document.querySelector(`[data-testid="${testid}"]`)?.textContent?.replace(/\D/g, '') ?? -1) === n,
    { testid: screen.totale, n: totale },
    { timeout: 30_000 },
  );
}

/** Arms the probes for `want`, presses (`press`), and waits until the rows are painted. */
export async function timeKeystroke(page: Page, want: Want, press: () => Promise<void>): Promise<Probed> {
  await page.evaluate((w) => Object.assign((globalThis as unknown as PageGlobals).__bench, { armed: true, want: w, key: 0, rows: 0, painted: 0 }), want);
  await press();
  const probe = await page
    .waitForFunction(
      () => {
        const b = (globalThis as unknown as PageGlobals).__bench;
        return b.painted ? { key: b.key, request: b.request, painted: b.painted, body: b.body } : null;
      },
      undefined,
      { timeout: 20_000, polling: 5 },
    )
    .then((h) => h.jsonValue());
  if (!probe) throw new Error('the rows never showed the search result');
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).__bench.armed = false));
  return probe;
}

/** The same request fetched by the page and its answer parsed, nothing rendered: milliseconds. */
export function fetchOnly(page: Page, host: HostInfo, command: string, body: string): Promise<number> {
  return page.evaluate(
    async ({ url, body, token }) => {
      const t0 = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
      await response.json();
      return performance.now() - t0;
    },
    { url: `/api/${command}`, body, token: host.token },
  );
}

export interface ScrollPlan {
  segments: number;
  framesPerSegment: number;
  /** Pixels per frame. */
  step: number;
}

export interface Scrolled {
  /** Main-thread ms per scrolling frame, and per idle frame beside it (pairs). */
  subject: number[];
  baseline: number[];
  /** Where the scrolling frames' time went. */
  spent: Phases;
  /** The list's scrollTop at the end. */
  scrollTop: number;
}

/**
 * Scrolls the list (from where it is) in segments of animation frames, each beside a segment of
 * idle frames of the same page (alternating which goes first), tracing both.
 */
export async function scrollFrames(page: Page, browser: Browser, screen: Screen, plan: ScrollPlan): Promise<Scrolled> {
  const subject: number[] = [];
  const baseline: number[] = [];
  const spent: Phases = { tasks: 0, style: 0, layout: 0, paint: 0 };
  for (let s = 0; s < plan.segments; s++) {
    const segment: Record<'scroll' | 'idle', number[]> = { scroll: [], idle: [] };
    for (const kind of s % 2 === 0 ? (['scroll', 'idle'] as const) : (['idle', 'scroll'] as const)) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
      const windowMs = await page.evaluate<number>(`(async () => {
        const list = document.querySelector('[data-testid="${screen.lista}"]');
        await new Promise((r) => requestAnimationFrame(r));
        // The mark names the renderer thread in the trace and starts the segment.
        performance.mark('bench-segment');
        const start = performance.now();
        for (let i = 0; i < ${plan.framesPerSegment}; i++) {
          ${kind === 'scroll' ? `list.scrollTop += ${plan.step};` : ''}
          await new Promise((r) => requestAnimationFrame(r));
        }
        return performance.now() - start;
      })()`);
      const { frames, phases } = frameTimes(await browser.stopTracing(), 'bench-segment', windowMs);
      segment[kind] = frames;
      if (kind === 'scroll') for (const k of Object.keys(spent) as (keyof Phases)[]) spent[k] += phases[k];
      await sleep(100);
    }
    // Pairs: frame k of a scrolling segment with frame k of the idle segment beside it.
    const m = Math.min(segment.scroll.length, segment.idle.length);
    subject.push(...segment.scroll.slice(0, m));
    baseline.push(...segment.idle.slice(0, m));
  }
  const scrollTop = await page.getByTestId(screen.lista).evaluate((el) => el.scrollTop);
  return { subject, baseline, spent, scrollTop };
}

/** The log line saying where a scrolling frame's main-thread time went. */
export function phasesLine(spent: Phases, frames: number): string {
  const per = (ms: number) => (ms / Math.max(1, frames)).toFixed(2);
  const other = spent.tasks - spent.style - spent.layout - spent.paint;
  return `per scrolling frame: ${per(spent.tasks)} ms of tasks = style ${per(spent.style)} + layout ${per(spent.layout)} + paint ${per(spent.paint)} + script and the rest ${per(other)}`;
}
