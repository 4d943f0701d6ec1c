import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import {
  PERIODI,
  type BloccoStatistiche,
  type FiltriStatistiche,
  type PeriodoPreimpostato,
  type StatisticheAndamento,
  type StatisticheArgomenti,
  type StatisticheOperatori,
  type StatisticheSedi,
} from '@common/commands/statistiche';
import { isIsoDate } from '@common/domain/calendario';
import { ARGOMENTI, type ArgomentoCodice } from '@common/model';
import { useCommandClient } from '../api/client';
import { erroriPerCampo, messaggioErrore } from '../api/errori';
import { salvaEsportato } from '../api/esporta';

/** The period select: a ready-made period, or «personalizzato» with the dal/al fields. */
export type SceltaPeriodo = PeriodoPreimpostato | 'personalizzato';

export interface FiltriScreen {
  periodo: SceltaPeriodo;
  dal: string;
  al: string;
  sedeId: string;
  argomento: ArgomentoCodice | '';
  operatoreId: string;
}

export const PERIODO_PREDEFINITO: PeriodoPreimpostato = '12mesi';
export const vuoti = (): FiltriScreen => ({ periodo: PERIODO_PREDEFINITO, dal: '', al: '', sedeId: '', argomento: '', operatoreId: '' });

const primo = (v: LocationQuery[string] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The filters from the address (a reload, a link): anything unknown is ignored, not refused. */
export function filtriDaQuery(query: LocationQuery): FiltriScreen {
  const periodo = primo(query.periodo);
  const argomento = primo(query.argomento);
  const data = (v: string) => (isIsoDate(v) ? v : '');
  const dal = data(primo(query.dal));
  const al = data(primo(query.al));
  const scelta: SceltaPeriodo =
    periodo === 'personalizzato' || dal || al
      ? 'personalizzato'
      : (PERIODI as readonly string[]).includes(periodo)
        ? (periodo as PeriodoPreimpostato)
        : PERIODO_PREDEFINITO;
  return {
    periodo: scelta,
    dal: scelta === 'personalizzato' ? dal : '',
    al: scelta === 'personalizzato' ? al : '',
    sedeId: primo(query.sede).slice(0, 64),
    argomento: (ARGOMENTI as readonly string[]).includes(argomento) ? (argomento as ArgomentoCodice) : '',
    operatoreId: primo(query.operatore).slice(0, 64),
  };
}

/** The filters as the address keeps them: only what differs from the defaults. */
export function queryDaFiltri(f: FiltriScreen): LocationQueryRaw {
  const q: LocationQueryRaw = {};
  if (f.periodo !== PERIODO_PREDEFINITO) q.periodo = f.periodo;
  if (f.periodo === 'personalizzato') {
    if (f.dal) q.dal = f.dal;
    if (f.al) q.al = f.al;
  }
  if (f.sedeId) q.sede = f.sedeId;
  if (f.argomento) q.argomento = f.argomento;
  if (f.operatoreId) q.operatore = f.operatoreId;
  return q;
}

/** The filters as the core takes them. A custom period goes as typed: the core says what is wrong with it. */
export function filtriComando(f: FiltriScreen): FiltriStatistiche {
  return {
    ...(f.periodo === 'personalizzato' ? { ...(f.dal ? { dal: f.dal } : {}), ...(f.al ? { al: f.al } : {}) } : { periodo: f.periodo }),
    ...(f.sedeId ? { sedeId: f.sedeId } : {}),
    ...(f.argomento ? { argomento: f.argomento } : {}),
    ...(f.operatoreId ? { operatoreId: f.operatoreId } : {}),
  };
}

export interface DatiStatistiche {
  sedi: StatisticheSedi;
  andamento: StatisticheAndamento;
  argomenti: StatisticheArgomenti;
  operatori: StatisticheOperatori;
}

/**
 * The Statistiche screen: the filters, the four blocks (one command each, asked together, each shown
 * as it comes once the screen has figures), and the
 * core's refusal of a custom period split by field (dal/al) so it shows beside the dates.
 */
export const useStatisticheStore = defineStore('statistiche', () => {
  const filtri = reactive<FiltriScreen>(vuoti());
  const dati = shallowRef<DatiStatistiche | null>(null);
  const caricamento = ref(false);
  const messaggio = ref<string | null>(null);
  const errori = ref<Record<string, string>>({});
  let generazione = 0;

  async function carica(): Promise<void> {
    const mine = ++generazione;
    caricamento.value = true;
    const input = filtriComando(filtri);
    const client = useCommandClient();
    // With the blocks already on screen, each one is replaced as soon as its answer comes: the core
    // answers the four one after another, so the screen draws the first ones (tables and charts)
    // while it still computes the last, the topic block, the slowest, asked last. A first load, or
    // one after a refusal, shows the four together.
    const avanti = dati.value !== null;
    const blocco = <K extends keyof DatiStatistiche>(k: K, risposta: Promise<DatiStatistiche[K]>) =>
      risposta.then((v) => {
        if (avanti && mine === generazione && dati.value) dati.value = { ...dati.value, [k]: v };
        return v;
      });
    try {
      const [sedi, andamento, operatori, argomenti] = await Promise.all([
        blocco('sedi', client.invoke('statistiche.sedi', input)),
        blocco('andamento', client.invoke('statistiche.andamento', input)),
        blocco('operatori', client.invoke('statistiche.operatori', input)),
        blocco('argomenti', client.invoke('statistiche.argomenti', input)),
      ]);
      if (mine !== generazione) return; // an older answer never lands over a newer one
      dati.value = { sedi, andamento, argomenti, operatori };
      messaggio.value = null;
      errori.value = {};
    } catch (error) {
      if (mine !== generazione) return;
      dati.value = null;
      errori.value = erroriPerCampo(error);
      // A refusal about the dates is shown beside them; anything else above the blocks.
      const suiCampi = Object.keys(errori.value).some((k) => k === 'dal' || k === 'al' || k === 'periodo');
      messaggio.value = suiCampi ? null : messaggioErrore(error);
    } finally {
      if (mine === generazione) caricamento.value = false;
    }
  }

  /** The numbers of one block as an Excel file, with the filters on screen; the file's name, or null if refused. */
  async function esporta(blocco: BloccoStatistiche): Promise<string | null> {
    try {
      const file = await useCommandClient().invoke('statistiche.esporta', { blocco, filtri: filtriComando(filtri) });
      salvaEsportato(file);
      return file.nomeFile;
    } catch (error) {
      messaggio.value = messaggioErrore(error);
      return null;
    }
  }

  return { filtri, dati, caricamento, messaggio, errori, carica, esporta };
});
