import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { CommandInput } from '@common/commands/table';
import type { BozzaRiga, EsitoSaltato, PreparazioneEsito } from '@common/commands/types';
import type { BozzaStato } from '@common/model';
import { CommandError, useCommandClient } from '../api/client';
import { useAzione } from '../api/useAzione';

export type CampiBlocco = CommandInput<'bozze.modificaInBlocco'>['campi'];

/** What the last batch action on the Bozze screen did: applied to, skipped with why, and (Proponi orari) online or not. */
export interface EsitoAzione {
  azione: 'modifica' | 'proponi' | 'elimina';
  fatte: number;
  saltati: EsitoSaltato[];
  online?: boolean;
}

/** A draft of the batch being sent: who it is for, and its state as last read. */
export interface VoceInvio {
  id: string;
  datoreNominativo: string;
  codiceRapporto: string;
  stato: BozzaStato | 'eliminata';
  motivo: string | null;
}

/** The core's page cap, for reading the drafts still queued. */
const PAGE_MAX = 500;

/**
 * The batch actions on drafts (prepare, edit, propose slots, send, delete) and what each did.
 * Sending is followed after the call returns: the drafts leave the queue as the sync reaches the
 * service, so their states are re-read on every data change until none is queued.
 */
export const useBloccoStore = defineStore('blocco', () => {
  const { occupato, errori, messaggio, run } = useAzione();
  const esito = shallowRef<EsitoAzione | null>(null);
  const invio = shallowRef<VoceInvio[] | null>(null);
  const saltatiInvio = shallowRef<EsitoSaltato[]>([]);
  const client = () => useCommandClient();

  const prepara = (input: CommandInput<'bozze.prepara'>): Promise<PreparazioneEsito | null> => run(() => client().invoke('bozze.prepara', input));

  async function modifica(ids: string[], campi: CampiBlocco): Promise<boolean> {
    const r = await run(() => client().invoke('bozze.modificaInBlocco', { ids, campi }));
    if (r) esito.value = { azione: 'modifica', fatte: r.fatte.length, saltati: r.saltati };
    return r !== null;
  }

  async function proponi(ids: string[]): Promise<void> {
    const r = await run(() => client().invoke('bozze.proponiOrari', { ids }));
    if (r) esito.value = { azione: 'proponi', fatte: r.proposte.length, saltati: r.saltati, online: r.online };
  }

  async function elimina(ids: string[]): Promise<void> {
    const r = await run(() => client().invoke('bozze.eliminaInBlocco', { ids }));
    if (r) esito.value = { azione: 'elimina', fatte: r.fatte.length, saltati: r.saltati };
  }

  /** Queues the drafts; those refused at once are listed with why, the rest followed until they leave the queue. */
  async function invia(righe: BozzaRiga[]): Promise<void> {
    const r = await run(() => client().invoke('bozze.inviaInBlocco', { ids: righe.map((x) => x.id) }));
    if (!r) return;
    const fatte = new Set(r.fatte);
    esito.value = null;
    saltatiInvio.value = r.saltati;
    invio.value = righe
      .filter((x) => fatte.has(x.id))
      .map((x) => ({ id: x.id, datoreNominativo: x.datoreNominativo, codiceRapporto: x.codiceRapporto, stato: 'in_coda' as const, motivo: null }));
    await aggiornaInvio();
  }

  // Only the newest re-read may write: a sync's events come in bursts.
  let lettura = 0;

  /** Re-reads the states of the batch's drafts still queued: one search for the queue, then each draft that left it. */
  async function aggiornaInvio(): Promise<void> {
    const voci = invio.value;
    if (!voci || voci.every((v) => v.stato !== 'in_coda')) return;
    const mine = ++lettura;
    try {
      const inCoda = await idsInCoda();
      const nuove = await Promise.all(voci.map(async (v) => (v.stato === 'in_coda' && !inCoda.has(v.id) ? rileggi(v) : v)));
      if (mine === lettura && invio.value === voci) invio.value = nuove;
    } catch {
      // The next data change tries again; the list shows the last states read.
    }
  }

  async function idsInCoda(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += PAGE_MAX) {
      const page = await client().invoke('bozze.cerca', { stati: ['in_coda'], limite: PAGE_MAX, offset });
      page.righe.forEach((r) => ids.add(r.id));
      if (page.righe.length < PAGE_MAX) return ids;
    }
  }

  async function rileggi(v: VoceInvio): Promise<VoceInvio> {
    try {
      const b = await client().invoke('bozza.dettaglio', { id: v.id });
      return { ...v, stato: b.stato, motivo: b.errore?.messaggio ?? null };
    } catch (error) {
      if (error instanceof CommandError && error.code === 'NON_TROVATO') return { ...v, stato: 'eliminata', motivo: null };
      throw error;
    }
  }

  const concluse = computed(() => invio.value?.filter((v) => v.stato !== 'in_coda').length ?? 0);

  function chiudiInvio(): void {
    invio.value = null;
    saltatiInvio.value = [];
  }

  // State, then actions: two groups that stay two lines under a 160-column formatter.
  return {
    ...{ occupato, errori, messaggio, esito, invio, saltatiInvio, concluse },
    ...{ prepara, modifica, proponi, elimina, invia, aggiornaInvio, chiudiInvio },
  };
});
