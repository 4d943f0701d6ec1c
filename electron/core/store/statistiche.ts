import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type {
  Distribuzione,
  EsitiAppuntamenti,
  StatisticheAndamentoPunto,
  StatisticheOperatoreRiga,
  StatisticheSedeRiga,
  TassiEsiti,
} from '../../common/commands/statistiche';
import type { SedeRiga } from '../../common/commands/types';
import type { ArgomentoCodice, IsoDate } from '../../common/model';
import { parseModalita } from './fragments';
import type { Queries } from './queries';
import { indiciInAttesa } from '../../../db/indiciRinviati';
import { cachePerStatistiche } from './statisticheCache';
import type { Lettura, LettoriSqlite } from '../sqliteLettori';
import type { Logger } from '../log';
import {
  ANTICIPO,
  ATTESA_OSSERVAZIONE,
  CAMPI_ESITO,
  CODICE_ESITO,
  contaEsiti,
  CONTEGGI_ESITI,
  cumulata,
  filtriAppuntamenti,
  GIORNO_PRENOTAZIONE,
  giorniTra,
  PERCENTILI,
  RIPETI_ESITI,
  SOMME_ESITI,
  TEMPO_RISPOSTA,
} from './statisticheSql';

/** The filters as the SQL binds them: the period as Rome days and as the UTC instants that bound them. */
export interface FiltriSql {
  dal: IsoDate;
  al: IsoDate;
  /** The instant `dal` starts in Rome. */
  dalUtc: string;
  /** The instant the day after `al` starts in Rome (excluded). */
  alUtc: string;
  sede: string | null;
  operatore: string | null;
  argomento: ArgomentoCodice | null;
}

export type StatisticheSedeCifre = Omit<StatisticheSedeRiga, 'sedeId' | 'nome' | 'comune' | 'provincia'>;

interface RigaEsiti extends EsitiAppuntamenti {
  k: string | null;
  prenotati: number;
}
interface RigaDistribuzione {
  k: string | null;
  n: number;
  mediana: number | null;
  p90: number | null;
}

const NESSUNA: Distribuzione = { n: 0, mediana: null, p90: null };

export function esitiDi(r: EsitiAppuntamenti | undefined): EsitiAppuntamenti {
  return {
    confermati: r?.confermati ?? 0,
    chiusiSenzaVisita: r?.chiusiSenzaVisita ?? 0,
    svolti: r?.svolti ?? 0,
    cancellatiUfficio: r?.cancellatiUfficio ?? 0,
    disdettiSede: r?.disdettiSede ?? 0,
  };
}

/** Each outcome over the booked ones; all null when none was booked (never NaN). */
export function tassiDi(esiti: EsitiAppuntamenti, prenotati: number): TassiEsiti {
  const quota = (n: number) => (prenotati > 0 ? n / prenotati : null);
  return {
    confermati: quota(esiti.confermati),
    chiusiSenzaVisita: quota(esiti.chiusiSenzaVisita),
    svolti: quota(esiti.svolti),
    cancellatiUfficio: quota(esiti.cancellatiUfficio),
    disdettiSede: quota(esiti.disdettiSede),
  };
}

const distribuzioneDi = (r: RigaDistribuzione | undefined): Distribuzione => (r && r.n > 0 ? { n: r.n, mediana: r.mediana, p90: r.p90 } : NESSUNA);

/**
 * Each block's lane (sqliteLettori.ts), modulo the readers: with two, the sede block and the trend
 * on one, the topic and operator blocks on the other (~140 and ~110 ms of the office's 12-month
 * screen); each lane reads its own indexes, so each reader's cache holds its half of the pages.
 */
const CORSIA = { sedi: 0, argomenti: 1, andamento: 2, operatori: 3 } as const;

/**
 * The statistics' figures (#15), each block a few aggregate statements over the period's rows
 * (statisticheSql.ts). Statements are prepared once per shape and kept.
 */
export class StatisticheStore {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  #lettori: { lettori: LettoriSqlite; logger: Logger } | null = null;

  constructor(private readonly q: Queries) {}

  /** From now on the blocks are read on these worker connections (a file-backed core); without them, on the core's own. */
  usaLettori(lettori: LettoriSqlite, logger: Logger): void {
    this.#lettori = { lettori, logger };
  }

