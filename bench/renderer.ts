// 6. The renderer in Chromium against the browser host (a child process serving the synced
//    dataset): keystroke-to-rows on the Appuntamenti codice rapporto filter, and scrolling the
//    whole appointment list, frame by frame (main-thread time per frame, from a Chromium trace).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../tests/e2e/support/browser';
import { frameTimes, type Phases } from './frames';
import { makeRow, type Row } from './table';

const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink.user_timing'];

export interface RendererPlan {
  keystrokes: number;
  scrollSegments: number;
  framesPerSegment: number;
  /** Pixels per frame while scrolling (20 rows of 40 px: a brisk wheel). */
  scrollStep: number;
}

export interface HostInfo {
  origin: string;
  pageUrl: string;
  token: string;
}

/** The built renderer; built once with electron-vite when absent (a clean clone). */
export function ensureRenderer(log: (line: string) => void): string {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    log('  out/renderer is missing: building it (npx electron-vite build) …');
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // The figures are those of this build: say which one it is.
  log(`  renderer: out/renderer built ${fs.statSync(path.join(RENDERER_DIR, 'index.html')).mtime.toISOString()}`);
  return RENDERER_DIR;
}

/** Debian's Chromium, found (or installed) by the same script `npm test` uses. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'chromium.mjs')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1)!;
}

async function api<T>(host: HostInfo, command: string, input: unknown): Promise<T> {
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
  want: { totale: number; first: string } | null;
  /** The body of the search request the page sent for the keystroke. */
  body: string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  requestAnimationFrame(callback: (time: number) => void): number;
  __bench: Probe;
}
interface Pagina {
  totale: number;
  righe: { codiceRapporto: string; datoreNominativo: string }[];
}

/** In-page probes, installed before the app's scripts run: the key event and the search request. */
const PROBES = `
  window.__bench = { armed: false, key: 0, request: 0, rows: 0, painted: 0, want: null, body: null };
  document.addEventListener('keydown', () => {
    if (!window.__bench.armed) return;
    Object.assign(window.__bench, { key: performance.now(), request: 0, rows: 0, painted: 0, body: null });
  }, true);
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const b = window.__bench;
    if (b.armed && b.key && String(input).includes('appuntamenti.cerca')) {
      // The last request after the key is the one whose answer is shown.
      b.request = performance.now();
      b.body = init && typeof init.body === 'string' ? init.body : null;
    }
    return realFetch(input, init);
  };
  const check = () => {
    const b = window.__bench;
    if (!b.armed || !b.want || b.rows || !b.key) return;
    const totale = document.querySelector('[data-testid="appuntamenti-totale"]');
    if (!totale || Number(totale.textContent.replace(/\\D/g, '')) !== b.want.totale) return;
    const first = document.querySelector('[data-testid="appuntamento-riga"]');
    if (!first || !first.textContent.includes(b.want.first)) return;
    b.rows = performance.now();
    // The frame that paints them: its animation-frame callbacks run just before the paint.
    requestAnimationFrame(() => { b.painted = performance.now(); });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
`;

export async function measureRenderer(host: HostInfo, codiceRapporto: string, plan: RendererPlan, log: (line: string) => void): Promise<Row[]> {
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(PROBES);
    await page.goto(host.pageUrl);
    await page.getByRole('link', { name: 'Appuntamenti' }).click();
    const all = await api<Pagina>(host, 'appuntamenti.cerca', { limite: 1 });
    await waitForTotal(page, all.totale);
    const keystroke = await keystrokes(page, host, codiceRapporto, plan, log);
    const scrolling = await scroll(page, browser, all.totale, plan, log);
    if (errors.length > 0) log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    return [...keystroke, scrolling];
  } finally {
    await browser.close();
  }
}

async function waitForTotal(page: Page, totale: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number((globalThis as unknown as PageGlobals).document.querySelector('[data-testid="appuntamenti-totale"]')?.textContent?.replace(/\D/g, '') ?? -1) === n,
    totale,
    { timeout: 30_000 },
  );
}

