import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Bozza, QuesitoRiga } from '@common/commands/types';
import type { Modalita } from '@common/model';
import { CODICE_RAPPORTO_MESSAGE, isValidCodiceRapporto } from '@common/domain/codiceRapporto';
import { useCommandClient } from '../api/client';
import { useAzione } from '../api/useAzione';
import { azioniAllegati } from './prenotazioneAllegati';

interface Campi {
  quesitiIds: string[];
  sedeId: string | null;
  data: string | null;
  ora: string | null;
  /** Kept as the draft has it (set in bulk on the Bozze screen): saving the form must not drop it. */
  finestraDal: string | null;
  finestraAl: string | null;
  modalita: Modalita | null;
  nota: string;
}

const vuoti = (): Campi => ({ quesitiIds: [], sedeId: null, data: null, ora: null, finestraDal: null, finestraAl: null, modalita: null, nota: '' });

/**
 * The booking form: one draft, saved on demand (and before the first attachment, which needs it),
 * sent as a whole. Refusals land on the field they name.
 */
export const usePrenotazioneStore = defineStore('prenotazione', () => {
  const codiceRapporto = ref('');
  const quesiti = shallowRef<QuesitoRiga[]>([]);
  const campi = reactive<Campi>(vuoti());
  const bozza = shallowRef<Bozza | null>(null);
  const { occupato, errori, messaggio, run } = useAzione();

  async function apri(rapporto: string, bozzaId?: string, quesitoId?: string): Promise<void> {
    codiceRapporto.value = rapporto;
    Object.assign(campi, vuoti());
    bozza.value = null;
    errori.value = {};
    messaggio.value = null;
    // The address may carry anything (a pasted link, a typo): say what is wrong instead of failing.
    if (!isValidCodiceRapporto(rapporto)) {
      quesiti.value = [];
      messaggio.value = CODICE_RAPPORTO_MESSAGE;
      errori.value = { codiceRapporto: CODICE_RAPPORTO_MESSAGE };
      return;
    }
    const caricati = await run(() => useCommandClient().invoke('rapporto.quesiti', { codiceRapporto: rapporto }));
    quesiti.value = caricati ?? [];
    if (!caricati) return;
    if (bozzaId) {
      // One draft read by id: the office may hold thousands (opened from the Bozze screen).
      const found = await run(() => useCommandClient().invoke('bozza.dettaglio', { id: bozzaId }));
      if (found) load(found);
    } else campi.quesitiIds = prenotabile(caricati, quesitoId);
  }

  function load(b: Bozza): void {
    bozza.value = b;
    Object.assign(campi, {
      quesitiIds: [...b.quesitiIds],
      sedeId: b.sedeId,
      data: b.data,
      ora: b.ora,
      finestraDal: b.finestraDal,
      finestraAl: b.finestraAl,
      modalita: b.modalita,
      nota: b.nota ?? '',
    });
  }

  function input() {
    return { ...campi, quesitiIds: [...campi.quesitiIds], nota: campi.nota.trim() === '' ? null : campi.nota };
  }

  // Draft writes run one after the other: three files picked in quick succession must not each
  // create a draft, and "Invia" waits for the uploads before it. Each answer updates the draft
  // (state, attachments) but never the fields, which the operator may be typing in meanwhile.
  const inCoda = codaSequenziale();

  async function salvaOra(): Promise<Bozza | null> {
    return run(async () => {
      const client = useCommandClient();
      const saved = bozza.value
        ? await client.invoke('bozza.modifica', { id: bozza.value.id, ...input() })
        : await client.invoke('bozza.crea', { codiceRapporto: codiceRapporto.value, ...input() });
      bozza.value = saved;
      return saved;
    });
  }

  const salva = () => inCoda(salvaOra);

  const invia = () =>
    inCoda(async () => {
      const saved = await salvaOra();
      if (!saved) return null;
      return run(async () => {
        const sent = await useCommandClient().invoke('bozza.invia', { id: saved.id });
        bozza.value = sent;
        return sent;
      });
    });

  const { aggiungiFile, scegliFileDesktop, rimuoviFile, adatta } = azioniAllegati({ bozza, errori, run, inCoda, salvaOra });

  /**
   * Re-reads the draft's state (after a sync) without touching fields being edited. Queued behind
   * the draft writes: a sync's news can arrive before the answer to the save that created the draft.
   */
  const aggiorna = () =>
    inCoda(async () => {
      const current = bozza.value;
      if (!current) return;
      const found = await useCommandClient()
        .invoke('bozza.dettaglio', { id: current.id })
        .catch(() => null); // deleted meanwhile, or a transient failure: the next change reads it again
      if (found && found.stato !== current.stato) bozza.value = found;
    });

  const valido = computed(() => isValidCodiceRapporto(codiceRapporto.value));

  // State, then actions: two groups that stay two lines under a 160-column formatter.
  return {
    ...{ codiceRapporto, valido, quesiti, campi, bozza, errori, messaggio, occupato },
    ...{ apri, salva, invia, aggiorna, aggiungiFile, scegliFileDesktop, rimuoviFile, adatta },
  };
});

/** A new form opened from Da fare has its quesito ticked, if it can still be booked: the link may be older than the data. */
function prenotabile(quesiti: QuesitoRiga[], id: string | undefined): string[] {
  const q = quesiti.find((c) => c.id === id);
  return q && q.idoneita.idoneo && !q.prenotato ? [q.id] : [];
}

/** Runs tasks one after the other, whatever the previous one's outcome. */
function codaSequenziale(): <T>(task: () => Promise<T>) => Promise<T> {
  let coda: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = coda.then(task, task);
    coda = next.catch(() => undefined);
    return next;
  };
}
