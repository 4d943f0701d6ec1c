// 10. The Bozze screen with thousands of drafts (issue #11), in Chromium against the browser host,
//     as row 6 does for Appuntamenti: keystroke-to-rows on the client filter (a name typed a letter
//     at a time), and scrolling the whole virtualised list frame by frame, twice (as it opens,
//     pages loading on the way; then again with every row loaded).
// The drafts are made by the app itself: `bozze.prepara` through the host's HTTP API, in batches
// of up to 1,000, on the open quesiti of the dataset's active clients (one per rapporto per batch,
// negative answers first; the command leaves out what is not idoneo). The office dataset has
// ~8,600 such rapporti, so its 5,000 drafts need no other way in; tiny and small make as many as
// their quesiti allow, up to their plan. It runs on a copy of the synced (encrypted) database: the rows after
// it (8, 9) see none of these drafts.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { apriConChiave } from '../db/cifratura';
import type { BozzaRiga, Pagina, PreparazioneEsito } from '../electron/common/commands/types';
import { CHIAVE_BENCH, chiaveEnv } from './chiave';
import { startChild, type Child } from './children';
import {
  api,
  fetchOnly,
  launch,
  phasesLine,
  probes,
  scrollFrames,
  timeKeystroke,
  waitForTotal,
  type HostInfo,
  type Screen,
  type Scrolled,
  type Want,
} from './page';
import { ensureRenderer } from './renderer';
import { summarize } from './stats';
import { makeRow, type Row } from './table';

export interface BozzePlan {
  /** Drafts to put in the database (fewer when the dataset's quesiti do not allow them). */
  drafts: number;
  /** Rounds of typing a client's name, one character per keystroke (one more as the warm-up). */
  typingRounds: number;
  /** Characters typed per round (fewer when no name's prefixes change the rows that often). */
  characters: number;
  scrollSegments: number;
  /** Pixels per frame while scrolling (20 rows of 40 px: a brisk wheel, as row 6). */
  scrollStep: number;
}

const BOZZE: Screen = { command: 'bozze.cerca', totale: 'bozze-totale', riga: 'bozza-riga', lista: 'bozze-lista' };
const ROW_HEIGHT = 40;
const PER_BATCH = 1_000;

type Log = (line: string) => void;

export async function measureBozze(dbPath: string, runDir: string, plan: BozzePlan, log: Log): Promise<Row[]> {
  const copy = path.join(runDir, 'bozze.sqlite');
  const quesiti = copyAndPick(dbPath, copy);
  const child = await startChild<HostInfo>('core.ts', [copy, ensureRenderer(log)], chiaveEnv());
  try {
    const host = child.ready;
    const made = await prepare(host, quesiti, plan.drafts, log);
    if (made === 0) throw new Error('bozze.prepara made no draft: the dataset has no idoneo quesito of an active client');
    const browser = await launch();
    try {
      return await onScreen(browser, child, made, plan, log);
    } finally {
      await browser.close();
    }
  } finally {
    await child.stop();
  }
}

/**
 * The synced database copied for this row, and the quesiti to prepare from it: the open ones of
 * clients whose current delega is active and not in a Confermato appointment, ranked within their
 * rapporto (negative answers first), so that a batch of the first ones holds one per rapporto.
 */
