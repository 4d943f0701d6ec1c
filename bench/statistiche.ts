// Statistiche (#15): the whole screen (the four blocks over 12 months, all sedi) through the core's
// dispatcher, against hand-written SQL for the same figures as prepared statements on the same
// database; then switching one filter (a sede) the same way.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { StatisticheSedi } from '../electron/common/commands/statistiche';
import { anticipoSql, attesaOsservataSql, giornoPrenotazioneSql, tempoRispostaSql } from '../db/migrations/0009_statistiche_ordine';
import { addDays, romeDate, romeInstant } from '../electron/common/domain/calendario';
import type { Core } from '../electron/core/app';
import { mesiPrima } from '../electron/core/statistiche/periodo';
import { cacheStatisticheKb } from '../electron/core/store/statisticheCache';
import { dimensioneByte } from '../db/cacheAdatta';
import { paired, timed, timedSync, type PairedOptions } from './measure';
import { makeRow, type Row, type RowInput } from './table';

export interface StatistichePlan {
  warmup: number;
  samples: number;
}

const TARGET = { better: 'lower', on: 'p95', limit: 300, maxRatio: 2 } as const;
const BLOCCHI = ['statistiche.sedi', 'statistiche.andamento', 'statistiche.argomenti', 'statistiche.operatori'] as const;

/** The schema's indexed expressions (migration 0009): hand-written SQL writes the same ones to use its indexes. */
const ANT = anticipoSql('a.');
const GIORNO = giornoPrenotazioneSql('a.');
const ATTESA = attesaOsservataSql('o.');
const TEMPO = tempoRispostaSql('q.');
const NEL_PERIODO = `a.creato_il >= @dalUtc AND a.creato_il < @alUtc AND (@sede IS NULL OR a.sede_id = @sede)`;
/** Median and p90 per key over a histogram (k, v, n): each grouped in index order, then cumulated. */
const percentili = (
  istogramma: string,
) => `SELECT k, min(CASE WHEN c * 100 >= t * 50 THEN v END) AS p50, min(CASE WHEN c * 100 >= t * 90 THEN v END) AS p90 FROM (
    SELECT k, v, sum(n) OVER (PARTITION BY k ORDER BY v) AS c, sum(n) OVER (PARTITION BY k) AS t FROM (${istogramma}) WHERE v IS NOT NULL) GROUP BY k`;

