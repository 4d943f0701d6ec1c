// What the sede and INPS do on their side, driven by the admin routes (and by tests directly).
import type { Appuntamento, ArgomentoCodice, Delega, Esito, IsoDate, Quesito, Sede } from '../../electron/common/model';
import { ProblemError, nonTrovato } from '../problem';
import { addComunicazione, dettaglio, type AppuntamentoDettaglio } from './appuntamenti';
import type { Store } from './store';

const MOTIVO_REVOCA_ALTRO = 'Revocata automaticamente: il datore di lavoro ha delegato un altro intermediario.';
const MOTIVO_ANNULLATA_ALTRO = 'Annullata: il datore di lavoro ha delegato un altro intermediario.';

function existing(store: Store, id: string): Appuntamento {
  const a = store.appuntamento(id);
  if (a === null) throw nonTrovato('Appuntamento');
  return a;
}

/** chiuso_definito or disdetto (cancellato by the sede); only from confermato. */
export function cambiaStatoDaSede(store: Store, id: string, azione: 'chiusura' | 'disdetta', motivo: string): AppuntamentoDettaglio {
  return store.db
    .transaction(() => {
      const a = existing(store, id);
      if (a.stato !== 'confermato') {
        throw new ProblemError(409, 'STATO_NON_MODIFICABILE', `L'appuntamento è nello stato «${a.stato}»: solo un appuntamento confermato può cambiare stato.`);
      }
      const updated: Appuntamento = {
        ...a,
        stato: azione === 'chiusura' ? 'chiuso_definito' : 'cancellato',
        cancellatoDa: azione === 'chiusura' ? null : 'sede',
        motivoStato: motivo,
        aggiornatoIl: store.nowIso(),
      };
      store.saveAppuntamento(updated);
      store.addStorico(id, updated.stato, motivo, updated.cancellatoDa);
      return dettaglio(store, updated);
    })
    .immediate();
}

export function comunicazioneDaSede(store: Store, id: string, testo: string) {
  return store.db.transaction(() => addComunicazione(store, existing(store, id), 'sede', testo)).immediate();
}

export function creaQuesito(
  store: Store,
  input: { codiceRapporto: string; argomento: ArgomentoCodice; oggetto: string; dataInvio?: string | undefined },
): Quesito {
  return store.db
    .transaction(() => {
      const rapporto = store.rapporto(input.codiceRapporto);
      if (rapporto === null) throw nonTrovato('Rapporto');
      const dataInvio = input.dataInvio ?? store.clock.today();
      const id = store.nextId('q');
      const q: Quesito = {
        id,
        protocollo: `INPS.SBX.${dataInvio.slice(0, 4)}.${id.slice(-6)}`,
        codiceRapporto: input.codiceRapporto,
        argomento: input.argomento,
        oggetto: input.oggetto,
        dataInvio,
        esito: 'in_attesa',
        dataEsito: null,
        motivoEsito: null,
      };
      store.saveQuesito(q, rapporto.datoreCf);
      return q;
    })
    .immediate();
}

export function esitoQuesito(store: Store, id: string, esito: Esito, motivoEsito: string | null): Quesito {
  return store.db
    .transaction(() => {
      const q = store.quesito(id);
      if (q === null) throw nonTrovato('Quesito');
      const rapporto = store.rapporto(q.codiceRapporto);
      const updated: Quesito = {
        ...q,
        esito,
        dataEsito: esito === 'in_attesa' ? null : store.clock.today(),
        motivoEsito: esito === 'in_attesa' ? null : motivoEsito,
      };
      store.saveQuesito(updated, rapporto?.datoreCf ?? '');
      return updated;
    })
    .immediate();
}

/** Ends the datore's other deleghe: attiva → revocata, da_attivare → annullata. */
function chiudiAltreDeleghe(store: Store, datoreCf: string, keepId: string): void {
  const rows = store.db.prepare("SELECT data FROM deleghe WHERE datore_cf = ? AND id != ? AND stato IN ('attiva', 'da_attivare')").all(datoreCf, keepId) as {
    data: string;
  }[];
  for (const row of rows) {
    const d = JSON.parse(row.data) as Delega;
    const revocata = d.stato === 'attiva';
    store.saveDelega({
      ...d,
      stato: revocata ? 'revocata' : 'annullata',
      dataFine: store.clock.today(),
      motivoFine: revocata ? MOTIVO_REVOCA_ALTRO : MOTIVO_ANNULLATA_ALTRO,
    });
  }
}

