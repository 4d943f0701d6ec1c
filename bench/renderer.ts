// 6. The renderer in Chromium against the browser host (a child process serving the synced
//    dataset): keystroke-to-rows on the Appuntamenti codice rapporto filter, and scrolling the
//    whole appointment list, frame by frame (main-thread time per frame, from a Chromium trace).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { api, fetchOnly, launch, phasesLine, probes, scrollFrames, timeKeystroke, waitForTotal, type HostInfo, type Screen } from './page';
import { makeRow, type Row } from './table';

const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

export interface RendererPlan {
  keystrokes: number;
  scrollSegments: number;
  framesPerSegment: number;
  /** Pixels per frame while scrolling (20 rows of 40 px: a brisk wheel). */
  scrollStep: number;
}

const APPUNTAMENTI: Screen = { command: 'appuntamenti.cerca', totale: 'appuntamenti-totale', riga: 'appuntamento-riga', lista: 'appuntamenti-lista' };

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

interface Pagina {
  totale: number;
  righe: { codiceRapporto: string; datoreNominativo: string }[];
}

export async function measureRenderer(host: HostInfo, codiceRapporto: string, plan: RendererPlan, log: (line: string) => void): Promise<Row[]> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(probes(APPUNTAMENTI));
    await page.goto(host.pageUrl);
    await page.getByRole('link', { name: 'Appuntamenti' }).click();
    const all = await api<Pagina>(host, 'appuntamenti.cerca', { limite: 1 });
    await waitForTotal(page, APPUNTAMENTI, all.totale);
    const keystroke = await keystrokes(page, host, codiceRapporto, plan, log);
    const scrolling = await scroll(page, browser, all.totale, plan, log);
    if (errors.length > 0) log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    return [...keystroke, scrolling];
  } finally {
    await browser.close();
  }
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
  await waitForTotal(page, APPUNTAMENTI, states.short.totale);
  await field.focus();

  const subject: number[] = [];
  const afterPause: number[] = [];
  const baseline: number[] = [];
  const total = plan.keystrokes + 2; // two warm-up keystrokes
  for (let i = 0; i < total; i++) {
    const typing = i % 2 === 0; // short → long, then back
    const probe = await timeKeystroke(page, typing ? states.long : states.short, () => page.keyboard.press(typing ? long.at(-1)! : 'Backspace'));
    // The very request the page sent for this keystroke, fetched again without rendering: the baseline of this pair.
    const body = probe.body ?? JSON.stringify({ codiceRapporto: typing ? long : short, limite: 200 });
    const fetchMs = await fetchOnly(page, host, APPUNTAMENTI.command, body);
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
  await waitForTotal(page, APPUNTAMENTI, totale);
  const list = page.getByTestId(APPUNTAMENTI.lista);
  await list.evaluate((el) => (el.scrollTop = 0));
  await sleep(300);
  const scrolled = await scrollFrames(page, browser, APPUNTAMENTI, {
    segments: plan.scrollSegments,
    framesPerSegment: plan.framesPerSegment,
    step: plan.scrollStep,
  });
  const n = Math.min(scrolled.subject.length, scrolled.baseline.length);
  const position = Math.round(scrolled.scrollTop / 40);
  log(`  scrolled to row ${position.toLocaleString('en-US')} of ${totale.toLocaleString('en-US')} in ${plan.scrollSegments} segments`);
  log(`  ${phasesLine(scrolled.spent, scrolled.subject.length)}`);
  return makeRow({
    group: '6 renderer in Chromium (browser host, the dataset)',
    name: `scrolling the ${totale.toLocaleString('en-US')}-row list: main-thread time per frame`,
    unit: 'ms',
    subject: scrolled.subject.slice(0, n),
    baselineName: 'idle frames of the same page (animation-frame loop, no scrolling)',
    baseline: scrolled.baseline.slice(0, n),
    target: { better: 'lower', on: 'p95', limit: 16, maxRatio: null },
  });
}