/** The figures of the four blocks, one plain statement each (no CTE shared, no materialisation), on the schema's indexes. */
function baselineStatements(db: BetterSqlite3.Database): (params: Record<string, unknown>) => number {
  const statements = [
    // Per sede: bookings by the outcome the row carries (migration 0013), grouped by sede, lead time and outcome in index order (0017),
    // and lead time percentiles.
    `SELECT k, sum(n), sum(CASE WHEN e = 'confermato' THEN n END), sum(CASE WHEN e = 'chiuso_senza_visita' THEN n END), sum(CASE WHEN e = 'svolto' THEN n END),
       sum(CASE WHEN e = 'cancellato_ufficio' THEN n END), sum(CASE WHEN e = 'disdetto_sede' THEN n END) FROM (
       SELECT a.sede_id AS k, ${ANT} AS v, a.esito AS e, count(*) AS n FROM appuntamenti a WHERE ${NEL_PERIODO} GROUP BY 1, 2, 3) GROUP BY k`,
    percentili(`SELECT a.sede_id AS k, ${ANT} AS v, count(*) AS n FROM appuntamenti a WHERE ${NEL_PERIODO} GROUP BY 1, 2`),
    // All sedi: lead time percentiles.
    percentili(
      `SELECT NULL AS k, v, sum(n) AS n FROM (SELECT a.sede_id, ${ANT} AS v, count(*) AS n FROM appuntamenti a WHERE ${NEL_PERIODO} GROUP BY 1, 2) GROUP BY v`,
    ),
    // Per sede: wait percentiles.
    percentili(
      `SELECT o.sede_id AS k, ${ATTESA} AS v, count(*) AS n FROM slot_osservazioni o WHERE +o.osservata_il >= @dalUtc AND +o.osservata_il < @alUtc AND (@sede IS NULL OR o.sede_id = @sede) GROUP BY 1, 2`,
    ),
    // Trend by month (by booking day and outcome first, in index order).
    `SELECT substr(g, 1, 7), sum(n), sum(CASE WHEN e IN ('svolto', 'chiuso_senza_visita') THEN n END), sum(CASE WHEN e = 'cancellato_ufficio' THEN n END),
       sum(CASE WHEN e = 'disdetto_sede' THEN n END) FROM (
       SELECT ${GIORNO} AS g, a.esito AS e, count(*) AS n
       FROM appuntamenti a WHERE ${GIORNO} BETWEEN @dal AND @al AND (@sede IS NULL OR a.sede_id = @sede) GROUP BY 1, 2) GROUP BY 1`,
    // Per topic: counts, and answer time percentiles.
    `SELECT q.argomento, count(*), count(${TEMPO}), sum(${TEMPO} > ar.termine_giorni), sum(q.esito = 'negativo' AND q.data_esito IS NOT NULL),
       sum(q.esito = 'in_attesa' AND julianday(@oggi) - julianday(q.data_invio) > ar.termine_giorni),
       CASE WHEN @sede IS NULL THEN sum(q.con_appuntamento) ELSE count(*) END
     FROM quesiti q JOIN argomenti ar ON ar.codice = q.argomento
     WHERE +q.data_invio BETWEEN @dal AND @al AND (@sede IS NULL OR q.id IN (SELECT l.quesito_id FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta WHERE l.sede_id = @sede))
     GROUP BY q.argomento`,
    percentili(`SELECT q.argomento AS k, ${TEMPO} AS v, count(*) AS n FROM quesiti q WHERE +q.data_invio BETWEEN @dal AND @al
       AND (@sede IS NULL OR q.id IN (SELECT l.quesito_id FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta WHERE l.sede_id = @sede)) GROUP BY 1, 2`),
    // Per topic: how the appointments naming those quesiti ended (each pair once), from the links' own copy of the
    // topic, the sending day and the outcome (migration 0011) and the link marked per appointment and topic (0012);
    // then the pairs whose marked link was sent outside the period.
    `SELECT l.argomento, l.esito, count(*) FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta
       WHERE l.conta = 1 AND +l.data_invio BETWEEN @dal AND @al AND (@sede IS NULL OR l.sede_id = @sede) GROUP BY 1, 2`,
    `SELECT l.argomento, l.esito, count(DISTINCT l.appuntamento_id) FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta
       WHERE l.conta = 0 AND +l.data_invio BETWEEN @dal AND @al AND (@sede IS NULL OR l.sede_id = @sede)
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti c WHERE c.appuntamento_id = l.appuntamento_id AND +c.argomento = l.argomento AND +c.conta = 1
           AND c.data_invio BETWEEN @dal AND @al)
       GROUP BY 1, 2`,
    // Per operator: bookings and cancellations; refusals.
    `SELECT op, sum(n), sum(CASE WHEN e = 'cancellato_ufficio' THEN n END) FROM (SELECT ${GIORNO} AS g, a.esito AS e, a.operatore_id AS op, count(*) AS n
       FROM appuntamenti a WHERE ${GIORNO} BETWEEN @dal AND @al AND (@sede IS NULL OR a.sede_id = @sede) AND a.operatore_id IS NOT NULL GROUP BY 1, 2, 3) GROUP BY 1`,
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
 * Rows: the whole screen (four commands one after another, 12 months, all sedi) against the
 * baseline; the same four asked together, as the screen asks them; then one after another again
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
  // The screen's blocks read on readers sized by the screen's cache rule: the baseline's connection gets that cache too.
  core.ctx.sqlite.pragma(`cache_size = -${cacheStatisticheKb(dimensioneByte(core.ctx.sqlite))}`);
  const baseline = baselineStatements(core.ctx.sqlite);
  const screen = async (input: Record<string, unknown>) => {
    for (const command of BLOCCHI) {
      const answer = await dispatch(command, input);
      if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`);
    }
  };
  const screenTogether = async (input: Record<string, unknown>) => {
    const answers = await Promise.all(BLOCCHI.map((command) => dispatch(command, input)));
    const refused = answers.find((a) => !a.ok);
    if (refused && !refused.ok) throw new Error(refused.error.message);
  };
  const first = await dispatch('statistiche.sedi', { periodo: '12mesi' });
  if (!first.ok) throw new Error(first.error.message);
  const sedi = (first.value as StatisticheSedi).righe.slice(0, 10).map((r) => r.sedeId);
  const prenotati = (first.value as StatisticheSedi).totale.prenotati;
  if (sedi.length === 0) throw new Error('no booking in the last 12 months: nothing to measure');

  // One row: the subject against the baseline, paired and alternated (measure.ts).
  const row = async (
    r: Pick<RowInput, 'name' | 'baselineName' | 'target'> & Pick<PairedOptions, 'between'> & { subject: () => unknown; baseline: () => unknown },
  ) => {
    const m = await paired({
      warmup: plan.warmup,
      samples: plan.samples,
      ...(r.between ? { between: r.between } : {}),
      subject: timed(r.subject),
      baseline: timedSync(r.baseline),
    });
    return makeRow({
      group: 'Statistiche (the screen’s four blocks in the core)',
      name: r.name,
      unit: 'ms',
      ...m,
      baselineName: r.baselineName,
      target: r.target,
    });
  };
  const rows: Row[] = [
    await row({
      name: `12 months, all sedi (${prenotati} bookings)`,
      subject: () => screen({ periodo: '12mesi' }),
      baselineName: 'hand-written better-sqlite3 prepared statements for the same figures',
      baseline: () => baseline({ ...base, sede: null }),
      target: TARGET,
    }),
    // As the screen asks them: the four requests at once, each block on its reader (sqliteLettori.ts).
    await row({
      name: '12 months, all sedi, the four asked together as the screen does (each block on a reader thread)',
      subject: () => screenTogether({ periodo: '12mesi' }),
      baselineName: 'the hand-written statements, one after another on one connection',
      baseline: () => baseline({ ...base, sede: null }),
      target: null,
    }),
  ];
  let sede = sedi[0]!;
  rows.push(
    await row({
      name: 'switching the sede filter (12 months, one of the ten busiest sedi)',
      between: (i) => {
        sede = sedi[Math.abs(i) % sedi.length]!;
      },
      subject: () => screen({ periodo: '12mesi', sedeId: sede }),
      baselineName: 'the same statements with the sede bound',
      baseline: () => baseline({ ...base, sede }),
      target: TARGET,
    }),
  );
  for (const row of rows) log(`  ${row.name}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ratio ${row.ratio.toFixed(2)}`);
  return rows;
}