/** Makes the delega attiva (revoking any other), then hands its datore's records to the new office. */
function rendiAttiva(store: Store, d: Delega): Delega {
  store.appendDatore(d.datoreCf, d.intermediarioId);
  chiudiAltreDeleghe(store, d.datoreCf, d.id);
  const attiva: Delega = { ...d, stato: 'attiva', dataAttivazione: store.clock.today(), dataFine: null, motivoFine: null };
  store.saveDelega(attiva);
  store.appendSnapshot(d.datoreCf, d.intermediarioId);
  return attiva;
}

export function attivaDelega(store: Store, id: string): Delega {
  return store.db
    .transaction(() => {
      const d = store.delega(id);
      if (d === null) throw nonTrovato('Delega');
      if (d.stato === 'attiva') return d;
      if (d.stato !== 'da_attivare') {
        throw new ProblemError(409, 'STATO_DELEGA_NON_VALIDO', `La delega è nello stato «${d.stato}»: si attivano solo le deleghe da attivare.`);
      }
      return rendiAttiva(store, d);
    })
    .immediate();
}

/** A new delega from the datore to an intermediario; if attiva, the previous one(s) end at once. */
export function nuovaDelega(store: Store, input: { datoreCf: string; intermediarioId: string; stato: 'attiva' | 'da_attivare' }): Delega {
  return store.db
    .transaction(() => {
      if (store.datore(input.datoreCf) === null) throw nonTrovato('Datore di lavoro');
      const known = store.db.prepare('SELECT 1 FROM intermediari WHERE id = ?').get(input.intermediarioId);
      if (known === undefined) throw nonTrovato('Intermediario');
      const today = store.clock.today();
      const d: Delega = {
        id: store.nextId('del'),
        datoreCf: input.datoreCf,
        intermediarioId: input.intermediarioId,
        stato: 'da_attivare',
        dataSottoscrizione: today,
        dataAttivazione: null,
        dataScadenza: null,
        dataFine: null,
        motivoFine: null,
      };
      if (input.stato === 'attiva') return rendiAttiva(store, d);
      // A signed form awaiting activation changes nothing yet: the old delega ends on activation.
      store.appendDatore(d.datoreCf, d.intermediarioId);
      store.saveDelega(d);
      return d;
    })
    .immediate();
}

/** Ends a delega by hand: revocata (from attiva) or annullata (from attiva or da_attivare). */
export function fineDelega(store: Store, id: string, stato: 'revocata' | 'annullata', motivo: string): Delega {
  return store.db
    .transaction(() => {
      const d = store.delega(id);
      if (d === null) throw nonTrovato('Delega');
      const allowed = stato === 'revocata' ? d.stato === 'attiva' : d.stato === 'attiva' || d.stato === 'da_attivare';
      if (!allowed) {
        throw new ProblemError(409, 'STATO_DELEGA_NON_VALIDO', `Una delega nello stato «${d.stato}» non può diventare «${stato}».`);
      }
      const ended: Delega = { ...d, stato, dataFine: store.clock.today(), motivoFine: motivo };
      store.saveDelega(ended);
      return ended;
    })
    .immediate();
}

/** An extraordinary closure day: the sede changes for everyone, that day's bookings are disdetti. */
export function chiusuraSede(store: Store, sedeId: string, data: IsoDate, motivo: string): { sede: Sede; disdetti: string[] } {
  return store.db
    .transaction(() => {
      const sede = store.sede(sedeId);
      if (sede === null) throw nonTrovato('Sede');
      const updated: Sede = sede.chiusure.includes(data) ? sede : { ...sede, chiusure: [...sede.chiusure, data].sort() };
      if (updated !== sede) {
        store.db.prepare('UPDATE sedi SET data = ? WHERE id = ?').run(JSON.stringify(updated), sedeId);
        store.appendChange('sede', '*', updated);
      }
      const ids = (
        store.db.prepare("SELECT id FROM appuntamenti WHERE sede_id = ? AND giorno = ? AND stato = 'confermato' ORDER BY ora").all(sedeId, data) as {
          id: string;
        }[]
      ).map((r) => r.id);
      for (const id of ids) cambiaStatoDaSede(store, id, 'disdetta', motivo);
      return { sede: updated, disdetti: ids };
    })
    .immediate();
}
