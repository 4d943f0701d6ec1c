import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCore } from '../testing';

// The statistics are fast only because SQLite reads the rows in grouped order from migration 0009's
// expression indexes (and 0012's links by topic, count flag and outcome). An index on an expression is used only when the query
// writes the very same expression: reword a function of 0009 on one side only and every block falls
// back to sorting the whole period — slower by an order of magnitude, with the same figures, so no
// figure test would notice. This one reads the plans of the statements the four blocks run.

const core = useTestCore({ scope: 'suite' });
const INDICI = ['appuntamenti_giorno', 'appuntamenti_anticipo', 'slot_osservazioni_attesa', 'quesiti_tempo', 'appuntamento_quesiti_conta'];
let piani: string[] = [];

beforeAll(async () => {
  const caricati = await core.dispatcher('ops')('demo.carica', { seme: 5, dimensione: 'tiny', oggi: '2026-03-10' });
  if (!caricati.ok) throw new Error(caricati.error.message);
  const sqlite = core.ctx.sqlite;
  const eseguite: { sql: string; parametri: unknown[] }[] = [];
  // Every statement prepared from here on records the parameters it runs with.
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const metodo of ['all', 'get', 'iterate'] as const) {
      const originale = stmt[metodo].bind(stmt) as (...p: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[metodo] = (...parametri: unknown[]) => {
        eseguite.push({ sql, parametri });
        return originale(...parametri);
      };
    }
    return stmt;
  }) as BetterSqlite3.Database['prepare'];
  try {
    for (const blocco of ['statistiche.sedi', 'statistiche.andamento', 'statistiche.argomenti', 'statistiche.operatori']) {
      for (const filtri of [{ periodo: '12mesi' }, { periodo: '12mesi', sedeId: 'sede-001' }]) {
        const r = await core.dispatcher('app')(blocco, filtri);
        if (!r.ok) throw new Error(r.error.message);
      }
    }
  } finally {
    sqlite.prepare = prepare;
  }
  piani = eseguite.flatMap(({ sql, parametri }) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parametri) as { detail: string }[]).map((r) => r.detail),
  );
});

describe('the statistics statements', () => {
  it('read the period through the grouped-order indexes of migrations 0009 and 0012', () => {
    expect(piani.length).toBeGreaterThan(0);
    for (const indice of INDICI)
      expect(
        piani.some((d) => d.includes(indice)),
        `${indice} used`,
      ).toBe(true);
  });

  it('read the appointments and the observations from those indexes alone, the appointments grouped by outcome in their order (migration 0017)', () => {
    const lette = piani.filter((d) => /appuntamenti_(giorno|anticipo)\b|slot_osservazioni_attesa/.test(d));
    expect(lette.length).toBeGreaterThan(0);
    expect(lette.filter((d) => !d.includes('COVERING INDEX'))).toEqual([]);
  });

  it('never scan the appointments, the quesiti or their links table whole', () => {
    expect(piani.filter((d) => /^SCAN (appuntamenti|quesiti|appuntamento_quesiti)\b(?! USING)/.test(d))).toEqual([]);
  });

  it('look an appointment’s other links up by its primary key, never by the index of the whole topic', () => {
    expect(piani.filter((d) => /^SEARCH c USING .*appuntamento_quesiti_conta/.test(d))).toEqual([]);
    expect(piani.some((d) => /^SEARCH c USING PRIMARY KEY \(appuntamento_id=\?\)/.test(d))).toBe(true);
  });
});
