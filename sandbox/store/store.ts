// The sandbox store: one better-sqlite3 database (a file or ':memory:') plus the clock.
// Reads and the helpers every operation shares live here; operations live beside it
// (seed.ts, booking.ts, appuntamenti.ts, admin.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import type { Appuntamento, Argomento, Comunicazione, Datore, Delega, Quesito, Rapporto, Sede } from '../../electron/common/model';
import type { SandboxClock } from '../clock';
import { DDL, SCHEMA_VERSION } from './ddl';

export type Principal =
  { kind: 'operatore'; username: string; operatoreId: string; intermediarioId: string } | { kind: 'cittadino'; username: string; datoreCf: string };

export type ChangeEntity = 'argomento' | 'sede' | 'delega' | 'datore' | 'rapporto' | 'quesito' | 'appuntamento' | 'comunicazione';

export interface StoreCounts {
  deleghe: number;
  datori: number;
  rapporti: number;
  quesiti: number;
  sedi: number;
  appuntamenti: number;
  appuntamentoQuesiti: number;
  appuntamentoAllegati: number;
  allegati: number;
  comunicazioni: number;
  idempotenza: number;
  changes: number;
  sessions: number;
}

export class Store {
  readonly db: Db;
  readonly clock: SandboxClock;
  /** The Rome day expiries were last applied for (see expireDeleghe). */
  private expiredFor: string | null = null;

