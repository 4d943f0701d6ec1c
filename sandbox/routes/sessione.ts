import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { login } from '../http/auth';
import type { SandboxContext } from '../http/context';
import { errorResponses } from '../http/errors';
import { sessioneRichiestaSchema, sessioneSchema } from '../http/schemas';

const sessioneBody = sessioneRichiestaSchema;
const sessioneResponse = sessioneSchema;

export function registerSessione(app: FastifyInstance, ctx: SandboxContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/sessione',
    {
      schema: {
        summary: 'Accesso di un operatore o di un cittadino: restituisce un token bearer con scadenza.',
        tags: ['sessione'],
        body: sessioneBody,
        response: {
          200: sessioneResponse,
          ...errorResponses({ 401: ['CREDENZIALI_NON_VALIDE'] }, { body: true }),
        },
      },
    },
    async (request) => {
      const { token, scadenza, principal: p } = login(ctx.store, request.body.username, request.body.password);
      return {
        token,
        scadenza,
        utente: {
          username: p.username,
          tipo: p.kind,
          intermediarioId: p.kind === 'operatore' ? p.intermediarioId : null,
          operatoreId: p.kind === 'operatore' ? p.operatoreId : null,
          datoreCf: p.kind === 'cittadino' ? p.datoreCf : null,
        },
      };
    },
  );
}