  /** How many readers are running now (0 without readers, or when they rest or failed). */
  lettoriAperti(): number {
    return this.#lettori?.lettori.aperte ?? 0;
  }

  /**
   * One block's statements, in one read transaction: on its lane's reader when there are readers,
   * else here. A reader that fails (it could not start, the file moved) is logged and the block is
   * read here instead: the figures are the same, only slower.
   */
  async #leggi(corsia: number, letture: readonly Lettura[]): Promise<unknown[][]> {
    if (this.#lettori) {
      try {
        return await this.#lettori.lettori.leggi(corsia, letture);
      } catch (error) {
        this.#lettori.logger.log('warn', 'statistics reader failed; reading on the core thread', { error: String((error as Error)?.message ?? error) });
      }
    }
    return this.q.sqlite.transaction(() => letture.map((l) => this.#stmt(l.sql).all(l.params)))();
  }

  #stmt(sql: string): BetterSqlite3.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.q.sqlite.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  /** Before a block's figures: the screen's page cache, for as long as it is in use (statisticheCache.ts). */
  apriSchermata(): void {
    // Readers size their own cache when they start (and drop it when they rest).
    if (!this.#lettori) cachePerStatistiche(this.q.sqlite);
  }

  /** Whether a first full sync is loading the cache: its read-only indexes are not built yet (db/indiciRinviati.ts). */
  inCaricamento(): boolean {
    return indiciInAttesa(this.q.sqlite);
  }

  /** Per sede (and all together, key null): outcomes, lead time, wait to the first free slot. */
  async sedi(f: FiltriSql): Promise<{ perSede: Map<string, StatisticheSedeCifre>; totale: StatisticheSedeCifre }> {
    // One read of appuntamenti_anticipo in its order (sede, lead time, outcome): the rows counted
    // per group, then the histogram per sede and lead time with the outcome counts; the total (key
    // null) is the same histogram summed by lead time.
    const conteggiSql = `WITH g AS MATERIALIZED (
        SELECT a.sede_id AS k, ${ANTICIPO} AS v, a.esito AS e, count(*) AS n
        FROM appuntamenti a WHERE ${filtriAppuntamenti(f, 'istante')} GROUP BY 1, 2, 3
      ),
      h AS MATERIALIZED (SELECT k, v, sum(n) AS n, ${SOMME_ESITI} FROM g GROUP BY k, v),
      tutte AS (
        SELECT * FROM h
        UNION ALL SELECT NULL, v, sum(n), ${RIPETI_ESITI((c) => `sum(${c})`)} FROM h GROUP BY v
      ),
      cum AS (${cumulata('tutte')})
      SELECT k, sum(n) AS prenotati, ${CONTEGGI_ESITI}, ${PERCENTILI} FROM cum GROUP BY k`;
    // The observations belong to the sede, not to an operator or a topic: only the sede filter applies.
    // One read of slot_osservazioni_attesa in its order (sede, wait); `+` keeps the period off the other indexes.
    const attesaSql = `WITH h AS MATERIALIZED (
        SELECT o.sede_id AS k, ${ATTESA_OSSERVAZIONE} AS v, count(*) AS n, sum(o.attesa_giorni IS NULL) AS senza FROM slot_osservazioni o
        WHERE +o.osservata_il >= @dalUtc AND +o.osservata_il < @alUtc ${f.sede === null ? '' : 'AND o.sede_id = @sede'} GROUP BY 1, 2
      ),
      tutte AS (SELECT * FROM h UNION ALL SELECT NULL, v, sum(n), sum(senza) FROM h GROUP BY v),
      cum AS (${cumulata('tutte')})
      SELECT k, sum(n) AS n, ${PERCENTILI}, sum(senza) AS senza FROM cum GROUP BY k`;
    const [conteggi, attesa] = (await this.#leggi(CORSIA.sedi, [
      { sql: conteggiSql, params: f },
      { sql: attesaSql, params: f },
    ])) as [(RigaEsiti & Omit<RigaDistribuzione, 'n'>)[], (RigaDistribuzione & { senza: number })[]];
    const anticipo: RigaDistribuzione[] = conteggi.map((r) => ({ k: r.k, n: r.prenotati, mediana: r.mediana, p90: r.p90 }));
    const esiti = new Map(conteggi.map((r) => [r.k, r]));
    const anticipi = new Map(anticipo.map((r) => [r.k, r]));
    const attese = new Map(attesa.map((r) => [r.k, r]));
    const senzaPer = new Map(attesa.map((r) => [r.k, r.senza]));
    const cifre = (k: string | null): StatisticheSedeCifre => {
      const e = esiti.get(k);
      const prenotati = e?.prenotati ?? 0;
      const es = esitiDi(e);
      return {
        prenotati,
        esiti: es,
        tassi: tassiDi(es, prenotati),
        anticipoGiorni: distribuzioneDi(anticipi.get(k)),
        attesaPrimoSlotGiorni: distribuzioneDi(attese.get(k)),
        osservazioniSenzaLibero: senzaPer.get(k) ?? 0,
        disdettePer100: prenotati > 0 ? (es.disdettiSede * 100) / prenotati : null,
      };
    };
    const ids = new Set([...esiti.keys(), ...attese.keys()].filter((k): k is string => k !== null));
    return { perSede: new Map([...ids].map((id) => [id, cifre(id)])), totale: cifre(null) };
  }

