import { z } from 'zod';
import { codiceFiscaleSchema } from '../domain/codiceFiscale';
import type { IsoDate, IsoInstant } from '../model';
import { command } from './contract';
import { isoDateSchema } from './schemas';
import type { FileEsportato } from './types';

// Privacy (#12): retention of the local data of clients whose delega ended long ago, and the export
// of one client's data on request (GDPR art. 15). Kept apart from table.ts, which spreads them in.

export const CONSERVAZIONE_MESI_DEFAULT = 12;
export const CONSERVAZIONE_MESI_MAX = 120;

/** The retention period in months: whole, 1 to 120. Zero or negative would purge clients whose delega just ended. */
export const conservazioneMesiSchema = z
  .number({ error: 'Indica il numero di mesi di conservazione.' })
  .int('I mesi di conservazione sono un numero intero.')
  .min(1, 'I mesi di conservazione devono essere almeno 1: con 0 o meno si cancellerebbero i dati di clienti appena usciti.')
  .max(CONSERVAZIONE_MESI_MAX, `I mesi di conservazione possono essere al massimo ${CONSERVAZIONE_MESI_MAX} (10 anni).`);

/** What a purge removes from this PC for one client (counts), or for all of them (totals). */
export interface ConservazioneConteggi {
  bozze: number;
  /** Drafts' notes (they go with their drafts). */
  note: number;
  /** Attachment files held on this PC that nothing else still uses. */
  allegati: number;
  allegatiByte: number;
  /** Messages with the sede cached here (and replies still queued). */
  comunicazioni: number;
  /** Review notices (Revisione stati) about the client's drafts and appointments. */
  avvisi: number;
}

export interface ConservazioneCliente extends ConservazioneConteggi {
  codiceFiscale: string;
  nominativo: string;
  /** The state of the delega that ended, and the day it ended. */
  delegaStato: 'revocata' | 'annullata' | 'attiva';
  delegaFine: IsoDate;
}

export interface ConservazioneAnteprima {
  mesi: number;
  /** Deleghe ended before this day (Rome) are past retention. */
  soglia: IsoDate;
  clienti: ConservazioneCliente[];
  /** Attachment files no draft and no appointment uses any more (e.g. of a deleted draft): they go too. */
  orfani: { allegati: number; allegatiByte: number };
  totali: ConservazioneConteggi;
}

export interface ConservazioneStato {
  mesi: number;
  /** The last completed run, from the registro. */
  ultimaCorsa: { il: IsoInstant; clienti: number; operatore: string | null } | null;
}

export interface ConservazioneEsito {
  soglia: IsoDate;
  clienti: number;
  totali: ConservazioneConteggi;
  /** Files removed from the attachments folder. */
  fileEliminati: number;
}

export const comandiConservazione = {
  'conservazione.stato': command<ConservazioneStato>()({
    summary: 'Per quanti mesi si conservano i dati locali dei clienti con la delega finita, e l’ultima pulizia fatta.',
    input: z.strictObject({}),
  }),
  'conservazione.imposta': command<ConservazioneStato>()({
    summary: 'Imposta per quanti mesi (1–120) si conservano i dati locali dei clienti dopo la fine della delega.',
    input: z.strictObject({ mesi: conservazioneMesiSchema }),
  }),
  'conservazione.anteprima': command<ConservazioneAnteprima>()({
    summary: 'Anteprima della pulizia: i clienti con la delega finita da più dei mesi impostati e cosa si cancellerebbe per ciascuno.',
    input: z.strictObject({}),
  }),
  'conservazione.esegui': command<ConservazioneEsito>()({
    summary: 'Cancella i dati locali (bozze, allegati, note, comunicazioni) dei clienti confermati nell’anteprima; registrato nel registro attività.',
    input: z.strictObject({
      soglia: isoDateSchema,
      clienti: z
        .array(codiceFiscaleSchema)
        .max(100_000)
        .refine((cf) => new Set(cf).size === cf.length, 'Un cliente è indicato più volte.'),
    }),
  }),
  'cliente.esportaDati': command<FileEsportato>()({
    summary: 'Esporta i dati del cliente tenuti su questo computer (GDPR art. 15): zip con riepilogo PDF, dati JSON e allegati.',
    input: z.strictObject({ codiceFiscale: codiceFiscaleSchema }),
  }),
} as const;
