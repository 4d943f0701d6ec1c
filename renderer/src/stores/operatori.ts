import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { CommandOutput } from '@common/commands/table';
import { nomeOperatore as nomeDa } from '@common/domain/operatori';
import { useCommandClient } from '../api/client';

export type OperatoreElenco = CommandOutput<'operatori.elenco'>[number];

/**
 * The office's operators by name (#15), loaded once and again when the core says data changed (a
 * sync may bring new names). Every screen that shows an operator asks here: the name when the
 * service gave it, else the id (or the login, for the registro) — never a blank.
 */
export const useOperatoriStore = defineStore('operatori', () => {
  const elenco = shallowRef<OperatoreElenco[]>([]);
  let caricamento: Promise<void> | null = null;

  const perId = computed(() => new Map(elenco.value.flatMap((o) => (o.nominativo ? [[o.id, o.nominativo] as const] : []))));
  const perUsername = computed(() => new Map(elenco.value.flatMap((o) => (o.nominativo && o.username ? [[o.username, o.nominativo] as const] : []))));

  async function aggiorna(): Promise<void> {
    try {
      const lista = await useCommandClient().invoke('operatori.elenco', {});
      if (Array.isArray(lista)) elenco.value = lista;
    } catch {
      // Names are a courtesy: without them the screens show the ids, as before.
    }
  }

  /** Loads the list the first time it is asked (every caller may ask), and follows dati.aggiornati from then on. */
  function carica(): Promise<void> {
    if (caricamento === null) {
      useCommandClient().on('dati.aggiornati', () => void aggiorna());
      caricamento = aggiorna();
    }
    return caricamento;
  }

  /** The operator's name, else their id; '' when there is none. */
  const nomeOperatore = (id: string | null | undefined): string => nomeDa(id, perId.value);

  /** The registro records the login (username): the operator's name when known, else the login. */
  const nomeUtente = (username: string | null | undefined): string => nomeDa(username, perUsername.value);

  /** Who is logged in, as «Giulia Ferri (operatore1)» when the name is known, else the login alone. */
  const nomeEUtente = (username: string): string => {
    const nome = nomeUtente(username);
    return nome === username ? username : `${nome} (${username})`;
  };

  return { elenco, carica, nomeOperatore, nomeUtente, nomeEUtente };
});
