import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { operatoriSchema } from '../../electron/common/remote/schemas';
import { authenticate, requireIntermediario } from '../http/auth';
import { BEARER, type SandboxContext } from '../http/context';
import { errorResponses } from '../http/errors';
import { operatoriOf } from '../store/operatori';

// The contract's schema, shared with the app's gateway.
const operatoriResponse = operatoriSchema;

export function registerOperatori(app: FastifyInstance, ctx: SandboxContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/operatori',
    {
      schema: {
        summary: "Gli operatori dell'intermediario di chi chiama, con nome e cognome: il feed delle modifiche ne riporta solo l'identificativo.",
        tags: ['operatori'],
        security: BEARER,
        response: { 200: operatoriResponse, ...errorResponses({ 401: ['NON_AUTENTICATO'], 403: ['SOLO_INTERMEDIARI'] }) },
      },
    },
    async (request) => {
      const p = requireIntermediario(authenticate(ctx.store, request));
      return { operatori: operatoriOf(ctx.store, p.intermediarioId) };
    },
  );
}
