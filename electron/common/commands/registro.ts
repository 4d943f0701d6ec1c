import { z } from 'zod';
import { command } from './contract';
import { isoDateSchema, pageSchema, searchTextSchema } from './schemas';
import type { FileEsportato, Pagina, RegistroOpzioni, RegistroRiga, RegistroVerifica } from './types';

// Privacy (#12): the registro attività (core: registro/). Kept apart from table.ts, which spreads them in.

/** The registro attività's filters, shared by the search and the export. */
const filtriRegistro = {
  operatore: z.string().trim().min(1).max(200).optional(),
  /** Client's name or codice fiscale. */
  testo: searchTextSchema.default(''),
  azioni: z.array(z.string().min(1).max(60)).max(50).optional(),
  esito: z.enum(['ok', 'errore']).optional(),
  dal: isoDateSchema.optional(),
  al: isoDateSchema.optional(),
  ordine: z.enum(['il', '-il']).default('-il'),
};

export const comandiRegistro = {
  'registro.cerca': command<Pagina<RegistroRiga>>()({
    summary: 'Il registro attività: chi ha fatto cosa sui dati dei clienti, con filtri per operatore, cliente, azione e date.',
    input: z.strictObject({ ...filtriRegistro, ...pageSchema }),
  }),
  'registro.opzioni': command<RegistroOpzioni>()({
    summary: 'Gli operatori e le azioni presenti nel registro attività, per i filtri.',
    input: z.strictObject({}),
  }),
  'registro.esporta': command<FileEsportato>()({
    summary: 'Esporta il registro attività filtrato in CSV o Excel (l’esportazione resta nel registro).',
    input: z.strictObject({ formato: z.enum(['csv', 'xlsx']), ...filtriRegistro }),
  }),
  'registro.verifica': command<RegistroVerifica>()({
    summary: 'Verifica che il registro attività sia integro: indica la prima riga alterata, rimossa o spostata. Non cambia nulla.',
    input: z.strictObject({}),
  }),
};
