import type { SyncProblemi } from '../../common/commands/types';
import { outboxIntentSchema, type OutboxIntent } from '../../common/outbox/intent';
import { nominativo } from './fragments';
import type { Queries } from './queries';

/** A queued row as the push reads it: its intent parsed, or why it could not be (a damaged row). */
export interface OutboxRiga {
  id: number;
  entitaId: string;
  idempotencyKey: string;
  tentativi: number;
  intent: OutboxIntent | null;
  /** Set when the stored payload does not match its kind (English, for the log and the row's last error). */
  invalid: string | null;
}

const ERROR_MAX = 500;

/** A reply to the sede as the outbox holds it: waiting, sent (the service's copy is in the cache) or refused. */
export interface ComunicazioneInCoda {
  id: string;
  testo: string;
  stato: 'in_attesa' | 'fatto' | 'fallito';
  /** The service's refusal as stored on the row ('CODE: detail'), or the last transient error. */
  errore: string | null;
  creataIl: string;
}

/** The outbox: one row per intent, written in the same transaction as the draft's change of state. */
export class OutboxStore {
  constructor(private readonly q: Queries) {}

  /**
   * Queues an intent. The idempotency key names the intent, so queuing twice is a no-op —
   * except that a create the service refused (fallito) is queued again with the corrected body:
   * the service stored nothing for a refused request, so the same key is still unused there.
   */
  accoda(intent: OutboxIntent, entitaId: string, idempotencyKey: string, now: string): void {
    this.q.run(
      this.q.db
        .insertInto('outbox')
        .values({
          tipo: intent.tipo,
          entita_id: entitaId,
          idempotency_key: idempotencyKey,
          payload: JSON.stringify(intent.payload),
          stato: 'in_attesa',
          tentativi: 0,
          prossimo_tentativo_il: now,
          creato_il: now,
        })
        .onConflict((oc) =>
          oc
            .column('idempotency_key')
            .doUpdateSet((eb) => ({
              payload: eb.ref('excluded.payload'),
              stato: 'in_attesa',
              tentativi: 0,
              prossimo_tentativo_il: eb.ref('excluded.prossimo_tentativo_il'),
              ultimo_errore: null,
            }))
            .where('outbox.stato', '=', 'fallito'),
        ),
    );
  }

  /** Rows due at `now`, oldest first, each intent parsed. */
  dovute(now: string): OutboxRiga[] {
    const rows = this.q.all(
      this.q.db
        .selectFrom('outbox')
        .select(['id', 'tipo', 'entita_id', 'idempotency_key', 'payload', 'tentativi'])
        .where('stato', '=', 'in_attesa')
        .where('prossimo_tentativo_il', '<=', now)
        .orderBy('id'),
    );
    return rows.map((row) => {
      const parsed = outboxIntentSchema.safeParse({ tipo: row.tipo, payload: parseJson(row.payload) });
      return {
        id: row.id,
        entitaId: row.entita_id,
        idempotencyKey: row.idempotency_key,
        tentativi: row.tentativi,
        intent: parsed.success ? parsed.data : null,
        invalid: parsed.success ? null : `stored ${row.tipo} payload does not match its schema`,
      };
    });
  }

  /** An entity's rows run in order: true while an earlier one of the same entity is pending. */
  precedenteInAttesa(entitaId: string, id: number): boolean {
    return (
      this.q.first(
        this.q.db.selectFrom('outbox').select('id').where('stato', '=', 'in_attesa').where('entita_id', '=', entitaId).where('id', '<', id).limit(1),
      ) !== undefined
    );
  }

  /** Any intent of this entity (or of this kind for it) still waiting (it may already have reached the service). */
  inAttesaPer(entitaId: string, tipo?: OutboxIntent['tipo']): boolean {
    return (
      this.q.first(
        this.q.db
          .selectFrom('outbox')
          .select('id')
          .where('entita_id', '=', entitaId)
          .where('stato', '=', 'in_attesa')
          .$if(tipo !== undefined, (qb) => qb.where('tipo', '=', tipo!))
          .limit(1),
      ) !== undefined
    );
  }

