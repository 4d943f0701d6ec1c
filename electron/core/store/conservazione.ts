import { sql } from 'kysely';
import type { ConservazioneCliente, ConservazioneConteggi } from '../../common/commands/conservazione';
import type { IsoDate } from '../../common/model';
import { currentDelega } from './deleghe';
import { nominativo } from './fragments';
import { jsonList } from './jsonList';
import type { Queries } from './queries';

/** A confirmed run, as its marker row holds it until the run has completed. */
export interface CorsaConservazione {
  avviataIl: string;
  soglia: IsoDate;
  clienti: string[];
  operatore: string | null;
}

/** What one client's purge removed; `sha256` are the attachment rows dropped (their files go after the commit). */
export interface PulituraCliente extends ConservazioneConteggi {
  sha256: string[];
}

export const ZERO: ConservazioneConteggi = { bozze: 0, note: 0, allegati: 0, allegatiByte: 0, comunicazioni: 0, avvisi: 0 };

/**
 * Retention (#12): which clients are past it, what of theirs this PC holds, and the purge itself.
 * "Local data" is what only this PC has or has cached of a client: drafts (with their notes,
 * attachments and queued sends), messages with the sede, review notices, and the attachment
 * files nothing else uses. Clients, deleghe, rapporti, quesiti and appointments stay: they are
 * the service's, and stay only as long as the service still sends them.
 */
export class ConservazioneStore {
  constructor(private readonly q: Queries) {}

  /**
   * Clients whose current delega ended before `soglia`: revoked or annulled before it, or still
   * «attiva» here but expired before it (the service revokes it at expiry; the cache may lag).
   */
  finite(soglia: IsoDate): Omit<ConservazioneCliente, keyof ConservazioneConteggi>[] {
    const righe = this.q.all(
      this.q.db
        .selectFrom('deleghe as dl')
        .innerJoin('datori as d', 'd.codice_fiscale', 'dl.datore_cf')
        .select(['d.codice_fiscale as codiceFiscale', nominativo('d').as('nominativo'), 'dl.stato', 'dl.data_fine', 'dl.data_scadenza'])
        .where('dl.id', '=', currentDelega('id', 'dl.datore_cf'))
        .where((eb) =>
          eb.or([
            eb.and([eb('dl.stato', 'in', ['revocata', 'annullata']), eb('dl.data_fine', '<', soglia)]),
            eb.and([eb('dl.stato', '=', 'attiva'), eb('dl.data_scadenza', '<', soglia)]),
          ]),
        )
        .orderBy('d.cognome')
        .orderBy('d.nome')
        .orderBy('d.codice_fiscale'),
    );
    return righe.map((r) => ({
      codiceFiscale: r.codiceFiscale,
      nominativo: r.nominativo,
      delegaStato: r.stato as ConservazioneCliente['delegaStato'],
      delegaFine: (r.stato === 'attiva' ? r.data_scadenza : r.data_fine)!,
    }));
  }

