import { z } from 'zod';
import { isoDateSchema, localTimeSchema } from '../commands/schemas';
import { MODALITA } from '../model';

/** POST /v1/appuntamenti body: what a draft becomes when it is sent (and what the outbox keeps until then). */
export const prenotazioneRichiestaSchema = z.object({
  codiceRapporto: z.string().min(1),
  quesitiIds: z.array(z.string().min(1)).min(1),
  sedeId: z.string().min(1),
  data: isoDateSchema,
  ora: localTimeSchema,
  modalita: z.enum(MODALITA),
  nota: z.string().nullable().optional(),
  allegati: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), nomeFile: z.string().min(1) })),
});

export type PrenotazioneRichiesta = z.infer<typeof prenotazioneRichiestaSchema>;
