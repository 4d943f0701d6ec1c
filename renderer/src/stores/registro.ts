import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { CommandInput } from '@common/commands/table';
import type { RegistroOpzioni, RegistroRiga, RegistroVerifica } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';
import { salvaEsportato } from '../api/esporta';
import { usePagine } from './pagine';

export const PAGE_SIZE = 200;
export const FORMATI_REGISTRO = ['xlsx', 'csv'] as const;
export type FormatoRegistro = (typeof FORMATI_REGISTRO)[number];

export interface FiltriRegistro {
  operatore: string;
  testo: string;
  azione: string;
  soloErrori: boolean;
  dal: string;
  al: string;
}

export const vuoti = (): FiltriRegistro => ({ operatore: '', testo: '', azione: '', soloErrori: false, dal: '', al: '' });

/** The filters as the core takes them (the search and the export). */
export function filtriComando(f: FiltriRegistro): Omit<CommandInput<'registro.cerca'>, 'limite' | 'offset'> {
  return {
    testo: f.testo,
    ...(f.operatore ? { operatore: f.operatore } : {}),
    ...(f.azione ? { azioni: [f.azione] } : {}),
    ...(f.soloErrori ? { esito: 'errore' as const } : {}),
    ...(f.dal ? { dal: f.dal } : {}),
    ...(f.al ? { al: f.al } : {}),
  };
}

/** The registro attività (#12): its rows page by page, the filters' choices, the export and the chain check. */
export const useRegistroStore = defineStore('registro', () => {
  const filtri = reactive<FiltriRegistro>(vuoti());
  const lista = usePagine<RegistroRiga>({
    pageSize: PAGE_SIZE,
    leggi: (offset, limite) => useCommandClient().invoke('registro.cerca', { ...filtriComando(filtri), limite, offset }),
  });
  const { totale, righe, errore, caricamento, assicura } = lista;
  const opzioni = shallowRef<RegistroOpzioni>({ operatori: [], azioni: [] });
  const verifica = shallowRef<RegistroVerifica | null>(null);
  const verificaInCorso = ref(false);

  async function cerca(): Promise<void> {
    // Dates the wrong way round: no rows, and the fields say why (the core would refuse them).
    if (filtri.dal && filtri.al && filtri.al < filtri.dal) return lista.vuota();
    await lista.cerca();
  }

  async function caricaOpzioni(): Promise<void> {
    opzioni.value = await useCommandClient()
      .invoke('registro.opzioni', {})
      .catch(() => opzioni.value);
  }

  async function esporta(formato: FormatoRegistro): Promise<void> {
    try {
      salvaEsportato(await useCommandClient().invoke('registro.esporta', { ...filtriComando(filtri), formato }));
      // The export is itself a row: show it.
      await Promise.all([cerca(), caricaOpzioni()]);
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }

  async function verificaIntegrita(): Promise<void> {
    verificaInCorso.value = true;
    verifica.value = null;
    try {
      verifica.value = await useCommandClient().invoke('registro.verifica', {});
    } catch (error) {
      errore.value = messaggioErrore(error);
    } finally {
      verificaInCorso.value = false;
    }
  }

  function azzera(): void {
    Object.assign(filtri, vuoti());
  }

  return {
    ...{ filtri, totale, righe, errore, caricamento, opzioni, verifica, verificaInCorso },
    ...{ cerca, assicura, caricaOpzioni, esporta, verificaIntegrita, azzera },
  };
});