  constructor(dataPath: string, clock: SandboxClock) {
    this.db = new Database(dataPath);
    this.clock = clock;
    if (dataPath !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === 0) {
      this.db.exec(DDL);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`sandbox database has schema version ${version}, expected ${SCHEMA_VERSION}`);
    }
  }

  close(): void {
    this.db.close();
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  isSeeded(): boolean {
    return this.meta('seeded') !== null;
  }

  /** A fresh id for a record created in the sandbox: deterministic, never clashing with seeded ones. */
  nextId(prefix: string): string {
    const row = this.db
      .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value')
      .get(prefix) as { value: number };
    return `${prefix}-s${String(row.value).padStart(6, '0')}`;
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  counts(): StoreCounts {
    const c = (table: string): number => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      deleghe: c('deleghe'),
      datori: c('datori'),
      rapporti: c('rapporti'),
      quesiti: c('quesiti'),
      sedi: c('sedi'),
      appuntamenti: c('appuntamenti'),
      appuntamentoQuesiti: c('appuntamento_quesiti'),
      appuntamentoAllegati: c('appuntamento_allegati'),
      allegati: c('allegati'),
      comunicazioni: c('comunicazioni'),
      idempotenza: c('idempotenza'),
      changes: c('changes'),
      sessions: c('sessions'),
    };
  }

  // ------------------------------------------------------------------ records

  private one<T>(sql: string, key: string): T | null {
    const row = this.db.prepare(sql).get(key) as { data: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.data) as T);
  }

  datore(cf: string): Datore | null {
    return this.one<Datore>('SELECT data FROM datori WHERE cf = ?', cf);
  }
  delega(id: string): Delega | null {
    return this.one<Delega>('SELECT data FROM deleghe WHERE id = ?', id);
  }
  rapporto(codice: string): Rapporto | null {
    return this.one<Rapporto>('SELECT data FROM rapporti WHERE codice = ?', codice);
  }
  quesito(id: string): Quesito | null {
    return this.one<Quesito>('SELECT data FROM quesiti WHERE id = ?', id);
  }
  argomento(codice: string): Argomento | null {
    return this.one<Argomento>('SELECT data FROM argomenti WHERE codice = ?', codice);
  }
  sede(id: string): Sede | null {
    return this.one<Sede>('SELECT data FROM sedi WHERE id = ?', id);
  }
  appuntamento(id: string): Appuntamento | null {
    return this.one<Appuntamento>('SELECT data FROM appuntamenti WHERE id = ?', id);
  }

  sedi(): Sede[] {
    return (this.db.prepare('SELECT data FROM sedi ORDER BY id').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Sede);
  }

  comunicazioniOf(appuntamentoId: string): Comunicazione[] {
    return (this.db.prepare('SELECT data FROM comunicazioni WHERE appuntamento_id = ? ORDER BY rowid').all(appuntamentoId) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Comunicazione,
    );
  }

  /** The intermediario holding the datore's attiva delega now, if any. */
  intermediarioAttivo(datoreCf: string): string | null {
    const row = this.db.prepare("SELECT intermediario_id AS id FROM deleghe WHERE datore_cf = ? AND stato = 'attiva' LIMIT 1").get(datoreCf) as
      { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Whether the caller may see and act for this datore right now. */
  canActFor(p: Principal, datoreCf: string): boolean {
    if (p.kind === 'cittadino') return p.datoreCf === datoreCf;
    return this.intermediarioAttivo(datoreCf) === p.intermediarioId;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Ends attiva deleghe whose dataScadenza has passed (valid through that day), as INPS's nightly
   * run would. Cheap to call often: it does the work once per Rome day of the sandbox clock.
   */
  expireDeleghe(): number {
    const today = this.clock.today();
    if (this.expiredFor === today) return 0;
    const rows = this.db.prepare("SELECT data FROM deleghe WHERE stato = 'attiva' AND json_extract(data, '$.dataScadenza') < ?").all(today) as {
      data: string;
    }[];
    this.db.transaction(() => {
      for (const row of rows) {
        const d = JSON.parse(row.data) as Delega;
        this.saveDelega({ ...d, stato: 'revocata', dataFine: d.dataScadenza, motivoFine: 'Delega scaduta.' });
      }
    })();
    this.expiredFor = today;
    return rows.length;
  }

  /** Appends one change; call inside the transaction that wrote the data. */
  appendChange(entity: ChangeEntity, audience: string, data: unknown): void {
    this.db.prepare('INSERT INTO changes (entity, audience, data) VALUES (?, ?, ?)').run(entity, audience, JSON.stringify(data));
  }

  /** A change to a datore's record goes to whoever holds the attiva delega at this moment. */
  appendDatoreChange(entity: ChangeEntity, datoreCf: string, data: unknown): void {
    const audience = this.intermediarioAttivo(datoreCf);
    if (audience !== null) this.appendChange(entity, audience, data);
  }

  saveDelega(d: Delega): void {
    this.db
      .prepare(
        `INSERT INTO deleghe (id, datore_cf, intermediario_id, stato, data) VALUES (@id, @datoreCf, @intermediarioId, @stato, @data)
         ON CONFLICT (id) DO UPDATE SET stato = excluded.stato, data = excluded.data`,
      )
      .run({ id: d.id, datoreCf: d.datoreCf, intermediarioId: d.intermediarioId, stato: d.stato, data: JSON.stringify(d) });
    this.appendChange('delega', d.intermediarioId, d);
  }

  saveQuesito(q: Quesito, datoreCf: string): void {
    this.db
      .prepare(
        `INSERT INTO quesiti (id, codice_rapporto, data) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
      )
      .run(q.id, q.codiceRapporto, JSON.stringify(q));
    this.appendDatoreChange('quesito', datoreCf, q);
  }

  /** An appointment's attachments as the feed carries them (#14): name, type, size, SHA-256, in order. */
  allegatiDi(appuntamentoId: string): { sha256: string; mime: string; dimensione: number; nomeFile: string }[] {
    return this.db
      .prepare(
        `SELECT l.sha256, f.mime, f.dimensione, l.nome_file AS nomeFile FROM appuntamento_allegati l
         JOIN allegati f ON f.sha256 = l.sha256 WHERE l.appuntamento_id = ? ORDER BY l.posizione`,
      )
      .all(appuntamentoId) as { sha256: string; mime: string; dimensione: number; nomeFile: string }[];
  }

  /**
   * `allegati`: given by a booking, whose links are written after the appointment; otherwise read.
   * The change carries them so every PC of the office sees them, not only the one that booked.
   */
  saveAppuntamento(a: Appuntamento, allegati = this.allegatiDi(a.id)): void {
    this.db
      .prepare(
        `INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, giorno, ora, stato, gestito, data)
         VALUES (@id, @codiceRapporto, @datoreCf, @sedeId, @data, @ora, @stato, @gestito, @json)
         ON CONFLICT (id) DO UPDATE SET stato = excluded.stato, data = excluded.data`,
      )
      .run({
        id: a.id,
        codiceRapporto: a.codiceRapporto,
        datoreCf: a.datoreCf,
        sedeId: a.sedeId,
        data: a.data,
        ora: a.ora,
        stato: a.stato,
        gestito: a.gestitoDaIntermediario ? 1 : 0,
        json: JSON.stringify(a),
      });
    this.appendDatoreChange('appuntamento', a.datoreCf, { ...a, allegati });
  }

  saveComunicazione(c: Comunicazione, datoreCf: string): void {
    this.db.prepare('INSERT INTO comunicazioni (id, appuntamento_id, data) VALUES (?, ?, ?)').run(c.id, c.appuntamentoId, JSON.stringify(c));
    this.appendDatoreChange('comunicazione', datoreCf, c);
  }

  addStorico(appuntamentoId: string, stato: string, motivo: string | null, da: string | null): void {
    this.db
      .prepare('INSERT INTO storico (appuntamento_id, stato, il, motivo, da) VALUES (?, ?, ?, ?, ?)')
      .run(appuntamentoId, stato, this.nowIso(), motivo, da);
  }

  #conAllegati(json: string): Appuntamento & { allegati: unknown[] } {
    const a = JSON.parse(json) as Appuntamento;
    return { ...a, allegati: this.allegatiDi(a.id) };
  }

  /** The datore's own record for an intermediario about to receive one of its deleghe (sent first). */
  appendDatore(datoreCf: string, audience: string): void {
    const datore = this.db.prepare('SELECT data FROM datori WHERE cf = ?').get(datoreCf) as { data: string } | undefined;
    if (datore !== undefined) this.db.prepare('INSERT INTO changes (entity, audience, data) VALUES (?, ?, ?)').run('datore', audience, datore.data);
  }

  /**
   * A datore's current records as changes for one intermediario: written when a delega becomes
   * attiva, so the newly delegated office receives what it could not see before. Parents come
   * before children (rapporti, quesiti, appuntamenti, comunicazioni).
   */
  appendSnapshot(datoreCf: string, audience: string): void {
    const insert = this.db.prepare('INSERT INTO changes (entity, audience, data) VALUES (?, ?, ?)');
    const groups: [ChangeEntity, string][] = [
      ['rapporto', 'SELECT data FROM rapporti WHERE datore_cf = ? ORDER BY codice'],
      ['quesito', 'SELECT q.data FROM quesiti q JOIN rapporti r ON r.codice = q.codice_rapporto WHERE r.datore_cf = ? ORDER BY q.id'],
      ['appuntamento', 'SELECT data FROM appuntamenti WHERE datore_cf = ? ORDER BY id'],
      ['comunicazione', 'SELECT c.data FROM comunicazioni c JOIN appuntamenti a ON a.id = c.appuntamento_id WHERE a.datore_cf = ? ORDER BY c.rowid'],
    ];
    for (const [entity, sql] of groups) {
      for (const row of this.db.prepare(sql).all(datoreCf) as { data: string }[]) {
        // An appointment's change carries its attachments' metadata (#14), as saveAppuntamento's does.
        const data = entity === 'appuntamento' ? JSON.stringify(this.#conAllegati(row.data)) : row.data;
        insert.run(entity, audience, data);
      }
    }
  }
}
