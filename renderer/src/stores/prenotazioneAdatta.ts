import { ref, watch, type Ref } from 'vue';
import type { AllegatoPreparato, Bozza, RiduzioneAllegati } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import type { Form } from './prenotazioneAllegati';

interface Adatta extends Omit<Form, 'salvaOra'> {
  stato: { daAdattare: Ref<AllegatoPreparato[]>; note: Ref<{ nomeFile: string; note: string[] }[]> };
  /** Puts a stored file on the draft; a refusal by the caps keeps it waiting. True when it went on. */
  collega: (saved: Bozza, preparato: AllegatoPreparato) => Promise<boolean>;
}

/**
 * The files the service's caps refused, waiting beside the booking form (#14): their order,
 * «Riduci» and «Unisci in un PDF» (the core does the work and stores each result under its own
 * hash; the operator's files are never changed), then «Allega alla prenotazione».
 */
export function azioniAdatta({ bozza, errori, run, inCoda, stato, collega }: Adatta) {
  const { daAdattare, note } = stato;
  /** The last «Riduci»: sizes before and after, and whether they fit. */
  const riduzione = ref<RiduzioneAllegati | null>(null);
  const adattamentoInCorso = ref(false);

  function sposta(indice: number, verso: -1 | 1): void {
    const lista = [...daAdattare.value];
    const altro = indice + verso;
    if (altro < 0 || altro >= lista.length) return;
    [lista[indice], lista[altro]] = [lista[altro]!, lista[indice]!];
    daAdattare.value = lista;
  }

  function togli(indice: number): void {
    daAdattare.value = daAdattare.value.filter((_d, i) => i !== indice);
    riduzione.value = null;
  }

  const voci = () => daAdattare.value.map((d) => ({ sha256: d.sha256, nomeFile: d.nomeFile }));

  /** The core does the work; the renderer keeps the waiting list and shows before/after. */
  async function adatta<T>(task: (bozzaId: string) => Promise<T>): Promise<T | null> {
    const current = bozza.value;
    if (!current || daAdattare.value.length === 0) return null;
    adattamentoInCorso.value = true;
    try {
      return await inCoda(() => run(() => task(current.id)));
    } finally {
      adattamentoInCorso.value = false;
    }
  }

  const riduci = async () => {
    const esito = await adatta((bozzaId) => useCommandClient().invoke('allegati.riduci', { bozzaId, voci: voci() }));
    if (!esito) return;
    riduzione.value = esito;
    daAdattare.value = esito.voci.map((v) => v.dopo);
    if (esito.messaggio) errori.value = { allegati: esito.messaggio };
  };

  const unisci = async () => {
    const nome = daAdattare.value[0]?.nomeFile.replace(/\.[^.]+$/, '') ?? 'documento';
    const unito = await adatta((bozzaId) => useCommandClient().invoke('allegati.unisci', { bozzaId, voci: voci(), nomeFile: `${nome}-unito.pdf` }));
    if (!unito) return;
    riduzione.value = null;
    daAdattare.value = [unito];
    note.value = [{ nomeFile: unito.nomeFile, note: unito.note }];
  };

  /** Puts the waiting files on the draft, in their order; those still refused stay, with the reason. */
  const allega = () =>
    inCoda(async () => {
      const saved = bozza.value;
      if (!saved) return;
      errori.value = {};
      const restano: AllegatoPreparato[] = [];
      for (const d of daAdattare.value) if (!(await collega(saved, d))) restano.push(d);
      daAdattare.value = restano;
      if (restano.length === 0) riduzione.value = null;
    });

  // A new form (the draft cleared): nothing waits from the previous one.
  watch(bozza, (b) => {
    if (b) return;
    daAdattare.value = [];
    note.value = [];
    riduzione.value = null;
  });

  return { daAdattare, note, riduzione, adattamentoInCorso, sposta, togli, riduci, unisci, allega };
}