  /** Name, comune and province of some sedi (a few hundred at most). */
  nomiSedi(ids: readonly string[]): Map<string, { nome: string; comune: string; provincia: string }> {
    if (ids.length === 0) return new Map();
    const rows = this.#stmt('SELECT id, nome, comune, provincia FROM sedi WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: string;
      nome: string;
      comune: string;
      provincia: string;
    }[];
    return new Map(rows.map(({ id, ...r }) => [id, r]));
  }

  /** Bookings by week (starting Monday) or month (starting the 1st) of their booking day, the first bucket clipped to `dal`. */
  async andamento(f: FiltriSql, granularita: 'settimana' | 'mese'): Promise<StatisticheAndamentoPunto[]> {
    const inizio = granularita === 'settimana' ? `date(g, '-6 days', 'weekday 1')` : `substr(g, 1, 8) || '01'`;
    // By booking day and outcome first, in the order of appuntamenti_giorno (no sort); then the days
    // into buckets. Chiuso e Definito is either closing outcome; a cancellation naming nobody only books.
    const sql = `WITH giorni AS (
        SELECT ${GIORNO_PRENOTAZIONE} AS g, a.esito AS e, count(*) AS n
        FROM appuntamenti a WHERE ${filtriAppuntamenti(f, 'giorno')} GROUP BY 1, 2
      )
      SELECT max(@dal, ${inizio}) AS inizio, sum(n) AS prenotati, ${contaEsiti([CODICE_ESITO.svolti, CODICE_ESITO.chiusiSenzaVisita])} AS chiusi,
        ${contaEsiti([CODICE_ESITO.cancellatiUfficio])} AS cancellatiUfficio, ${contaEsiti([CODICE_ESITO.disdettiSede])} AS disdettiSede
      FROM giorni GROUP BY 1 ORDER BY 1`;
    const [punti] = await this.#leggi(CORSIA.andamento, [{ sql, params: f }]);
    return punti as StatisticheAndamentoPunto[];
  }

  /**
   * Per topic, the quesiti sent in the period (by `data_invio`, a Rome day). With a sede or an
   * operator, only the quesiti an appointment of that sede / operator names (booked at any time).
   * A termine of 0 or less counts as none. `oggi` decides which unanswered ones are already late.
   */
  async argomenti(f: FiltriSql, oggi: IsoDate): Promise<Map<ArgomentoCodice, RigaArgomentoSql>> {
    const p = { ...f, oggi };
    const filtrato = f.sede !== null || f.operatore !== null;
    // A link carries its appointment's sede and operator (migration 0011).
    const dell = [f.sede === null ? '' : 'l.sede_id = @sede', f.operatore === null ? '' : 'l.operatore_id = @operatore'].filter(Boolean).join(' AND ');
    const delPeriodo = `+q.data_invio >= @dal AND +q.data_invio <= @al${f.argomento === null ? '' : ' AND q.argomento = @argomento'}`;
    // With a sede / operator, only the quesiti one of its appointments names: all of them have an appointment.
    // Otherwise the flag migration 0012's triggers keep, read from quesiti_tempo with the rest.
    const conAppuntamento = filtrato ? 'count(*)' : 'sum(q.con_appuntamento)';
    const termine = `(SELECT CASE WHEN ar.termine_giorni > 0 THEN ar.termine_giorni END FROM argomenti ar WHERE ar.codice = q.argomento)`;
    // One read of quesiti_tempo in its order (topic, answer time; the unanswered are the NULL time):
    // the histogram per topic, then the counts and the percentiles over it. (With a sede or an
    // operator, their few quesiti by id, grouped apart.)
    const conteggiSql = `WITH h AS MATERIALIZED (
        SELECT q.argomento AS k, ${TEMPO_RISPOSTA} AS v, count(*) AS n,
          sum(q.esito = 'negativo' AND q.data_esito IS NOT NULL) AS negativi,
          sum(CASE WHEN q.esito = 'in_attesa' THEN ${giorniTra('q.data_invio', '@oggi')} > ${termine} ELSE 0 END) AS tardivi,
          ${conAppuntamento} AS conAppuntamento
        FROM quesiti q
        WHERE ${delPeriodo}${
          filtrato
            ? // The sede's (operator's) quesiti as one list from the links' covering index, not a probe
              // of the links and their appointment per quesito of the period: 256 -> 15 ms CPU for
              // the busiest sede at office size (same counts).
              ` AND q.id IN (SELECT l.quesito_id FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta WHERE ${dell})`
            : ''
        }
        GROUP BY 1, 2
      ),
      cum AS (${cumulata('h')})
      SELECT k AS argomento, sum(n) AS inviati, coalesce(sum(CASE WHEN v IS NOT NULL THEN n END), 0) AS risposti,
        coalesce(sum(CASE WHEN v > t.termine THEN n END), 0) AS rispostiOltreTermine,
        coalesce(sum(tardivi), 0) AS senzaRispostaOltreTermine,
        coalesce(sum(negativi), 0) AS negativi,
        coalesce(sum(conAppuntamento), 0) AS conAppuntamento,
        ${PERCENTILI}
      FROM cum LEFT JOIN (SELECT codice, CASE WHEN termine_giorni > 0 THEN termine_giorni END AS termine FROM argomenti) t ON t.codice = cum.k
      GROUP BY k`;
    // Each appointment once per topic, however many of its quesiti of that topic were sent in the
    // period. The links carry the topic, the sending day and the appointment's outcome, sede and
    // operator (migration 0011), and `conta` marks one per appointment and topic (0012): those in
    // the period, read in the order of their index (topic, conta, outcome), no grouping by
    // appointment; then the few appointments whose marked link was sent outside the period but
    // another of the same topic inside it (the unmarked links: ~2% of them), each looked up by the
    // primary key (the unary + keeps SQLite off the index by topic, as in 0012's triggers).
    const dellLink = [f.sede === null ? '' : ' AND l.sede_id = @sede', f.operatore === null ? '' : ' AND l.operatore_id = @operatore'].join('');
    const deiLink = `+l.data_invio >= @dal AND +l.data_invio <= @al${f.argomento === null ? '' : ' AND l.argomento = @argomento'}${dellLink}`;
    const esitiSql = `SELECT l.argomento AS k, l.esito, count(*) AS n FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta
      WHERE l.conta = 1 AND ${deiLink} GROUP BY 1, 2
      UNION ALL
      SELECT l.argomento, l.esito, count(DISTINCT l.appuntamento_id) FROM appuntamento_quesiti l INDEXED BY appuntamento_quesiti_conta
      WHERE l.conta = 0 AND ${deiLink} AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti c
        WHERE c.appuntamento_id = l.appuntamento_id AND +c.argomento = l.argomento AND +c.conta = 1 AND c.data_invio >= @dal AND c.data_invio <= @al)
      GROUP BY 1, 2`;
    const [conteggi, esiti] = (await this.#leggi(CORSIA.argomenti, [
      { sql: conteggiSql, params: p },
      { sql: esitiSql, params: p },
    ])) as [
      (Omit<RigaArgomentoSql, 'tempo' | 'esiti'> & { argomento: ArgomentoCodice; mediana: number | null; p90: number | null })[],
      { k: ArgomentoCodice | null; esito: string | null; n: number }[],
    ];
    const campo = new Map(CAMPI_ESITO);
    const esitiPer = new Map<ArgomentoCodice, EsitiAppuntamenti>();
    for (const { k, esito, n } of esiti) {
      const c = esito === null ? undefined : campo.get(esito);
      if (k === null || c === undefined) continue;
      const e = esitiPer.get(k) ?? esitiDi(undefined);
      e[c] += n;
      esitiPer.set(k, e);
    }
    return new Map(
      conteggi.map(({ mediana, p90, ...r }) => [
        r.argomento,
        { ...r, tempo: distribuzioneDi({ k: r.argomento, n: r.risposti, mediana, p90 }), esiti: esitiDi(esitiPer.get(r.argomento)) },
      ]),
    );
  }

  /** Every topic's description and termine (a handful of rows); a termine ≤ 0 is none. */
  termini(): Map<ArgomentoCodice, { descrizione: string; termineGiorni: number | null }> {
    const rows = this.#stmt('SELECT codice, descrizione, CASE WHEN termine_giorni > 0 THEN termine_giorni END AS termineGiorni FROM argomenti').all() as {
      codice: ArgomentoCodice;
      descrizione: string;
      termineGiorni: number | null;
    }[];
    return new Map(rows.map(({ codice, ...r }) => [codice, r]));
  }

  /**
   * Per operator: the appointments they booked in the period and those cancelled by the office; the
   * service's refusals of their drafts noticed in the period. A refusal is the `cambiamenti` row the
   * push writes when the service refuses a queued draft (one per refusal, at that instant, with the
   * service's reason in `descrizione`); the draft's `errore_messaggio` only holds the latest refusal
   * and is the fallback. Refusals of a reply to a sede name no draft and are not the operator's booking.
   */
  async operatori(f: FiltriSql): Promise<StatisticheOperatoreRiga[]> {
    const rifiuti = `rif AS MATERIALIZED (
        SELECT b.operatore_id AS op, coalesce(c.descrizione, b.errore_messaggio, '') AS motivo
        FROM cambiamenti c JOIN bozze b ON b.id = c.bozza_id
        WHERE c.tipo = 'rifiutato' AND c.rilevato_il >= @dalUtc AND c.rilevato_il < @alUtc AND b.operatore_id IS NOT NULL
          AND (@operatore IS NULL OR b.operatore_id = @operatore) AND (@sede IS NULL OR b.sede_id = @sede)
          AND (@argomento IS NULL OR EXISTS (SELECT 1 FROM json_each(b.quesiti) j JOIN quesiti q ON q.id = j.value WHERE q.argomento = @argomento))
      )`;
    const righeSql = `WITH ${rifiuti},
      giorni AS (
        SELECT ${GIORNO_PRENOTAZIONE} AS g, a.esito AS e, a.operatore_id AS op, count(*) AS n
        FROM appuntamenti a WHERE ${filtriAppuntamenti(f, 'giorno')} AND a.operatore_id IS NOT NULL GROUP BY 1, 2, 3
      ),
      pren AS (SELECT op, sum(n) AS n, ${contaEsiti([CODICE_ESITO.cancellatiUfficio])} AS canc FROM giorni GROUP BY op),
      nrif AS (SELECT op, count(*) AS n FROM rif GROUP BY op),
      ids AS (SELECT op FROM pren UNION SELECT op FROM nrif)
      SELECT ids.op AS operatoreId, o.nominativo, coalesce(p.n, 0) AS prenotazioni, coalesce(p.canc, 0) AS cancellazioni, coalesce(r.n, 0) AS rifiuti
      FROM ids LEFT JOIN pren p ON p.op = ids.op LEFT JOIN nrif r ON r.op = ids.op LEFT JOIN operatori o ON o.id = ids.op
      ORDER BY prenotazioni DESC, rifiuti DESC, ids.op`;
    const motiviSql = `WITH ${rifiuti} SELECT op, motivo, count(*) AS n FROM rif GROUP BY op, motivo ORDER BY op, n DESC, motivo`;
    const [righe, motivi] = (await this.#leggi(CORSIA.operatori, [
      { sql: righeSql, params: f },
      { sql: motiviSql, params: f },
    ])) as [Omit<StatisticheOperatoreRiga, 'motiviRifiuto'>[], { op: string; motivo: string; n: number }[]];
    const motiviDi = new Map<string, { motivo: string; n: number }[]>();
    for (const m of motivi) motiviDi.set(m.op, [...(motiviDi.get(m.op) ?? []), { motivo: m.motivo, n: m.n }]);
    return righe.map((r) => ({ ...r, motiviRifiuto: motiviDi.get(r.operatoreId) ?? [] }));
  }

  /**
   * Every sede with its province compared with `provincia`, the median wait of the observations since
   * `osservateDal` and the sede's cancellations of the appointments booked since `prenotateDal`:
   * same province first, then the shortest median wait (none last), then by name.
   */
  consigliate(provincia: string | null, osservateDal: string, prenotateDal: string): RigaConsigliata[] {
    const righe = this.#stmt(
      `WITH h AS MATERIALIZED (
        SELECT o.sede_id AS k, ${ATTESA_OSSERVAZIONE} AS v, count(*) AS n FROM slot_osservazioni o WHERE +o.osservata_il >= @osservateDal GROUP BY 1, 2
      ),
      cum AS (${cumulata('h')}),
      attese AS (SELECT k, sum(n) AS n, ${PERCENTILI} FROM cum GROUP BY k),
      prenotati AS (
        SELECT a.sede_id, count(*) AS n, coalesce(sum(a.esito = 'disdetto_sede'), 0) AS disdetti
        FROM appuntamenti a WHERE a.creato_il >= @prenotateDal GROUP BY a.sede_id
      )
      SELECT s.id, s.nome, s.indirizzo, s.comune, s.provincia, s.modalita, coalesce(s.provincia = @provincia, 0) AS stessaProvincia,
        at.mediana AS attesaMedianaGiorni, coalesce(at.n, 0) AS osservazioni, coalesce(p.n, 0) AS appuntamenti, coalesce(p.disdetti, 0) AS disdetti
      FROM sedi s LEFT JOIN attese at ON at.k = s.id LEFT JOIN prenotati p ON p.sede_id = s.id
      ORDER BY stessaProvincia DESC, at.mediana IS NULL, at.mediana, s.nome, s.id`,
    ).all({ provincia, osservateDal, prenotateDal }) as (Omit<RigaConsigliata, 'modalita'> & { modalita: string })[];
    return righe.map((r) => ({ ...r, modalita: parseModalita(r.modalita) }));
  }

  /** The client's province, from the datore's record; null when the client or the province is unknown. */
  provinciaDi(codiceFiscale: string): string | null {
    const p = this.#stmt('SELECT provincia FROM datori WHERE codice_fiscale = ?').pluck().get(codiceFiscale) as string | undefined;
    return p ? p : null;
  }

  /** An operator's name from the service's list; null when the list does not know them. */
  nomeOperatore(id: string): string | null {
    return (this.#stmt('SELECT nominativo FROM operatori WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  /**
   * The demo's generated observations (common/demo/osservazioni.ts), loaded with the demo data only;
   * loading the same demo again adds nothing (one observation per sede and instant).
   */
  registraOsservazioniDemo(lista: readonly OsservazioneSlot[]): void {
    const stmt = this.#stmt(
      `INSERT INTO slot_osservazioni (sede_id, osservata_il, dal, al, primo_libero, attesa_giorni)
       SELECT @sedeId, @osservataIl, @dal, @al, @primoLibero, @attesaGiorni
       WHERE NOT EXISTS (SELECT 1 FROM slot_osservazioni WHERE sede_id = @sedeId AND osservata_il = @osservataIl)`,
    );
    for (const o of lista) stmt.run(o);
  }

  /** One fetch of a sede's free slots (#15): one row, cheap enough to write inside any handler. */
  registraOsservazione(o: OsservazioneSlot): void {
    this.#stmt(
      `INSERT INTO slot_osservazioni (sede_id, osservata_il, dal, al, primo_libero, attesa_giorni)
       VALUES (@sedeId, @osservataIl, @dal, @al, @primoLibero, @attesaGiorni)`,
    ).run(o);
  }
}

export interface RigaArgomentoSql {
  inviati: number;
  risposti: number;
  rispostiOltreTermine: number;
  senzaRispostaOltreTermine: number;
  negativi: number;
  conAppuntamento: number;
  tempo: Distribuzione;
  esiti: EsitiAppuntamenti;
}

export interface RigaConsigliata extends SedeRiga {
  stessaProvincia: 0 | 1;
  attesaMedianaGiorni: number | null;
  osservazioni: number;
  appuntamenti: number;
  disdetti: number;
}

export interface OsservazioneSlot {
  sedeId: string;
  osservataIl: string;
  dal: IsoDate;
  al: IsoDate;
  primoLibero: IsoDate | null;
  attesaGiorni: number | null;
}
