import { z } from 'zod';
import { command } from './contract';
import type { ConfigurazioneStato } from './types';

// Privacy (#12): the office passphrase that wraps the database key (core: chiave/installazione.ts).
// Kept apart from table.ts, which spreads them in.

/** The office passphrase: its length rules are the core's (one Italian message, chiave/installazione.ts). */
const passphraseSchema = z.string().min(1, 'Scrivi la passphrase.').max(500);

export const comandiChiave = {
  'chiave.imposta': command<ConfigurazioneStato>()({
    summary: 'Primo avvio senza portachiavi del sistema: imposta la passphrase dell’ufficio che protegge la chiave dei dati.',
    input: z.strictObject({ passphrase: passphraseSchema, conferma: passphraseSchema }),
  }),
  'chiave.sblocca': command<ConfigurazioneStato>()({
    summary: 'Apre i dati dell’ufficio con la passphrase (una volta per avvio).',
    input: z.strictObject({ passphrase: passphraseSchema }),
  }),
  'chiave.cambia': command<ConfigurazioneStato>()({
    summary: 'Cambia la passphrase dell’ufficio: la chiave viene protetta con la nuova, i dati restano come sono.',
    input: z.strictObject({ attuale: passphraseSchema, nuova: passphraseSchema, conferma: passphraseSchema }),
  }),
};