  /** Per client of `clienti`, what a purge would remove now (clients with nothing to remove are absent). */
  conteggi(clienti: readonly string[]): Map<string, ConservazioneConteggi> {
    const out = new Map<string, ConservazioneConteggi>();
    const di = (cf: string) => {
      let c = out.get(cf);
      if (!c) out.set(cf, (c = { ...ZERO }));
      return c;
    };
    if (clienti.length === 0) return out;
    const lista = jsonList(clienti);
    for (const r of this.q.all(
      this.q.db
        .selectFrom('bozze')
        .select(['datore_cf as cf', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(nota IS NOT NULL AND trim(nota) <> '')`.as('note')])
        .where('datore_cf', 'in', lista)
        .groupBy('datore_cf'),
    )) {
      Object.assign(di(r.cf), { bozze: r.n, note: Number(r.note) });
    }
    for (const r of this.q.all(
      this.q.db
        .selectFrom('appuntamenti as a')
        .innerJoin('comunicazioni as c', 'c.appuntamento_id', 'a.id')
        .select(['a.datore_cf as cf', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.datore_cf', 'in', lista)
        .groupBy('a.datore_cf'),
    )) {
      di(r.cf).comunicazioni += r.n;
    }
    // Replies still queued (or refused): the cache has no copy of them yet.
    for (const r of this.q.all(
      this.q.db
        .selectFrom('appuntamenti as a')
        .innerJoin('outbox as o', 'o.entita_id', 'a.id')
        .select(['a.datore_cf as cf', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.datore_cf', 'in', lista)
        .where('o.tipo', '=', 'comunicazione')
        .where('o.stato', '<>', 'fatto')
        .groupBy('a.datore_cf'),
    )) {
      di(r.cf).comunicazioni += r.n;
    }
    for (const r of this.q.all(
      this.q.db
        .selectFrom('cambiamenti as c')
        .leftJoin('bozze as b', 'b.id', 'c.bozza_id')
        .leftJoin('appuntamenti as a', 'a.id', 'c.appuntamento_id')
        .select([sql<string>`coalesce(b.datore_cf, a.datore_cf)`.as('cf'), (eb) => eb.fn.countAll<number>().as('n')])
        .where(sql<string>`coalesce(b.datore_cf, a.datore_cf)`, 'in', lista)
        .groupBy(sql`coalesce(b.datore_cf, a.datore_cf)`),
    )) {
      di(r.cf).avvisi = r.n;
    }
    for (const r of this.allegatiDaTogliere(clienti)) {
      const c = di(r.cf);
      c.allegati += 1;
      c.allegatiByte += r.dimensione;
    }
    return out;
  }

  /** Attachment rows held here that no draft and no appointment refers to any more (e.g. of a deleted draft). */
  allegatiOrfani(): { sha256: string; dimensione: number }[] {
    return this.q.all(
      this.q.db
        .selectFrom('allegati as al')
        .select(['al.sha256', 'al.dimensione'])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bozza_allegati as ba')
                .select('ba.sha256')
                .whereRef('ba.sha256', '=', 'al.sha256')
                .unionAll(selectFrom('appuntamento_allegati as aa').select('aa.sha256').whereRef('aa.sha256', '=', 'al.sha256')),
            ),
          ),
        )
        .orderBy('al.sha256'),
    );
  }

  /**
   * The clients' attachments held here that go with them: used by their drafts or appointments,
   * and by no draft of anyone else nor any appointment of a client outside `clienti` (files are
   * stored once per content, so two clients may share one).
   */
  allegatiDaTogliere(clienti: readonly string[]): { cf: string; sha256: string; dimensione: number }[] {
    const lista = jsonList(clienti);
    const usi = this.q.db
      .selectFrom('bozza_allegati as ba')
      .innerJoin('bozze as b', 'b.id', 'ba.bozza_id')
      .select(['b.datore_cf as cf', 'ba.sha256'])
      .where('b.datore_cf', 'in', lista)
      .union(
        this.q.db
          .selectFrom('appuntamento_allegati as aa')
          .innerJoin('appuntamenti as a', 'a.id', 'aa.appuntamento_id')
          .select(['a.datore_cf as cf', 'aa.sha256'])
          .where('a.datore_cf', 'in', lista),
      );
    return this.q.all(
      this.q.db
        .selectFrom(usi.as('u'))
        .innerJoin('allegati as al', 'al.sha256', 'u.sha256')
        .select(['u.cf', 'u.sha256', 'al.dimensione'])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bozza_allegati as ba')
                .innerJoin('bozze as b', 'b.id', 'ba.bozza_id')
                .select('ba.sha256')
                .whereRef('ba.sha256', '=', 'u.sha256')
                .where('b.datore_cf', 'not in', lista)
                .unionAll(
                  selectFrom('appuntamento_allegati as aa')
                    .innerJoin('appuntamenti as a', 'a.id', 'aa.appuntamento_id')
                    .select('aa.sha256')
                    .whereRef('aa.sha256', '=', 'u.sha256')
                    .where('a.datore_cf', 'not in', lista),
                ),
            ),
          ),
        )
        .orderBy('u.cf')
        .orderBy('u.sha256'),
    );
  }

  /**
   * Removes one client's local data (the caller holds the transaction). `corsa` is every client of
   * the run: an attachment shared with another of them goes too. Run again, it removes nothing.
   */
  pulisci(cf: string, corsa: readonly string[]): PulituraCliente {
    const conteggi = this.conteggi([cf]).get(cf) ?? { ...ZERO };
    const allegati = this.allegatiDaTogliere(corsa).filter((r) => r.cf === cf);
    const bozze = this.q.db.selectFrom('bozze').select('id').where('datore_cf', '=', cf);
    const appuntamenti = this.q.db.selectFrom('appuntamenti').select('id').where('datore_cf', '=', cf);
    this.q.run(this.q.db.deleteFrom('outbox').where((eb) => eb.or([eb('entita_id', 'in', bozze), eb('entita_id', 'in', appuntamenti)])));
    this.q.run(this.q.db.deleteFrom('cambiamenti').where((eb) => eb.or([eb('bozza_id', 'in', bozze), eb('appuntamento_id', 'in', appuntamenti)])));
    this.q.run(this.q.db.deleteFrom('comunicazioni').where('appuntamento_id', 'in', appuntamenti));
    // bozza_allegati go with their drafts (ON DELETE CASCADE).
    this.q.run(this.q.db.deleteFrom('bozze').where('datore_cf', '=', cf));
    const sha256 = allegati.map((a) => a.sha256);
    if (sha256.length > 0) this.q.run(this.q.db.deleteFrom('allegati').where('sha256', 'in', jsonList(sha256)));
    return { ...conteggi, allegati: sha256.length, allegatiByte: allegati.reduce((n, a) => n + a.dimensione, 0), sha256 };
  }

  /**
   * Runs `work` with deleted content overwritten in the file (secure_delete), not left in free
   * pages until a VACUUM: the purged data is gone from the database file once committed.
   */
  cancellazioneSicura<T>(work: () => T): T {
    const prima = this.q.sqlite.pragma('secure_delete', { simple: true }) as number;
    this.q.sqlite.pragma('secure_delete = ON');
    try {
      return work();
    } finally {
      this.q.sqlite.pragma(`secure_delete = ${prima ? 'ON' : 'OFF'}`);
    }
  }

  /** Drops attachment rows nothing refers to; returns them (their files go after the commit). */
  pulisciOrfani(): { sha256: string; dimensione: number }[] {
    const orfani = this.allegatiOrfani();
    if (orfani.length > 0) this.q.run(this.q.db.deleteFrom('allegati').where('sha256', 'in', jsonList(orfani.map((o) => o.sha256))));
    return orfani;
  }

  /** Whether an attachment row is still held (a file without one is garbage). */
  allegatiTenuti(): Set<string> {
    return new Set(this.q.all(this.q.db.selectFrom('allegati').select('sha256')).map((r) => r.sha256));
  }

  corsa(): CorsaConservazione | undefined {
    const r = this.q.first(this.q.db.selectFrom('conservazione_corsa').selectAll().where('id', '=', 1));
    if (!r) return undefined;
    return { avviataIl: r.avviata_il, soglia: r.soglia, clienti: JSON.parse(r.clienti) as string[], operatore: r.operatore };
  }

  segnaCorsa(c: CorsaConservazione): void {
    this.q.run(
      this.q.db
        .insertInto('conservazione_corsa')
        .values({ id: 1, avviata_il: c.avviataIl, soglia: c.soglia, clienti: JSON.stringify(c.clienti), operatore: c.operatore }),
    );
  }

  chiudiCorsa(): void {
    this.q.run(this.q.db.deleteFrom('conservazione_corsa').where('id', '=', 1));
  }

  /** The last completed run, from the registro (one summary row per run). */
  ultimaCorsa(): { il: string; dettagli: string | null; operatore: string | null } | undefined {
    return this.q.first(
      this.q.db
        .selectFrom('audit_log')
        .select(['il', 'dettagli', 'operatore'])
        .where('azione', '=', 'conservazione.esegui')
        .where('entita', '=', 'corsa')
        .orderBy('id', 'desc')
        .limit(1),
    );
  }
}
