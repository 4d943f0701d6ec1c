import { z } from 'zod';
import { command } from './contract';
import type { AllegatoPreparato, Bozza, RiduzioneAllegati } from './types';

// Attachments as offices receive them (#14): a file checked and stored before it goes on a draft,
// then reduced or merged to fit the service's caps. Kept apart from table.ts, which spreads them in.

const idSchema = z.string().min(1).max(64);
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Impronta SHA-256 non valida.');
const nomeFileSchema = z.string().trim().min(1).max(255);
const vociSchema = z.array(z.strictObject({ sha256: sha256Schema, nomeFile: nomeFileSchema }));

export const comandiAdatta = {
  'allegato.prepara': command<AllegatoPreparato>()({
    summary: 'Controlla un file aprendolo (PDF, JPEG, PNG, TIFF; HEIC convertito in JPEG), toglie i metadati delle foto e lo conserva, senza ancora allegarlo.',
    input: z.strictObject({
      nomeFile: nomeFileSchema,
      // A bound on the transport only (about 40 MB of file): a photo over the service's caps is read, to be reduced.
      contenutoBase64: z.string().max(56 * 1024 * 1024, 'Il file è troppo grande: si leggono file fino a 40 MB.'),
    }),
  }),
  'bozza.allegato.collega': command<Bozza>()({
    summary: 'Allega a una bozza un file già controllato e conservato (preparato, ridotto o unito), entro i limiti del servizio.',
    input: z.strictObject({ bozzaId: idSchema, sha256: sha256Schema, nomeFile: nomeFileSchema }),
  }),
  'allegati.riduci': command<RiduzioneAllegati>()({
    summary: 'Riduce le immagini (lato e qualità JPEG) finché i file entrano nei limiti del servizio insieme agli altri allegati della bozza.',
    input: z.strictObject({ bozzaId: idSchema.optional(), voci: vociSchema.min(1).max(10) }),
  }),
  'allegato.scaricaRemoto': command<{ sha256: string; mime: string; dimensione: number }>()({
    summary: 'Scarica dal servizio l’allegato di un appuntamento prenotato altrove e lo conserva (cifrato) su questo computer.',
    input: z.strictObject({ sha256: sha256Schema }),
  }),
  'allegati.unisci': command<AllegatoPreparato>()({
    summary: 'Unisce immagini e PDF, nell’ordine dato, in un solo PDF (una pagina A4 per immagine, o più per un TIFF).',
    input: z.strictObject({ bozzaId: idSchema.optional(), voci: vociSchema.min(1).max(30), nomeFile: nomeFileSchema.default('documento.pdf') }),
  }),
};
