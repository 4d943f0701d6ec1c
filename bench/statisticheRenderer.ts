// Statistiche (#15) in Chromium against the browser host serving the office dataset: from switching
// a filter to the four blocks' charts painted. The screen marks itself loaded (data-caricamento)
// and each chart drawn (data-pronto: ECharts' `finished` event, its canvas complete); the time is
// taken in the page's clock from the select's change event to the frame after the one that shows both.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { api, launch, type HostInfo } from './page';
import { makeRow, type Row } from './table';

export interface StatisticheRendererPlan {
  /** Filter switches measured (after two warm-up ones). */
  switches: number;
}

const FILTRI: readonly (readonly [string, string])[] = [
  ['statistiche-periodo', '6mesi'],
  ['statistiche-periodo', '12mesi'],
];

/**
 * Sets the select as the operator would and resolves, in the page, with the milliseconds to the
 * frame after the screen loaded and every chart painted. (The bench's types have no DOM: the page's
 * globals are reached through globalThis; a string would be eval, which the CSP forbids.)
 */
function switchFilter(page: Page, testid: string, value: string): Promise<{ total: number; afterLoad: number }> {
  return page.evaluate(
    ({ testid, value }) =>
      new Promise<{ total: number; afterLoad: number }>((resolve, reject) => {
        const g = globalThis as any;
        const doc = g.document;
        const screen = () => doc.querySelector('[data-testid="statistiche"]');
        const select = doc.querySelector(`[data-testid="${testid}"]`);
        if (!select) return reject(new Error(`no ${testid}`));
        let seenLoading = false;
        let loaded = 0;
        // Vue sets data-caricamento in a microtask after the change: the observer sees it even when
        // the load ends before a frame, and when the answers are in the DOM (the charts still to draw).
        const obs = new g.MutationObserver(() => {
          const state = screen()?.getAttribute('data-caricamento');
          if (state === 'si') seenLoading = true;
          else if (seenLoading && state === 'no' && loaded === 0) loaded = performance.now();
        });
        obs.observe(doc.body, { attributes: true, subtree: true, attributeFilter: ['data-caricamento'] });
        const t0 = performance.now();
        select.value = value;
        select.dispatchEvent(new g.Event('change', { bubbles: true }));
        const check = () => {
          const charts: any[] = [...doc.querySelectorAll('[data-grafico]')];
          if (seenLoading && screen()?.getAttribute('data-caricamento') === 'no' && charts.every((c) => c.getAttribute('data-pronto') === 'si')) {
            obs.disconnect();
            return g.requestAnimationFrame(() => {
              const now = performance.now();
              resolve({ total: now - t0, afterLoad: now - (loaded || now) });
            });
          }
          if (performance.now() - t0 > 30_000) return reject(new Error('charts not painted within 30 s'));
          g.requestAnimationFrame(check);
        };
        g.requestAnimationFrame(check);
      }),
    { testid, value },
  );
}

/** The four commands of one load, fetched by the page and parsed, nothing rendered: milliseconds. */
function fetchOnly(page: Page, host: HostInfo, filtri: object): Promise<number> {
  return page.evaluate(
    async ({ token, body }) => {
      const t0 = performance.now();
      const commands = ['statistiche.sedi', 'statistiche.andamento', 'statistiche.argomenti', 'statistiche.operatori'];
      await Promise.all(
        commands.map(async (c) => {
          const r = await fetch(`/api/${c}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
          await r.json();
        }),
      );
      return performance.now() - t0;
    },
    { token: host.token, body: JSON.stringify(filtri) },
  );
}

/**
 * Filter switch → charts painted on the Statistiche screen (12 ⇄ 6 months, all sedi), p50/p95 over
 * `plan.switches`, with the same four requests fetched by the page as the baseline. Target ≤ 100 ms p95.
 */
export async function measureStatisticheRenderer(host: HostInfo, plan: StatisticheRendererPlan, log: (line: string) => void): Promise<Row[]> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.pageUrl);
    // tsx compiles this file keeping function names: the functions sent to the page call esbuild's
    // `__name` helper, which the page does not have (under vitest it is not emitted).
    await page.evaluate(() => {
      (globalThis as { __name?: unknown }).__name = (f: unknown) => f;
    });
    await page.getByRole('link', { name: 'Statistiche' }).click();
    await page.locator('[data-testid="statistiche"][data-caricamento="no"]').waitFor();
    const sedi = await api<{ righe: unknown[]; totale: { prenotati: number } }>(host, 'statistiche.sedi', { periodo: '12mesi' });
    log(`  statistiche: 12 months, ${sedi.righe.length} sedi, ${sedi.totale.prenotati} appointments booked`);
    const subject: number[] = [];
    const afterLoad: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < plan.switches + 2; i++) {
      const [testid, value] = FILTRI[i % FILTRI.length]!;
      const fetchMs = await fetchOnly(page, host, { periodo: value });
      const ms = await switchFilter(page, testid, value);
      if (i >= 2) {
        subject.push(ms.total);
        afterLoad.push(ms.afterLoad);
        baseline.push(fetchMs);
      }
      await sleep(100);
    }
    if (errors.length > 0) log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    const group = 'Statistiche in Chromium (browser host, the dataset)';
    const baselineName = 'the same four statistiche requests fetched by the page, not rendered';
    return [
      makeRow({
        group,
        name: 'filter switch (12 ⇄ 6 months) → four blocks loaded and charts painted',
        unit: 'ms',
        subject,
        baselineName,
        baseline,
        target: { better: 'lower', on: 'p95', limit: 100, maxRatio: null },
      }),
      makeRow({ group, name: 'of which: answers in the DOM → charts painted', unit: 'ms', subject: afterLoad, baselineName, baseline, target: null }),
    ];
  } finally {
    await browser.close();
  }
}
