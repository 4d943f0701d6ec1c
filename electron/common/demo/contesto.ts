// What every stage of the generator shares: the recipe, "today" and the day ranges, as numbers.
import type { AppuntamentoStato, Esito, Modalita } from '../model';
import type { Calendario } from './calendario';
import type { Random } from './random';
import type { SizeSpec } from './types';

export interface Contesto {
  seed: number;
  spec: SizeSpec;
  root: Random;
  /** Today, as a day number. */
  T: number;
  cal: Calendario;
  /** "Now": today at 00:00 in Rome; every instant of the dataset is before it. */
  nowMs: number;
  /** Earliest booking / appointment day (≈ 12 months ago). */
  APP_MIN: number;
  /** Latest appointment day. */
  APP_MAX: number;
  /** First day of the per-sede opening and slot grids, and their length in days. */
  A_BASE: number;
  A_LEN: number;
}

// Esiti and appointment states are small integers in typed arrays; these map them back.
export const ESITI_IDX: readonly Esito[] = ['in_attesa', 'positivo', 'negativo'];
export const E_ATTESA = 0;
export const E_POSITIVO = 1;
export const E_NEGATIVO = 2;

export const ST_CONFERMATO = 0;
export const ST_CHIUSO = 1;
export const ST_CANCELLATO = 2;
export const STATI_IDX: readonly AppuntamentoStato[] = ['confermato', 'chiuso_definito', 'cancellato'];

export const MODALITA_NON_PRESENZA: readonly Modalita[] = ['richiamata', 'videochiamata'];
