import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { ExpressionBuilder } from 'kysely';
import type { AuditLogTable, Database } from '../../../db/schema';
import { CATENA_INIZIO, hashRiga, type RigaCatena } from '../../../db/registroCatena';
import type { Pagina, RegistroRiga } from '../../common/commands/types';
import { nominativo } from './fragments';
import type { Queries } from './queries';
import { codiciPerTesto, testoDatore } from './search';
import type { SessioneStore } from './sessione';

/** One action to record: what was done, to which object of which client, and how it ended. */
export interface VoceRegistro {
  azione: string;
  entita: string;
  entitaId?: string | null;
  clienteCf?: string | null;
  esito?: 'ok' | 'errore';
  dettagli?: string | null;
  /**
   * Only where the action changes who is logged in: logout (the one leaving) and restore (the one
   * restoring, not whoever the backup remembers). Otherwise the sessione's login.
   */
  operatore?: string | null;
}

/** The registro screen's filters, as the handler turned them into stored values. */
export interface FiltroRegistro {
  operatore?: string | undefined;
  /** Client's name words (normalised) or codice fiscale prefix. */
  testo: string;
  azioni?: readonly string[] | undefined;
  esito?: 'ok' | 'errore' | undefined;
  /** At or after this instant, and before that one. */
  da?: string | undefined;
  a?: string | undefined;
  ordine: 'il' | '-il';
  limite: number;
  offset: number;
}

/** A row with the hash it carries, as the chain check reads it. */
export type RigaConHash = RigaCatena & { hash: string | null };

type Eb = ExpressionBuilder<Database & { r: AuditLogTable }, 'r'>;

/** The chain's last link: the next row chains to `hash` and takes an id above `id`. */
interface Coda {
  id: number;
  hash: string;
}

/**
 * The registro attività (#12): append-only, each row chained to the previous by SHA-256
 * (db/registroCatena.ts). The operator is the login in use (sessione), never a password.
 */
export class RegistroStore {
  #inserisci: BetterSqlite3.Statement | undefined;
  #coda: BetterSqlite3.Statement | undefined;
  #sequenza: BetterSqlite3.Statement | undefined;
  #pagina: BetterSqlite3.Statement | undefined;

  constructor(
    private readonly q: Queries,
    private readonly sessione: SessioneStore,
  ) {}

  registra(voce: VoceRegistro, il: string): void {
    this.registraMolte([voce], il);
  }

