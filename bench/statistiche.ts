// Statistiche (#15): the whole screen (the four blocks over 12 months, all sedi) through the core's
// dispatcher, against hand-written SQL for the same figures as prepared statements on the same
// database; then switching one filter (a sede) the same way.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { StatisticheSedi } from '../electron/common/commands/statistiche';
import { addDays, romeDate, romeInstant } from '../electron/common/domain/calendario';
import type { Core } from '../electron/core/app';
import { mesiPrima } from '../electron/core/statistiche/periodo';
import { paired, timed, timedSync } from './measure';
import { makeRow, type Row } from './table';

export interface StatistichePlan {
  warmup: number;
  samples: number;
}

const TARGET = { better: 'lower', on: 'p95', limit: 300, maxRatio: 2 } as const;
const BLOCCHI = ['statistiche.sedi', 'statistiche.andamento', 'statistiche.argomenti', 'statistiche.operatori'] as const;

/** The Rome day of an instant column, written out (the same rule as the product: EU summer time). */
const roma = (t: string) =>
  `date(${t}, CASE WHEN ${t} >= date(substr(${t},1,4)||'-03-25','weekday 0')||'T01:00' AND ${t} < date(substr(${t},1,4)||'-10-25','weekday 0')||'T01:00' THEN '+2 hours' ELSE '+1 hour' END)`;
const CHIUSO_IL = `coalesce((SELECT min(s.il) FROM appuntamento_stati s WHERE s.appuntamento_id = a.id AND s.stato = 'chiuso_definito'), a.aggiornato_il)`;
const NEL_PERIODO = `a.creato_il >= @dalUtc AND a.creato_il < @alUtc AND (@sede IS NULL OR a.sede_id = @sede)`;
const PERCENTILI = `min(CASE WHEN r * 100 >= n * 50 THEN v END) AS p50, min(CASE WHEN r * 100 >= n * 90 THEN v END) AS p90`;