function copyAndPick(dbPath: string, copy: string): string[] {
  // VACUUM INTO, as the app's backups: the copy is encrypted with the same key (SQLite3 Multiple
  // Ciphers refuses the backup API from an encrypted file into a new one).
  const source = apriConChiave(dbPath, CHIAVE_BENCH, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(copy);
  } finally {
    source.close();
  }
  const db = apriConChiave(copy, CHIAVE_BENCH, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `WITH open AS (
           SELECT qu.id, qu.codice_rapporto,
                  row_number() OVER (PARTITION BY qu.codice_rapporto ORDER BY qu.esito = 'negativo' DESC, qu.data_invio, qu.id) AS k
             FROM quesiti qu JOIN rapporti r ON r.codice = qu.codice_rapporto
            WHERE qu.esito IN ('negativo', 'in_attesa')
              AND (SELECT d.stato FROM deleghe d WHERE d.datore_cf = r.datore_cf ORDER BY d.data_sottoscrizione DESC, d.id DESC LIMIT 1) = 'attiva'
              AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id
                               WHERE l.quesito_id = qu.id AND a.stato = 'confermato'))
         SELECT id FROM open ORDER BY k, codice_rapporto`,
      )
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

/** `bozze.prepara` through the host until `wanted` drafts exist (or the quesiti run out): how many it made. */
async function prepare(host: HostInfo, quesiti: readonly string[], wanted: number, log: Log): Promise<number> {
  const t0 = performance.now();
  let made = 0;
  let next = 0;
  let calls = 0;
  while (made < wanted && next < quesiti.length) {
    // One quesito makes at most one draft: a batch never overshoots.
    const batch = quesiti.slice(next, next + Math.min(PER_BATCH, wanted - made));
    next += batch.length;
    const esito = await api<PreparazioneEsito>(host, 'bozze.prepara', { quesitiIds: batch });
    made += esito.create.length;
    calls++;
  }
  const s = (performance.now() - t0) / 1000;
  log(
    `  ${made.toLocaleString('en-US')} drafts made by ${calls} bozze.prepara calls through the host in ${s.toFixed(1)} s (${next} of ${quesiti.length} candidate quesiti used)`,
  );
  if (made < wanted) log(`  the dataset allows ${made} of the ${wanted} drafts the plan asks for`);
  return made;
}

async function onScreen(browser: Browser, child: Child<HostInfo>, made: number, plan: BozzePlan, log: Log): Promise<Row[]> {
  const host = child.ready;
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(probes(BOZZE));
  await page.goto(host.pageUrl);
  await page.locator('a[href="#/bozze"]').first().click();
  const all = await api<Pagina<BozzaRiga>>(host, 'bozze.cerca', { limite: 1 });
  if (all.totale !== made) log(`  the screen lists ${all.totale} drafts, ${made} were made`);
  await waitForTotal(page, BOZZE, all.totale);
  const group = `10 Bozze screen in Chromium (browser host, ${all.totale.toLocaleString('en-US')} drafts)`;
  const keystroke = await keystrokes(page, child, all.totale, plan, group, log);
  const scrolling = await scroll(page, browser, all.totale, plan, group, log);
  if (errors.length > 0) log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
  return [...keystroke, ...scrolling];
}

/**
 * What to type: the commonest first word of the drafts' client names (surnames; the same every
 * run) whose every prefix, up to `characters`, changes the total, so each keystroke is a new
 * search with a visible answer.
 */
async function word(host: HostInfo, totale: number, characters: number): Promise<{ typed: string; states: Want[] }> {
  const count = new Map<string, number>();
  for (let offset = 0; offset < totale; offset += 500) {
    const page = await api<Pagina<BozzaRiga>>(host, 'bozze.cerca', { ordine: 'cliente', limite: 500, offset });
    for (const r of page.righe) {
      const w = r.datoreNominativo.split(' ')[0]!.toLowerCase();
      if (/^[a-z]+$/.test(w)) count.set(w, (count.get(w) ?? 0) + 1);
    }
  }
  const words = [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  let best = { typed: '', states: [] as Want[] };
  for (const w of words.slice(0, 40)) {
    const states: Want[] = [];
    let before = totale;
    for (let n = 1; n <= Math.min(characters, w.length); n++) {
      const answer = await api<Pagina<BozzaRiga>>(host, 'bozze.cerca', { testo: w.slice(0, n), limite: 1 });
      if (answer.totale === before) break;
      states.push({ totale: answer.totale, first: answer.righe[0]!.codiceRapporto });
      before = answer.totale;
    }
    if (states.length > best.states.length) best = { typed: w.slice(0, states.length), states };
    if (states.length === characters) break;
  }
  if (best.states.length === 0) throw new Error('no client name changes the list as it is typed');
  return best;
}

async function keystrokes(page: Page, child: Child<HostInfo>, totale: number, plan: BozzePlan, group: string, log: Log): Promise<Row[]> {
  const host = child.ready;
  const { typed, states } = await word(host, totale, plan.characters);
  log(`  typing «${typed}», one keystroke at a time: ${[totale, ...states.map((s) => s.totale)].join(' → ')} drafts`);
  const field = page.getByTestId('bozze-filtro-cliente');
  const subject: number[] = [];
  const afterRequest: number[] = [];
  const baseline: number[] = [];
  const beforeRequest: number[] = [];
  const core: number[] = [];
  for (let round = 0; round <= plan.typingRounds; round++) {
    // Back to the whole list (not timed), then the name again, a keystroke at a time.
    await field.fill('');
    await waitForTotal(page, BOZZE, totale);
    await field.focus();
    await sleep(150);
    for (let n = 0; n < typed.length; n++) {
      const probe = await timeKeystroke(page, states[n]!, () => page.keyboard.press(typed[n]!));
      // The very request the page sent for this keystroke, fetched again without rendering: the baseline of this pair.
      const body = probe.body ?? JSON.stringify({ testo: typed.slice(0, n + 1), limite: 200 });
      const fetchMs = await fetchOnly(page, host, BOZZE.command, body);
      // And through the core's dispatcher alone, in the host's process (no HTTP, no page).
      const { ms } = await child.ask<{ ms: number[] }>({ op: 'time', calls: [[BOZZE.command, JSON.parse(body) as unknown]] });
      if (round > 0) {
        subject.push(probe.painted - probe.key);
        afterRequest.push(probe.request ? probe.painted - probe.request : Number.NaN);
        beforeRequest.push(probe.request ? probe.request - probe.key : Number.NaN);
        baseline.push(fetchMs);
        core.push(ms[0]!);
      }
      await sleep(150); // idle between keystrokes: each one is a search of its own
    }
  }
  logParts({ typed, subject, beforeRequest, afterRequest, baseline, core }, log);
  const baselineName = 'the same bozze.cerca request fetched by the page, not rendered';
  return [
    makeRow({
      group,
      name: 'keystroke → rows painted (cliente filter)',
      unit: 'ms',
      subject,
      baselineName,
      baseline,
      target: { better: 'lower', on: 'p95', limit: 50, maxRatio: null },
    }),
    makeRow({ group, name: 'of which: search request sent → rows painted', unit: 'ms', subject: afterRequest, baselineName, baseline, target: null }),
  ];
}

/**
 * Where a keystroke's time goes, as medians (p95): the page before it sends the search, the
 * search's answer until painted, the same request fetched by the page alone, and the same
 * request through the core's dispatcher alone (timed in the host's process, no HTTP).
 */
function logParts(
  parts: { typed: string; subject: number[]; beforeRequest: number[]; afterRequest: number[]; baseline: number[]; core: number[] },
  log: Log,
): void {
  const ms = parts.core;
  const f = (values: number[]) => {
    const s = summarize(values.filter((v) => Number.isFinite(v)));
    return `${s.median.toFixed(1)} (${s.p95.toFixed(1)}) ms`;
  };
  log(`  a keystroke, median (p95): key → search sent ${f(parts.beforeRequest)}; sent → rows painted ${f(parts.afterRequest)}`);
  log(`    the same request fetched by the page, not rendered ${f(parts.baseline)}; bozze.cerca in the core alone ${f(ms)}`);
  // The first letters match most clients: their searches are the slow tail.
  const at = (values: number[], n: number) => summarize(values.filter((_, i) => i % parts.typed.length === n)).median.toFixed(1);
  const prefixes = [...parts.typed].map((_, n) => `«${parts.typed.slice(0, n + 1)}» ${at(parts.subject, n)} / ${at(ms, n)}`);
  log(`    by prefix, median keystroke → painted / in the core: ${prefixes.join(', ')} ms`);
}

/**
 * Scrolling from the first draft to the last one twice: first as the screen opens (pages of 200
 * load as their rows come into view; until a page lands its rows are one «caricamento» cell, cheap
 * to draw), then again from the top with every row loaded (each frame draws full rows only).
 */
async function scroll(page: Page, browser: Browser, totale: number, plan: BozzePlan, group: string, log: Log): Promise<Row[]> {
  await page.getByTestId('bozze-filtro-cliente').fill('');
  await waitForTotal(page, BOZZE, totale);
  const rows: Row[] = [];
  for (const pass of ['first', 'again'] as const) {
    const scrolled = await scrollPass(page, browser, totale, plan, log);
    const n = Math.min(scrolled.subject.length, scrolled.baseline.length);
    const what = pass === 'first' ? `scrolling the ${totale.toLocaleString('en-US')}-draft list` : 'scrolling it again, every row loaded';
    rows.push(
      makeRow({
        group,
        name: `${what}: main-thread time per frame`,
        unit: 'ms',
        subject: scrolled.subject.slice(0, n),
        baselineName: 'idle frames of the same page (animation-frame loop, no scrolling)',
        baseline: scrolled.baseline.slice(0, n),
        target: { better: 'lower', on: 'p95', limit: 16, maxRatio: null },
      }),
    );
  }
  return rows;
}

async function scrollPass(page: Page, browser: Browser, totale: number, plan: BozzePlan, log: Log): Promise<Scrolled> {
  const list = page.getByTestId(BOZZE.lista);
  await list.evaluate((el) => (el.scrollTop = 0));
  await sleep(300);
  await page.evaluate('performance.clearResourceTimings()');
  // Enough frames to go from the first draft to the last one.
  const framesPerSegment = Math.max(10, Math.ceil((totale * ROW_HEIGHT) / (plan.scrollStep * plan.scrollSegments)) + 2);
  const scrolled = await scrollFrames(page, browser, BOZZE, { segments: plan.scrollSegments, framesPerSegment, step: plan.scrollStep });
  const end = await list.evaluate((el) => el.scrollHeight - el.clientHeight);
  const top = Math.round(scrolled.scrollTop / ROW_HEIGHT).toLocaleString('en-US');
  const where = scrolled.scrollTop >= end - 1 ? 'the end of the list' : `row ${top} at the top, not the end`;
  log(`  scrolled to ${where} (${totale.toLocaleString('en-US')} drafts) in ${plan.scrollSegments} segments of ${framesPerSegment} frames`);
  log(`  ${phasesLine(scrolled.spent, scrolled.subject.length)}`);
  // The pages of 200 drafts the list asked for on the way (their answers land in scrolling frames).
  const loads = await page.evaluate<number[]>(
    `performance.getEntriesByType('resource').filter((e) => e.name.includes('${BOZZE.command}')).map((e) => e.duration)`,
  );
  const long = scrolled.subject.filter((ms) => ms > 16).length;
  const pages = loads.length > 0 ? `median ${summarize(loads).median.toFixed(1)} ms, slowest ${Math.max(...loads).toFixed(1)} ms` : 'none';
  log(`  ${long} of ${scrolled.subject.length} scrolling frames over 16 ms; pages of drafts loaded on the way: ${loads.length}, ${pages}`);
  return scrolled;
}
