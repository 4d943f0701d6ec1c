import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authenticate, requireIntermediario } from '../http/auth';
import { BEARER, type SandboxContext } from '../http/context';
import { errorResponses } from '../http/errors';
import { changesPageSchema } from '../http/schemas';
import { CHANGES_LIMIT_DEFAULT, CHANGES_LIMIT_MAX, readChangesJson } from '../store/changes';

const changesResponse = changesPageSchema;

const changesQuery = z.strictObject({
  since: z.string().max(200).optional().meta({ description: 'Cursore opaco; vuoto o assente = dall’inizio.' }),
  limit: z.coerce.number().int().min(1).max(CHANGES_LIMIT_MAX).optional(),
  conta: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Se true, la risposta include `remaining`: le modifiche ancora da leggere, questa pagina compresa.' }),
});

export function registerChanges(app: FastifyInstance, ctx: SandboxContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/changes',
    {
      schema: {
        summary: "Feed ordinato delle modifiche visibili all'intermediario (deleghe, datori, rapporti, quesiti, argomenti, sedi, appuntamenti, comunicazioni).",
        tags: ['sincronizzazione'],
        security: BEARER,
        querystring: changesQuery,
        response: {
          200: changesResponse,
          ...errorResponses({ 400: ['INPUT_NON_VALIDO', 'CURSORE_NON_VALIDO'], 401: ['NON_AUTENTICATO'], 403: ['SOLO_INTERMEDIARI'] }),
        },
      },
    },
    async (request, reply) => {
      const p = requireIntermediario(authenticate(ctx.store, request));
      const json = readChangesJson(
        ctx.store,
        p.intermediarioId,
        request.query.since ?? '',
        request.query.limit ?? CHANGES_LIMIT_DEFAULT,
        request.query.conta === 'true',
      );
      // Already JSON: the stored records are sent verbatim (a string payload skips serialization).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
    },
  );
}
