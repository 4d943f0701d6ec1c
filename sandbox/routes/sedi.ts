import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ALLEGATO_MIME } from '../../electron/common/domain/allegati';
import { addDays, compareIsoDate } from '../../electron/common/domain/calendario';
import { SESSION_MINUTES, authenticate } from '../http/auth';
import { BEARER, type SandboxContext } from '../http/context';
import { errorResponses } from '../http/errors';
import { NOTA_MAX, QUESITI_MAX, TESTO_MAX, isoDate } from '../http/schemas';
import { ProblemError, nonTrovato } from '../problem';
import { SANDBOX_CAPS } from '../store/allegati';
import { SLOT_RANGE_MAX_DAYS, freeSlots } from '../store/slot';
import { slotSchema } from '../../electron/common/remote/schemas';

// The contract's schema, shared with the app's gateway.
const slotResponse = slotSchema;

const impostazioniResponse = z
  .object({
    allegati: z.object({
      maxCount: z.number().int(),
      maxFileBytes: z.number().int(),
      maxTotalBytes: z.number().int(),
      tipi: z.array(z.enum(ALLEGATO_MIME)),
    }),
    notaMaxLength: z.number().int(),
    comunicazioneMaxLength: z.number().int(),
    quesitiMaxPerAppuntamento: z.number().int(),
    sessioneMinuti: z.number().int(),
    slotIntervalloMaxGiorni: z.number().int(),
  })
  .meta({ id: 'Impostazioni' });

export function registerSedi(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/v1/sedi/:id/slot',
    {
      schema: {
        summary: 'Slot liberi di una sede tra due date (incluse), secondo orari, chiusure e prenotazioni.',
        tags: ['sedi'],
        security: BEARER,
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        querystring: z.strictObject({ dal: isoDate, al: isoDate }),
        response: {
          200: slotResponse,
          ...errorResponses({ 400: ['INPUT_NON_VALIDO', 'INTERVALLO_NON_VALIDO'], 401: ['NON_AUTENTICATO'], 404: ['NON_TROVATO'] }),
        },
      },
    },
    async (request) => {
      authenticate(ctx.store, request);
      const { dal, al } = request.query;
      if (compareIsoDate(dal, al) > 0 || compareIsoDate(addDays(dal, SLOT_RANGE_MAX_DAYS), al) < 0) {
        throw new ProblemError(
          400,
          'INTERVALLO_NON_VALIDO',
          `Intervallo non valido: «dal» non può seguire «al» e l'intervallo massimo è di ${SLOT_RANGE_MAX_DAYS} giorni.`,
        );
      }
      const sede = ctx.store.sede(request.params.id);
      if (sede === null) throw nonTrovato('Sede');
      return { sedeId: sede.id, slotMinuti: sede.slotMinuti, modalita: sede.modalita, slot: freeSlots(ctx.store, sede, dal, al) };
    },
  );
  zapp.get(
    '/v1/impostazioni',
    {
      schema: {
        summary: 'Limiti pubblicati dal servizio (allegati, lunghezza della nota…): il client li applica prima di inviare.',
        tags: ['impostazioni'],
        security: BEARER,
        response: { 200: impostazioniResponse, ...errorResponses({ 401: ['NON_AUTENTICATO'] }) },
      },
    },
    async (request) => {
      authenticate(ctx.store, request);
      return {
        allegati: { ...SANDBOX_CAPS, tipi: [...ALLEGATO_MIME] },
        notaMaxLength: NOTA_MAX,
        comunicazioneMaxLength: TESTO_MAX,
        quesitiMaxPerAppuntamento: QUESITI_MAX,
        sessioneMinuti: SESSION_MINUTES,
        slotIntervalloMaxGiorni: SLOT_RANGE_MAX_DAYS,
      };
    },
  );
}
