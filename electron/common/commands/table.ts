import { z } from 'zod';
import { command, type CommandDef, type CommandScope } from './contract';
import { delegaStatoSchema, isoDateSchema, pageSchema, searchTextSchema } from './schemas';
import { codiceFiscaleSchema } from '../domain/codiceFiscale';
import { codiceRapportoSchema } from '../domain/codiceRapporto';
import type { AppInfo, ClienteDettaglio, ClienteRiga, DemoConteggi, Pagina, QuesitoRiga, SyncStato } from './types';

/**
 * The command table: every feature is one entry here (name → input schema → output type)
 * plus one handler in electron/core. IPC, the browser host and the CLI all dispatch through it.
 */
export const commands = {
  'app.info': command<AppInfo>()({
    summary: 'Versione dell’app e dello schema del database locale.',
    input: z.strictObject({}),
  }),
  'clienti.cerca': command<Pagina<ClienteRiga>>()({
    summary: 'Cerca i datori di lavoro per nome, codice fiscale o codice rapporto.',
    input: z.strictObject({
      testo: searchTextSchema.default(''),
      delega: z.array(delegaStatoSchema).max(4).optional(),
      ...pageSchema,
    }),
  }),
  'cliente.dettaglio': command<ClienteDettaglio>()({
    summary: 'Scheda di un cliente: delega, rapporti e quanti quesiti sono idonei.',
    input: z.strictObject({ codiceFiscale: codiceFiscaleSchema }),
  }),
  'rapporto.quesiti': command<QuesitoRiga[]>()({
    summary: 'I quesiti di un rapporto con la loro idoneità a un appuntamento, oggi.',
    input: z.strictObject({ codiceRapporto: codiceRapportoSchema }),
  }),
  'sync.ora': command<SyncStato>()({
    summary: 'Sincronizza ora: scarica dal servizio tutte le modifiche dall’ultima sincronizzazione.',
    input: z.strictObject({}),
  }),
  'sync.stato': command<SyncStato>()({
    summary: 'Stato della sincronizzazione: fase, ultimo aggiornamento, avanzamento.',
    input: z.strictObject({}),
  }),
  'demo.carica': command<DemoConteggi>()({
    summary: 'Carica nel database locale i dati dimostrativi generati da un seme (solo operazioni).',
    scope: 'ops',
    input: z.strictObject({
      seme: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      dimensione: z.enum(['tiny', 'small', 'office']).default('small'),
      oggi: isoDateSchema.optional(),
    }),
  }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type AppCommandName = { [N in CommandName]: Commands[N]['scope'] extends 'app' ? N : never }[CommandName];
/** What a caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type CommandParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = Commands[N] extends CommandDef<z.ZodType, infer O, CommandScope> ? O : never;

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}
