import type { Cambiamento, CambiamentoTipo } from '../../common/commands/types';
import { nominativo } from './fragments';
import type { Queries } from './queries';

/** What the sedi (and the service's refusals) changed, waiting for the operator's review. */
export class CambiamentiStore {
  constructor(private readonly q: Queries) {}

  nonVisti(limite: number): Cambiamento[] {
    return this.q.all(
      this.q.db
        .selectFrom('cambiamenti as c')
        .leftJoin('appuntamenti as a', 'a.id', 'c.appuntamento_id')
        .leftJoin('sedi as s', 's.id', 'a.sede_id')
        .leftJoin('datori as d', 'd.codice_fiscale', 'a.datore_cf')
        .leftJoin('bozze as b', 'b.id', 'c.bozza_id')
        .leftJoin('datori as db', 'db.codice_fiscale', 'b.datore_cf')
        .select((eb) => [
          'c.id',
          'c.tipo',
          'c.rilevato_il as rilevatoIl',
          'c.descrizione',
          eb.fn.coalesce('c.appuntamento_id', 'b.appuntamento_id').as('appuntamentoId'),
          'c.bozza_id as bozzaId',
          'a.data',
          'a.ora',
          's.nome as sedeNome',
          eb.fn.coalesce(nominativo('d').$castTo<string | null>(), nominativo('db').$castTo<string | null>()).as('datoreNominativo'),
          'a.stato',
        ])
        .where('c.visto_il', 'is', null)
        .orderBy('c.tipo')
        .orderBy('c.id', 'desc')
        .limit(limite),
    );
  }

  /** Marks each id seen (once); returns how many were newly marked. The caller owns the transaction. */
  segnaVisti(ids: readonly number[], now: string): number {
    const segna = (id: number) => this.q.run(this.q.db.updateTable('cambiamenti').set({ visto_il: now }).where('id', '=', id).where('visto_il', 'is', null));
    return ids.reduce((n, id) => n + segna(id), 0);
  }

  /** The service refused a queued draft: the operator reviews it with the sedi's changes. */
  rifiutato(bozzaId: string, descrizione: string, now: string): void {
    this.q.run(this.q.db.insertInto('cambiamenti').values({ tipo: 'rifiutato', bozza_id: bozzaId, descrizione, rilevato_il: now }));
  }

  /**
   * The service refused a reply to the sede (e.g. the sede cancelled the appointment meanwhile).
   * Same kind as a refused booking, so it is reviewed with them; it names the appointment instead of a draft.
   */
  comunicazioneRifiutata(appuntamentoId: string, comunicazioneId: string, motivo: string, now: string): void {
    this.q.run(
      this.q.db.insertInto('cambiamenti').values({
        tipo: 'rifiutato',
        appuntamento_id: appuntamentoId,
        comunicazione_id: comunicazioneId,
        descrizione: `Comunicazione alla sede non inviata: ${motivo}`,
        rilevato_il: now,
      }),
    );
  }

  ultimoId(): number {
    return this.q.first(this.q.db.selectFrom('cambiamenti').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.val(0)).as('id')))?.id ?? 0;
  }

  /** Counts by kind of the changes recorded after `id`. */
  contaDopo(id: number): Partial<Record<CambiamentoTipo, number>> {
    const rows = this.q.all(
      this.q.db
        .selectFrom('cambiamenti')
        .select((eb) => ['tipo', eb.fn.countAll<number>().as('n')])
        .where('id', '>', id)
        .groupBy('tipo'),
    );
    return Object.fromEntries(rows.map((r) => [r.tipo, r.n]));
  }
}
