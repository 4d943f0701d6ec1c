import { CATENA_INIZIO, hashRiga } from '../../../db/registroCatena';
import type { RegistroVerifica } from '../../common/commands/types';
import { formatDataIt, romeDate } from '../../common/domain/calendario';
import { etichettaAzione } from '../../common/registro';
import type { RegistroStore } from '../store/registro';
import type { Ancora } from './ancora';

const ora = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const quando = (il: string) => (Number.isNaN(Date.parse(il)) ? il : `${formatDataIt(romeDate(il))} alle ${ora(il)}`);
const descrivi = (r: { id: number; il: string; azione: string }) => `la riga n. ${r.id} (${quando(r.il)}, «${etichettaAzione(r.azione)}»)`;

const RIPRISTINA = 'Non modificare il database: conserva una copia della cartella dei dati e avvisa il responsabile della privacy.';

/**
 * Walks the chain in id order, only reading. Each row's hash is recomputed from the previous
 * row's stored hash and its own content: an altered row fails at itself, a moved one at its new
 * place, and a removed one leaves a gap in the ids (or, renumbered, a row that no longer chains).
 * Rows removed from the end leave no gap: the highest id ever given (SQLite's sequence) and the
 * anchor kept outside the database, when there is one, show them.
 */
export function verificaRegistro(registro: RegistroStore, ancora: Ancora | null): RegistroVerifica {
  let precedente = { id: 0, hash: CATENA_INIZIO as string | null };
  let righe = 0;
  for (const riga of registro.perVerifica()) {
    righe++;
    if (riga.id !== precedente.id + 1) {
      const mancanti = riga.id - precedente.id - 1;
      const quali = mancanti === 1 ? `la riga n. ${precedente.id + 1}` : `le righe dalla n. ${precedente.id + 1} alla n. ${riga.id - 1}`;
      return rotto(
        righe,
        riga,
        `Registro non integro: mancano ${quali} (rimoss${mancanti === 1 ? 'a' : 'e'}); la catena si interrompe prima di ${descrivi(riga)}.`,
      );
    }
    if (riga.hash === null || precedente.hash === null || hashRiga(precedente.hash, riga) !== riga.hash) {
      return rotto(righe, riga, `Registro non integro: ${descrivi(riga)} è stata alterata, spostata o inserita a mano, oppure è stata cambiata la riga prima.`);
    }
    precedente = { id: riga.id, hash: riga.hash };
  }
  const ultima = precedente.id;
  const sequenza = registro.sequenza();
  if (sequenza > ultima) return troncato(righe, ultima, sequenza);
  if (ancora) {
    if (ancora.id > ultima) return troncato(righe, ultima, ancora.id);
    const hash = registro.hashDi(ancora.id);
    if (hash !== ancora.hash) {
      // Rows removed from the end and others written in their place: the id exists, its content is not the one anchored.
      return {
        integro: false,
        righe,
        primaRigaAlterata: { id: ancora.id, il: null, azione: null },
        messaggio: `Registro non integro: la riga n. ${ancora.id} non è più quella registrata (le ultime righe sono state rimosse o sostituite). ${RIPRISTINA}`,
      };
    }
  }
  const messaggio =
    righe === 0
      ? 'Il registro è vuoto: non c’è ancora nessuna attività registrata.'
      : `Registro integro: ${righe.toLocaleString('it-IT')} righe controllate, nessuna alterata o rimossa.`;
  return { integro: true, righe, primaRigaAlterata: null, messaggio };
}

function rotto(righe: number, riga: { id: number; il: string; azione: string }, testo: string): RegistroVerifica {
  return { integro: false, righe, primaRigaAlterata: { id: riga.id, il: riga.il, azione: riga.azione }, messaggio: `${testo} ${RIPRISTINA}` };
}

function troncato(righe: number, ultima: number, attesa: number): RegistroVerifica {
  const quali = attesa === ultima + 1 ? `la riga n. ${attesa}` : `le righe dalla n. ${ultima + 1} alla n. ${attesa}`;
  return {
    integro: false,
    righe,
    primaRigaAlterata: { id: ultima + 1, il: null, azione: null },
    messaggio: `Registro non integro: mancano le ultime righe (${quali}, rimoss${attesa === ultima + 1 ? 'a' : 'e'}). ${RIPRISTINA}`,
  };
}