async function keystrokes(page: Page, host: HostInfo, codice: string, plan: RendererPlan, log: (line: string) => void): Promise<Row[]> {
  // The longest prefix whose last digit changes the result: typing it and deleting it both
  // change the rows, so every keystroke is a new search with a visible answer.
  const answers: Pagina[] = [];
  for (let n = 0; n <= codice.length; n++) answers.push(await api<Pagina>(host, 'appuntamenti.cerca', { codiceRapporto: codice.slice(0, n), limite: 1 }));
  let digits = codice.length;
  while (digits > 1 && answers[digits]!.totale === answers[digits - 1]!.totale) digits--;
  const short = codice.slice(0, digits - 1);
  const long = codice.slice(0, digits);
  const states = {
    long: { totale: answers[digits]!.totale, first: answers[digits]!.righe[0]?.codiceRapporto ?? '' },
    short: { totale: answers[digits - 1]!.totale, first: answers[digits - 1]!.righe[0]?.codiceRapporto ?? '' },
  };
  log(`  keystrokes: «${short}» ⇄ «${long}» (${states.short.totale} ⇄ ${states.long.totale} appointments)`);

  const field = page.getByTestId('filtro-rapporto');
  await page.getByTestId('filtri-azzera').click();
  await field.fill(short);
  await waitForTotal(page, states.short.totale);
  await field.focus();

  const subject: number[] = [];
  const afterPause: number[] = [];
  const baseline: number[] = [];
  const fetchOnly = (body: string) =>
    page.evaluate(
      async ({ body, token }) => {
        const t0 = performance.now();
        const response = await fetch('/api/appuntamenti.cerca', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
        });
        await response.json();
        return performance.now() - t0;
      },
      { body, token: host.token },
    );
  const total = plan.keystrokes + 2; // two warm-up keystrokes
  for (let i = 0; i < total; i++) {
    const typing = i % 2 === 0; // short → long, then back
    const want = typing ? states.long : states.short;
    await page.evaluate((w) => Object.assign((globalThis as unknown as PageGlobals).__bench, { armed: true, want: w, key: 0, rows: 0, painted: 0 }), want);
    if (typing) await page.keyboard.press(long.at(-1)!);
    else await page.keyboard.press('Backspace');
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
    // The very request the page sent for this keystroke, fetched again without rendering: the baseline of this pair.
    const body = probe.body ?? JSON.stringify({ codiceRapporto: typing ? long : short, limite: 200 });
    const fetchMs = await fetchOnly(body);
    if (i >= 2) {
      subject.push(probe.painted - probe.key);
      afterPause.push(probe.request ? probe.painted - probe.request : Number.NaN);
      baseline.push(fetchMs);
    }
    await sleep(150); // idle between keystrokes: each one is a search of its own
  }
  const group = '6 renderer in Chromium (browser host, the dataset)';
  const baselineName = 'the same appuntamenti.cerca request fetched by the page, not rendered';
  return [
    makeRow({
      group,
      name: 'keystroke → rows painted (codice rapporto filter)',
      unit: 'ms',
      subject,
      baselineName,
      baseline,
      target: { better: 'lower', on: 'p95', limit: 50, maxRatio: null },
    }),
    makeRow({
      group,
      name: 'of which: search request sent → rows painted',
      unit: 'ms',
      subject: afterPause,
      baselineName,
      baseline,
      target: null,
    }),
  ];
}

async function scroll(page: Page, browser: Browser, totale: number, plan: RendererPlan, log: (line: string) => void): Promise<Row> {
  await page.getByTestId('filtri-azzera').click();
  await waitForTotal(page, totale);
  const list = page.getByTestId('appuntamenti-lista');
  await list.evaluate((el) => (el.scrollTop = 0));
  await sleep(300);
  const subject: number[] = [];
  const baseline: number[] = [];
  const spent: Phases = { tasks: 0, style: 0, layout: 0, paint: 0 };
  for (let s = 0; s < plan.scrollSegments; s++) {
    const segment: Record<'scroll' | 'idle', number[]> = { scroll: [], idle: [] };
    for (const kind of s % 2 === 0 ? (['scroll', 'idle'] as const) : (['idle', 'scroll'] as const)) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
      const windowMs = await page.evaluate<number>(`(async () => {
        const list = document.querySelector('[data-testid="appuntamenti-lista"]');
        await new Promise((r) => requestAnimationFrame(r));
        // The mark names the renderer thread in the trace and starts the segment.
        performance.mark('bench-segment');
        const start = performance.now();
        for (let i = 0; i < ${plan.framesPerSegment}; i++) {
          ${kind === 'scroll' ? `list.scrollTop += ${plan.scrollStep};` : ''}
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
  const n = Math.min(subject.length, baseline.length);
  const position = await list.evaluate((el) => Math.round(el.scrollTop / 40));
  log(`  scrolled to row ${position.toLocaleString('en-US')} of ${totale.toLocaleString('en-US')} in ${plan.scrollSegments} segments`);
  const per = (ms: number) => (ms / Math.max(1, subject.length)).toFixed(2);
  const other = spent.tasks - spent.style - spent.layout - spent.paint;
  log(
    `  per scrolling frame: ${per(spent.tasks)} ms of tasks = style ${per(spent.style)} + layout ${per(spent.layout)} + paint ${per(spent.paint)} + script and the rest ${per(other)}`,
  );
  return makeRow({
    group: '6 renderer in Chromium (browser host, the dataset)',
    name: `scrolling the ${totale.toLocaleString('en-US')}-row list: main-thread time per frame`,
    unit: 'ms',
    subject: subject.slice(0, n),
    baselineName: 'idle frames of the same page (animation-frame loop, no scrolling)',
    baseline: baseline.slice(0, n),
    target: { better: 'lower', on: 'p95', limit: 16, maxRatio: null },
  });
}
