// 1. Filtered searches in the core (the command through the dispatcher) against a hand-written
//    prepared statement giving the same rows; 2. the same searches through the browser host's
//    HTTP command route against the bare core call.
import type { Core } from '../electron/core/app';
import { silentLogger } from '../electron/core/log';
import { startBrowserHost } from '../electron/host/server';
import { paired, timed, timedSync } from './measure';
import { baselineQuery, idsOf, type SearchCase } from './searches';
import { makeRow, type Row } from './table';

export interface SearchPlan {
  warmup: number;
  samples: number;
  /** The p95 target: 5 ms at office size, 8 ms for the large office (#17). */
  p95LimitMs?: number;
}

const CORE_TARGET = { better: 'lower', on: 'p95', limit: 5, maxRatio: 1.5 } as const;

function sameRows(a: { ids: string[]; totale: number }, b: { ids: string[]; totale: number }): string | null {
  if (a.totale !== b.totale) return `totals differ: core ${a.totale}, baseline ${b.totale}`;
  if (a.ids.join() !== b.ids.join()) return `the baseline returned other rows (${b.ids.length} vs ${a.ids.length}, first ${b.ids[0]} vs ${a.ids[0]})`;
  return null;
}

export async function measureCoreSearch(core: Core, cases: readonly SearchCase[], plan: SearchPlan, log: (line: string) => void): Promise<Row[]> {
  const dispatch = core.dispatcher('app');
  const rows: Row[] = [];
  for (const c of cases) {
    const baseline = baselineQuery(core.ctx.sqlite, c);
    const answer = await dispatch(c.command, c.input);
    if (!answer.ok) throw new Error(`${c.command} ${JSON.stringify(c.input)}: ${answer.error.message}`);
    const mismatch = sameRows(idsOf(c, answer.value), baseline.run());
    const result = await paired({
      warmup: plan.warmup,
      samples: plan.samples,
      subject: timed(() => dispatch(c.command, c.input)),
      baseline: timedSync(() => baseline.run()),
    });
    const row = makeRow({
      group: '1 search in the core (first page of 100, sorted, with the total)',
      name: `${c.command === 'appuntamenti.cerca' ? 'appuntamenti: ' : ''}${c.name}`,
      unit: 'ms',
      subject: result.subject,
      baselineName: 'hand-written better-sqlite3 prepared statements (page + count) returning the same rows',
      baseline: result.baseline,
      target: { ...CORE_TARGET, limit: plan.p95LimitMs ?? CORE_TARGET.limit },
      ...(mismatch ? { warning: mismatch } : {}),
    });
    log(
      `  ${row.name}: median ${row.median.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms, ratio ${row.ratio.toFixed(2)} (${idsOf(c, answer.value).totale} rows)`,
    );
    rows.push(row);
  }
  return rows;
}

export async function measureTransport(core: Core, cases: readonly SearchCase[], plan: SearchPlan): Promise<Row[]> {
  const host = await startBrowserHost({ core, rendererDir: null, logger: silentLogger });
  const dispatch = core.dispatcher('app');
  try {
    const post = async (c: SearchCase) => {
      const response = await fetch(`${host.origin}/api/${c.command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
        body: JSON.stringify(c.input),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`POST /api/${c.command}: ${response.status}`);
    };
    const rows: Row[] = [];
    for (const command of ['appuntamenti.cerca', 'clienti.cerca'] as const) {
      const mine = cases.filter((c) => c.command === command);
      if (mine.length === 0) continue;
      // Round robin over the filter combinations: every pair is one combination both ways.
      let i = 0;
      let current = mine[0]!;
      const result = await paired({
        warmup: plan.warmup,
        samples: plan.samples,
        between: () => {
          current = mine[i++ % mine.length]!;
        },
        subject: timed(() => post(current)),
        baseline: timed(() => dispatch(current.command, current.input)),
      });
      rows.push(
        makeRow({
          group: '2 the same searches through the browser host (HTTP command route, loopback)',
          name: `${command} over HTTP, ${mine.length} filter combinations`,
          unit: 'ms',
          subject: result.subject,
          baselineName: 'the bare core call (dispatcher) of the same search',
          baseline: result.baseline,
          target: null,
        }),
      );
    }
    return rows;
  } finally {
    await host.close();
  }
}
