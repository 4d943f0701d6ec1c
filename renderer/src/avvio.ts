import type { ConfigurazioneStato, ProtezioneDati } from '@common/commands/types';

/** The pages that come before any data: the first run, the restore, the office's key. */
export type PaginaAvvio = 'benvenuto' | 'ripristino' | 'sblocco';

/** The key states in which the office's data cannot be shown: the unlock page takes over. */
export function chiaveRichiesta(protezione: ProtezioneDati): boolean {
  return protezione.stato === 'bloccata' || protezione.stato === 'da-impostare' || protezione.stato === 'mancante' || protezione.stato === 'danneggiata';
}

/**
 * Where the app must go before anything else. A restore offered comes first (the key opened the
 * database, the database is damaged); then the first run, where the service is chosen before the
 * key is asked; then the key, so no section shows data — or a blank database — while it is locked.
 */
export function paginaAvvio(stato: ConfigurazioneStato): PaginaAvvio | null {
  if (stato.recupero) return 'ripristino';
  if (stato.primoAvvio) return 'benvenuto';
  if (chiaveRichiesta(stato.protezione)) return 'sblocco';
  return null;
}
