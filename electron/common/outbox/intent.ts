import { z } from 'zod';
import { COMUNICAZIONE_MAX } from '../model';
import { prenotazioneRichiestaSchema } from '../remote/prenotazione';

// What the outbox holds: one intent per row, sent to the service in order. The kind is the
// `tipo` column and the body the `payload` JSON column, so rows queued by earlier versions
// read back unchanged; this union is the one definition of both, parsed wherever rows are read.

const uploadIntent = z.object({
  tipo: z.literal('upload'),
  payload: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string().min(1) }),
});

const creaIntent = z.object({ tipo: z.literal('crea'), payload: prenotazioneRichiestaSchema });

const cancellaIntent = z.object({ tipo: z.literal('cancella'), payload: z.object({ appuntamentoId: z.string().min(1) }) });

/** A reply to the sede: `id` is ours (a UUID, also the idempotency key), so the thread shows it before the service has it. */
const comunicazioneIntent = z.object({
  tipo: z.literal('comunicazione'),
  payload: z.object({ appuntamentoId: z.string().min(1), id: z.uuid(), testo: z.string().trim().min(1).max(COMUNICAZIONE_MAX) }),
});

export const outboxIntentSchema = z.discriminatedUnion('tipo', [uploadIntent, creaIntent, cancellaIntent, comunicazioneIntent]);

export type OutboxIntent = z.infer<typeof outboxIntentSchema>;
export type OutboxTipo = OutboxIntent['tipo'];