  /**
   * Several rows in one go, on hand-prepared statements: a batch of 500 drafts is measured
   * against plain prepared inserts (`npm run bench`, row 8; see BozzeStore.inserisciMolte).
   * The tail is read and the rows written in one IMMEDIATE transaction (a savepoint inside the
   * caller's): another process on the same database (the CLI) cannot chain to the same tail.
   */
  registraMolte(voci: readonly VoceRegistro[], il: string): void {
    if (voci.length === 0) return;
    const login = this.sessione.ultimo()?.username ?? null;
    this.q.transaction(() => {
      let { id, hash } = this.#codaAttuale();
      this.#inserisci ??= this.q.sqlite.prepare(
        'INSERT INTO audit_log (id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const voce of voci) {
        const riga: RigaCatena = {
          id: id + 1,
          il,
          operatore: voce.operatore !== undefined ? voce.operatore : login,
          azione: voce.azione,
          entita: voce.entita,
          entita_id: voce.entitaId ?? null,
          cliente_cf: voce.clienteCf ?? null,
          esito: voce.esito ?? 'ok',
          dettagli: voce.dettagli ?? null,
        };
        hash = hashRiga(hash, riga);
        id = riga.id;
        this.#inserisci.run(id, il, riga.operatore, riga.azione, riga.entita, riga.entita_id, riga.cliente_cf, riga.esito, riga.dettagli, hash);
      }
    });
  }

  /**
   * The last row's hash, and the highest id ever given (AUTOINCREMENT's sequence): the next id
   * is above it, so rows removed from the end leave a gap that `registro.verifica` reports.
   */
  #codaAttuale(): Coda {
    const coda = this.ultima();
    return { id: Math.max(coda?.id ?? 0, this.sequenza()), hash: coda?.hash ?? CATENA_INIZIO };
  }

  /** The last row (id and hash), or null while the registro is empty. */
  ultima(): { id: number; hash: string | null } | null {
    this.#coda ??= this.q.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    return (this.#coda.get() as { id: number; hash: string | null } | undefined) ?? null;
  }

  /** The hash row `id` carries; undefined when there is no such row. */
  hashDi(id: number): string | null | undefined {
    return this.q.first(this.q.db.selectFrom('audit_log').select('hash').where('id', '=', id))?.hash;
  }

  /** The highest id ever given (AUTOINCREMENT's sequence), 0 when none. */
  sequenza(): number {
    this.#sequenza ??= this.q.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck();
    return (this.#sequenza.get() as number | undefined) ?? 0;
  }

  /** Reads in one snapshot (a deferred transaction): rows committed meanwhile by another process are not half-seen. */
  instantanea<T>(lettura: () => T): T {
    return this.q.sqlite.transaction(lettura).deferred();
  }

  /**
   * Every row in id order, as arrays in RigaCatena's column order (raw rows: at 100,000 rows
   * better-sqlite3's objects cost more than the reading), a page at a time so memory stays flat.
   */
  *perVerifica(): Generator<RigaConHash> {
    this.#pagina ??= this.q.sqlite
      .prepare('SELECT id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT 5000')
      .raw();
    let dopo = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const righe = this.#pagina.all(dopo) as [
        number,
        string,
        string | null,
        string,
        string,
        string | null,
        string | null,
        string,
        string | null,
        string | null,
      ][];
      for (const [id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli, hash] of righe) {
        yield { id, il, operatore, azione, entita, entita_id, cliente_cf, esito, dettagli, hash };
      }
      if (righe.length < 5000) return;
      dopo = righe.at(-1)![0];
    }
  }

  cerca(f: FiltroRegistro): Pagina<RegistroRiga> {
    const dir = f.ordine === 'il' ? 'asc' : 'desc';
    const righe = this.q.all(
      this.q.db
        .selectFrom('audit_log as r')
        .leftJoin('datori as d', 'd.codice_fiscale', 'r.cliente_cf')
        .select([
          'r.id',
          'r.il',
          'r.operatore',
          'r.azione',
          'r.entita',
          'r.entita_id as entitaId',
          'r.cliente_cf as clienteCf',
          'r.esito',
          'r.dettagli',
          nominativo('d').as('clienteNominativo'),
        ])
        .where((eb) => eb.and(condizioni(eb, f)))
        // By time, then id: each filter's index (operatore, cliente_cf, azione — each with il) is read in order up to the page's end.
        .orderBy('r.il', dir)
        .orderBy('r.id', dir)
        .limit(f.limite)
        .offset(f.offset),
    );
    const totale = this.q.first(
      this.q.db
        .selectFrom('audit_log as r')
        .where((eb) => eb.and(condizioni(eb, f)))
        .select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n;
    return { righe, totale: Number(totale ?? 0) };
  }

  /** The operators and actions found in the registro, for the screen's filters (each read from its index). */
  opzioni(): { operatori: string[]; azioni: string[] } {
    const operatori = this.q.all(this.q.db.selectFrom('audit_log').select('operatore').distinct().where('operatore', 'is not', null).orderBy('operatore'));
    const azioni = this.q.all(this.q.db.selectFrom('audit_log').select('azione').distinct().orderBy('azione'));
    return { operatori: operatori.map((r) => r.operatore!), azioni: azioni.map((r) => r.azione) };
  }

  /** The client a draft, appointment, rapporto or stored attachment belongs to (null when unknown). */
  clienteDi(chi: { bozza?: string; appuntamento?: string; rapporto?: string; allegato?: string }): string | null {
    const { db } = this.q;
    if (chi.bozza) return this.q.first(db.selectFrom('bozze').select('datore_cf as cf').where('id', '=', chi.bozza))?.cf ?? null;
    if (chi.appuntamento) return this.q.first(db.selectFrom('appuntamenti').select('datore_cf as cf').where('id', '=', chi.appuntamento))?.cf ?? null;
    if (chi.rapporto) return this.q.first(db.selectFrom('rapporti').select('datore_cf as cf').where('codice', '=', chi.rapporto))?.cf ?? null;
    if (chi.allegato) {
      // Stored once by content: the first draft or appointment holding it names the client.
      const daBozza = this.q.first(
        db
          .selectFrom('bozza_allegati as ba')
          .innerJoin('bozze as b', 'b.id', 'ba.bozza_id')
          .select('b.datore_cf as cf')
          .where('ba.sha256', '=', chi.allegato)
          .limit(1),
      );
      if (daBozza) return daBozza.cf;
      return (
        this.q.first(
          db
            .selectFrom('appuntamento_allegati as aa')
            .innerJoin('appuntamenti as a', 'a.id', 'aa.appuntamento_id')
            .select('a.datore_cf as cf')
            .where('aa.sha256', '=', chi.allegato)
            .limit(1),
        )?.cf ?? null
      );
    }
    return null;
  }
}

function condizioni(eb: Eb, f: FiltroRegistro) {
  const c = [];
  if (f.operatore) c.push(eb('r.operatore', '=', f.operatore));
  if (f.azioni && f.azioni.length > 0) c.push(eb('r.azione', 'in', [...f.azioni]));
  if (f.esito) c.push(eb('r.esito', '=', f.esito));
  if (f.da) c.push(eb('r.il', '>=', f.da));
  if (f.a) c.push(eb('r.il', '<', f.a));
  if (f.testo) {
    // The codice fiscale stays in the registro after the client's data are purged: matched on the row itself.
    const t = testoDatore(f.testo);
    c.push(eb.or([eb.and([eb('r.cliente_cf', '>=', t.cf), eb('r.cliente_cf', '<', t.cfFine)]), eb('r.cliente_cf', 'in', codiciPerTesto(t))]));
  }
  return c;
}