  fatto(id: number): void {
    this.q.run(this.q.db.updateTable('outbox').set({ stato: 'fatto', ultimo_errore: null }).where('id', '=', id));
  }

  riprova(id: number, quando: string, errore: string): void {
    this.q.run(
      this.q.db
        .updateTable('outbox')
        .set((eb) => ({ tentativi: eb('tentativi', '+', 1), prossimo_tentativo_il: quando, ultimo_errore: errore }))
        .where('id', '=', id),
    );
  }

  /** A booking the service says it never made: no longer uncertain, held (not failed) while its draft is frozen. */
  esitoNoto(id: number, errore: string): void {
    this.q.run(this.q.db.updateTable('outbox').set({ tentativi: 0, ultimo_errore: errore }).where('id', '=', id));
  }

  fallito(id: number, errore: string): void {
    this.q.run(
      this.q.db
        .updateTable('outbox')
        .set({ stato: 'fallito', ultimo_errore: errore.slice(0, ERROR_MAX) })
        .where('id', '=', id),
    );
  }

  /** A refused attachment dooms the booking that names it: its waiting create is parked too. */
  fallisciCreazione(entitaId: string, errore: string): void {
    this.q.run(
      this.q.db
        .updateTable('outbox')
        .set({ stato: 'fallito', ultimo_errore: errore.slice(0, ERROR_MAX) })
        .where('entita_id', '=', entitaId)
        .where('tipo', '=', 'crea')
        .where('stato', '=', 'in_attesa'),
    );
  }

  /** The replies to the sede written on an appointment, oldest first (rows whose payload does not parse are left out). */
  comunicazioniPer(appuntamentoId: string): ComunicazioneInCoda[] {
    const rows = this.q.all(
      this.q.db
        .selectFrom('outbox')
        .select(['payload', 'stato', 'ultimo_errore as errore', 'creato_il as creataIl'])
        .where('entita_id', '=', appuntamentoId)
        .where('tipo', '=', 'comunicazione')
        .orderBy('id'),
    );
    return rows.flatMap(({ payload, ...row }) => {
      const parsed = outboxIntentSchema.safeParse({ tipo: 'comunicazione', payload: parseJson(payload) });
      return parsed.success && parsed.data.tipo === 'comunicazione' ? [{ ...row, id: parsed.data.payload.id, testo: parsed.data.payload.testo }] : [];
    });
  }

  /** The earliest moment a waiting row is due again, for the scheduler. */
  prossimoTentativo(): string | null {
    return (
      this.q.first(
        this.q.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.min('prossimo_tentativo_il').as('il'))
          .where('stato', '=', 'in_attesa'),
      )?.il ?? null
    );
  }

  inAttesa(): number {
    return (
      this.q.first(
        this.q.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('stato', '=', 'in_attesa'),
      )?.n ?? 0
    );
  }

  /** The operations still waiting, oldest first, with whom they concern: what "1 in coda" is made of. */
  coda(limite: number): SyncProblemi['coda'] {
    return this.q.all(
      this.q.db
        .selectFrom('outbox as o')
        .leftJoin('bozze as b', (join) => join.on('o.tipo', 'in', ['crea', 'upload']).onRef('b.id', '=', 'o.entita_id'))
        .leftJoin('appuntamenti as a', (join) => join.on('o.tipo', 'in', ['cancella', 'comunicazione']).onRef('a.id', '=', 'o.entita_id'))
        .leftJoin('datori as d', (join) => join.on((eb) => eb('d.codice_fiscale', '=', eb.fn.coalesce('b.datore_cf', 'a.datore_cf'))))
        .select((eb) => [
          'o.id',
          'o.tipo',
          'o.tentativi',
          'o.prossimo_tentativo_il as prossimoTentativo',
          'o.ultimo_errore as ultimoErrore',
          'b.id as bozzaId',
          'a.id as appuntamentoId',
          eb.fn.coalesce('b.codice_rapporto', 'a.codice_rapporto').as('codiceRapporto'),
          nominativo('d').$castTo<string | null>().as('cliente'),
        ])
        .where('o.stato', '=', 'in_attesa')
        .orderBy('o.id')
        .limit(limite),
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