/** The figures of the four blocks, one plain statement each (no CTE shared, no materialisation). */
function baselineStatements(db: BetterSqlite3.Database): (params: Record<string, unknown>) => number {
  const statements = [
    // Per sede: bookings by outcome.
    `SELECT a.sede_id, count(*), sum(a.stato = 'confermato'), sum(a.stato = 'chiuso_definito' AND ${roma(CHIUSO_IL)} < a.data),
       sum(a.stato = 'chiuso_definito' AND ${roma(CHIUSO_IL)} >= a.data), sum(a.cancellato_da = 'utente'), sum(a.cancellato_da = 'sede')
     FROM appuntamenti a WHERE ${NEL_PERIODO} GROUP BY a.sede_id`,
    // Per sede: lead time percentiles.
    `SELECT k, ${PERCENTILI} FROM (
       SELECT a.sede_id AS k, julianday(a.data) - julianday(${roma('a.creato_il')}) AS v,
         row_number() OVER (PARTITION BY a.sede_id ORDER BY julianday(a.data) - julianday(${roma('a.creato_il')})) AS r, count(*) OVER (PARTITION BY a.sede_id) AS n
       FROM appuntamenti a WHERE ${NEL_PERIODO}) GROUP BY k`,
    // Per sede: wait percentiles.
    `SELECT k, ${PERCENTILI} FROM (
       SELECT o.sede_id AS k, coalesce(o.attesa_giorni, julianday(o.al) - julianday(${roma('o.osservata_il')}) + 1) AS v,
         row_number() OVER (PARTITION BY o.sede_id ORDER BY coalesce(o.attesa_giorni, julianday(o.al) - julianday(${roma('o.osservata_il')}) + 1)) AS r,
         count(*) OVER (PARTITION BY o.sede_id) AS n
       FROM slot_osservazioni o WHERE o.osservata_il >= @dalUtc AND o.osservata_il < @alUtc AND (@sede IS NULL OR o.sede_id = @sede)) GROUP BY k`,
    // All sedi: lead time percentiles.
    `SELECT ${PERCENTILI} FROM (
       SELECT julianday(a.data) - julianday(${roma('a.creato_il')}) AS v, row_number() OVER (ORDER BY julianday(a.data) - julianday(${roma('a.creato_il')})) AS r,
         count(*) OVER () AS n FROM appuntamenti a WHERE ${NEL_PERIODO})`,
    // Trend by month.
    `SELECT substr(${roma('a.creato_il')}, 1, 7), count(*), sum(a.stato = 'chiuso_definito'), sum(a.cancellato_da = 'utente'), sum(a.cancellato_da = 'sede')
     FROM appuntamenti a WHERE ${NEL_PERIODO} GROUP BY 1`,
    // Per topic: counts, and answer time percentiles.
    `SELECT q.argomento, count(*), count(q.data_esito), sum(julianday(q.data_esito) - julianday(q.data_invio) > ar.termine_giorni), sum(q.esito = 'negativo'),
       sum(q.esito = 'in_attesa' AND julianday(@oggi) - julianday(q.data_invio) > ar.termine_giorni),
       sum(EXISTS (SELECT 1 FROM appuntamento_quesiti aq JOIN appuntamenti a ON a.id = aq.appuntamento_id WHERE aq.quesito_id = q.id AND (@sede IS NULL OR a.sede_id = @sede)))
     FROM quesiti q JOIN argomenti ar ON ar.codice = q.argomento
     WHERE q.data_invio BETWEEN @dal AND @al AND (@sede IS NULL OR EXISTS (SELECT 1 FROM appuntamento_quesiti aq JOIN appuntamenti a ON a.id = aq.appuntamento_id WHERE aq.quesito_id = q.id AND a.sede_id = @sede))
     GROUP BY q.argomento`,
    `SELECT k, ${PERCENTILI} FROM (
       SELECT q.argomento AS k, julianday(q.data_esito) - julianday(q.data_invio) AS v,
         row_number() OVER (PARTITION BY q.argomento ORDER BY julianday(q.data_esito) - julianday(q.data_invio)) AS r, count(*) OVER (PARTITION BY q.argomento) AS n
       FROM quesiti q WHERE q.data_invio BETWEEN @dal AND @al AND q.data_esito IS NOT NULL
         AND (@sede IS NULL OR EXISTS (SELECT 1 FROM appuntamento_quesiti aq JOIN appuntamenti a ON a.id = aq.appuntamento_id WHERE aq.quesito_id = q.id AND a.sede_id = @sede))) GROUP BY k`,
    // Per topic: how the appointments naming those quesiti ended.
    `SELECT x.argomento, x.stato, count(*) FROM (
       SELECT DISTINCT q.argomento, a.id, a.stato FROM quesiti q JOIN appuntamento_quesiti aq ON aq.quesito_id = q.id JOIN appuntamenti a ON a.id = aq.appuntamento_id
       WHERE q.data_invio BETWEEN @dal AND @al AND (@sede IS NULL OR a.sede_id = @sede)) x GROUP BY 1, 2`,
    // Per operator: bookings and cancellations; refusals.
    `SELECT a.operatore_id, count(*), sum(a.cancellato_da = 'utente') FROM appuntamenti a WHERE ${NEL_PERIODO} AND a.operatore_id IS NOT NULL GROUP BY 1`,
    `SELECT b.operatore_id, coalesce(c.descrizione, b.errore_messaggio), count(*) FROM cambiamenti c JOIN bozze b ON b.id = c.bozza_id
     WHERE c.tipo = 'rifiutato' AND c.rilevato_il >= @dalUtc AND c.rilevato_il < @alUtc AND (@sede IS NULL OR b.sede_id = @sede) GROUP BY 1, 2`,
  ].map((sql) => db.prepare(sql));
  return (params) => statements.reduce((n, s) => n + s.all(params).length, 0);
}

/**
 * A synced cache has no slot observations (the app records them as it is used): without them the
 * wait figures would cost nothing. One per office booking since `dalUtc`, the wait a fixed function
 * of the row (deterministic), on the run's own copy of the database. Returns how many were added.
 */
