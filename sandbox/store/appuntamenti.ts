// Appointments as the caller sees them: details, search, cancellation, comunicazioni.
import { motivoNonCancellabile } from '../../electron/common/domain/appuntamentoStato';
import type { Appuntamento, AppuntamentoStato, CancellatoDa, Comunicazione, IsoDate } from '../../electron/common/model';
import { ProblemError, nonTrovato } from '../problem';
import type { AllegatoInfo } from './allegati';
import type { Principal, Store } from './store';

export interface VoceStorico {
  stato: AppuntamentoStato;
  il: string;
  motivo: string | null;
  da: CancellatoDa | null;
}

export interface AppuntamentoDettaglio extends Appuntamento {
  allegati: (AllegatoInfo & { nomeFile: string })[];
  comunicazioni: Comunicazione[];
  storico: VoceStorico[];
}

export function dettaglio(store: Store, a: Appuntamento): AppuntamentoDettaglio {
  const allegati = store.db
    .prepare(
      `SELECT l.sha256, f.mime, f.dimensione, l.nome_file AS nomeFile FROM appuntamento_allegati l
       JOIN allegati f ON f.sha256 = l.sha256 WHERE l.appuntamento_id = ? ORDER BY l.posizione`,
    )
    .all(a.id) as (AllegatoInfo & { nomeFile: string })[];
  // Transitions made in the sandbox are recorded; a seeded appointment's are derived from the record.
  const rows = store.db.prepare('SELECT stato, il, motivo, da FROM storico WHERE appuntamento_id = ? ORDER BY id').all(a.id) as VoceStorico[];
  const storico: VoceStorico[] = [{ stato: 'confermato', il: a.creatoIl, motivo: null, da: null }, ...rows];
  if (rows.length === 0 && a.stato !== 'confermato') {
    storico.push({ stato: a.stato, il: a.aggiornatoIl, motivo: a.motivoStato, da: a.cancellatoDa });
  }
  return { ...a, allegati, comunicazioni: store.comunicazioniOf(a.id), storico };
}

/** The appointment if the caller may see it; the same 404 whether it is absent or someone else's. */
export function visibleAppuntamento(store: Store, p: Principal, id: string): Appuntamento {
  const a = store.appuntamento(id);
  if (a === null || !store.canActFor(p, a.datoreCf)) throw nonTrovato('Appuntamento');
  return a;
}

export interface SearchFilters {
  codiceRapporto?: string | undefined;
  datoreCf?: string | undefined;
  stato?: AppuntamentoStato | undefined;
  dal?: IsoDate | undefined;
  al?: IsoDate | undefined;
  gestitoDaIntermediario?: boolean | undefined;
  limit: number;
  offset: number;
}

export function searchAppuntamenti(store: Store, p: Principal, f: SearchFilters): { appuntamenti: Appuntamento[]; hasMore: boolean } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: f.limit + 1, offset: f.offset };
  let from = 'appuntamenti a';
  if (p.kind === 'operatore') {
    // Only employers whose delega to this intermediario is attiva now.
    from += " JOIN deleghe d ON d.datore_cf = a.datore_cf AND d.stato = 'attiva' AND d.intermediario_id = @intermediario";
    params.intermediario = p.intermediarioId;
  } else {
    where.push('a.datore_cf = @cittadino');
    params.cittadino = p.datoreCf;
  }
  if (f.codiceRapporto !== undefined) {
    where.push('a.codice_rapporto = @codiceRapporto');
    params.codiceRapporto = f.codiceRapporto;
  }
  if (f.datoreCf !== undefined) {
    where.push('a.datore_cf = @datoreCf');
    params.datoreCf = f.datoreCf;
  }
  if (f.stato !== undefined) {
    where.push('a.stato = @stato');
    params.stato = f.stato;
  }
  if (f.dal !== undefined) {
    where.push('a.giorno >= @dal');
    params.dal = f.dal;
  }
  if (f.al !== undefined) {
    where.push('a.giorno <= @al');
    params.al = f.al;
  }
  if (f.gestitoDaIntermediario !== undefined) {
    where.push('a.gestito = @gestito');
    params.gestito = f.gestitoDaIntermediario ? 1 : 0;
  }
  const sql = `SELECT a.data FROM ${from} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.giorno DESC, a.ora DESC, a.id LIMIT @limit OFFSET @offset`;
  const rows = store.db.prepare(sql).all(params) as { data: string }[];
  const hasMore = rows.length > f.limit;
  return { appuntamenti: rows.slice(0, f.limit).map((r) => JSON.parse(r.data) as Appuntamento), hasMore };
}

const MOTIVO_CANCELLAZIONE_DEFAULT = "Cancellato su richiesta dell'utente.";

/** Only from confermato; cancelling again what the user already cancelled answers the same state. */
export function cancellaAppuntamento(store: Store, p: Principal, id: string, motivo: string | undefined): AppuntamentoDettaglio {
  return store.db
    .transaction(() => {
      const a = visibleAppuntamento(store, p, id);
      if (a.stato === 'cancellato' && a.cancellatoDa === 'utente') return dettaglio(store, a);
      const reason = motivoNonCancellabile(a.stato);
      if (reason !== null) {
        throw new ProblemError(409, 'STATO_NON_CANCELLABILE', a.cancellatoDa === 'sede' ? "L'appuntamento è già stato disdetto dalla sede." : reason);
      }
      const updated: Appuntamento = {
        ...a,
        stato: 'cancellato',
        cancellatoDa: 'utente',
        motivoStato: motivo ?? MOTIVO_CANCELLAZIONE_DEFAULT,
        aggiornatoIl: store.nowIso(),
      };
      store.saveAppuntamento(updated);
      store.addStorico(id, 'cancellato', updated.motivoStato, 'utente');
      return dettaglio(store, updated);
    })
    .immediate();
}

export function addComunicazione(store: Store, a: Appuntamento, autore: Comunicazione['autore'], testo: string): Comunicazione {
  if (a.stato !== 'confermato') {
    throw new ProblemError(409, 'STATO_NON_MODIFICABILE', "L'appuntamento non è più confermato: non si possono aggiungere comunicazioni.");
  }
  const c: Comunicazione = {
    id: store.nextId('com'),
    appuntamentoId: a.id,
    autore,
    testo,
    inviataIl: store.nowIso(),
  };
  store.saveComunicazione(c, a.datoreCf);
  return c;
}