function seedObservations(db: BetterSqlite3.Database, dalUtc: string): number {
  if (db.prepare('SELECT 1 FROM slot_osservazioni LIMIT 1').get()) return 0;
  return db
    .prepare(
      `INSERT INTO slot_osservazioni (sede_id, osservata_il, dal, al, primo_libero, attesa_giorni)
       SELECT sede_id, creato_il, date(creato_il, '+1 day'), date(creato_il, '+30 days'),
         CASE WHEN rowid % 17 = 0 THEN NULL ELSE date(creato_il, '+' || (1 + (rowid * 7919) % 23) || ' days') END,
         CASE WHEN rowid % 17 = 0 THEN NULL ELSE 1 + (rowid * 7919) % 23 END
       FROM appuntamenti WHERE gestito_da_intermediario = 1 AND creato_il >= ?`,
    )
    .run(dalUtc).changes;
}

/**
 * Rows: the whole screen (four commands, 12 months, all sedi) against the baseline; then the same
 * after switching the sede filter (round robin over the ten busiest sedi). Targets: p95 ≤ 300 ms and
 * ≤ 2× the baseline.
 */
export async function measureStatistiche(core: Core, plan: StatistichePlan, log: (line: string) => void): Promise<Row[]> {
  const dispatch = core.dispatcher('app');
  const oggi = romeDate(core.ctx.clock.now());
  const dal = addDays(mesiPrima(oggi, 12), 1);
  const base = { dal, al: oggi, oggi, dalUtc: romeInstant(dal, '00:00'), alUtc: romeInstant(addDays(oggi, 1), '00:00') };
  const osservazioni = seedObservations(core.ctx.sqlite, base.dalUtc);
  if (osservazioni > 0) log(`  ${osservazioni} slot observations added (one per office booking of the last 12 months; a synced cache has none)`);
  const baseline = baselineStatements(core.ctx.sqlite);
  const screen = async (input: Record<string, unknown>) => {
    for (const command of BLOCCHI) {
      const answer = await dispatch(command, input);
      if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
    }
  };
  const first = await dispatch('statistiche.sedi', { periodo: '12mesi' });
  if (!first.ok) throw new Error(first.error.message);
  const sedi = (first.value as StatisticheSedi).righe.slice(0, 10).map((r) => r.sedeId);
  const prenotati = (first.value as StatisticheSedi).totale.prenotati;
  if (sedi.length === 0) throw new Error('no booking in the last 12 months: nothing to measure');

  const rows: Row[] = [];
  const all = await paired({
    warmup: plan.warmup,
    samples: plan.samples,
    subject: timed(() => screen({ periodo: '12mesi' })),
    baseline: timedSync(() => baseline({ ...base, sede: null })),
  });
  rows.push(
    makeRow({
      group: 'Statistiche (the screen’s four blocks in the core)',
      name: `12 months, all sedi (${prenotati} bookings)`,
      unit: 'ms',
      subject: all.subject,
      baselineName: 'hand-written better-sqlite3 prepared statements for the same figures',
      baseline: all.baseline,
      target: TARGET,
    }),
  );
  let sede = sedi[0]!;
  const switched = await paired({
    warmup: plan.warmup,
    samples: plan.samples,
    between: (i) => {
      sede = sedi[Math.abs(i) % sedi.length]!;
    },
    subject: timed(() => screen({ periodo: '12mesi', sedeId: sede })),
    baseline: timedSync(() => baseline({ ...base, sede })),
  });
  rows.push(
    makeRow({
      group: 'Statistiche (the screen’s four blocks in the core)',
      name: 'switching the sede filter (12 months, one of the ten busiest sedi)',
      unit: 'ms',
      subject: switched.subject,
      baselineName: 'the same statements with the sede bound',
      baseline: switched.baseline,
      target: TARGET,
    }),
  );
  for (const row of rows) log(`  ${row.name}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ratio ${row.ratio.toFixed(2)}`);
  return rows;
}
