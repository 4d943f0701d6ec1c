import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ALLEGATO_CONTENT_TYPES_DOC } from '../uploadTypes';
import { authenticate } from '../http/auth';
import { BEARER, type SandboxContext } from '../http/context';
import { ALLEGATI_ROUTE, errorResponses } from '../http/errors';
import { allegatoContenutoSchema } from '../../electron/common/remote/schemas';
import { allegatoSchema, sha256Schema } from '../http/schemas';
import { SANDBOX_CAPS, getAllegato, putAllegato } from '../store/allegati';

export const ALLEGATO_CONTENT_TYPES = ALLEGATO_CONTENT_TYPES_DOC;

/** Raw uploads get their own plugin scope: only binary types parse here, and only here. */
export async function registerAllegati(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...ALLEGATO_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: SANDBOX_CAPS.maxFileBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().put(
      ALLEGATI_ROUTE,
      {
        bodyLimit: SANDBOX_CAPS.maxFileBytes,
        schema: {
          summary: 'Carica un allegato indirizzato dalla sua impronta SHA-256 (idempotente). Il tipo è verificato dal contenuto.',
          tags: ['allegati'],
          security: BEARER,
          params: z.strictObject({ sha256: sha256Schema }),
          response: {
            200: allegatoSchema,
            201: allegatoSchema,
            ...errorResponses({
              400: ['INPUT_NON_VALIDO', 'HASH_NON_CORRISPONDENTE'],
              401: ['NON_AUTENTICATO'],
              413: ['ALLEGATO_TROPPO_GRANDE'],
              415: ['TIPO_CONTENUTO_NON_VALIDO'],
              422: ['ALLEGATO_NON_VALIDO'],
            }),
          },
        },
      },
      async (request, reply) => {
        authenticate(ctx.store, request);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const declared = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase() ?? '';
        const { info, created } = putAllegato(ctx.store, request.params.sha256, body, declared);
        return reply.code(created ? 201 : 200).send(info);
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().get(
      ALLEGATI_ROUTE,
      {
        schema: {
          summary:
            'Scarica l’allegato di un appuntamento (#14): per chi ha una delega attiva del datore di lavoro di quell’appuntamento. Con `Accept: application/json` il contenuto arriva in base64 (AllegatoContenuto), altrimenti così com’è, con il suo tipo.',
          tags: ['allegati'],
          security: BEARER,
          params: z.strictObject({ sha256: sha256Schema }),
          response: {
            200: allegatoContenutoSchema,
            ...errorResponses({ 400: ['INPUT_NON_VALIDO'], 401: ['NON_AUTENTICATO'], 403: ['DELEGA_NON_ATTIVA'], 404: ['NON_TROVATO'] }),
          },
        },
      },
      async (request, reply) => {
        const principal = authenticate(ctx.store, request);
        const { info, bytes } = getAllegato(ctx.store, principal, request.params.sha256);
        if (/application\/json/i.test(request.headers.accept ?? '')) return reply.code(200).send({ ...info, contenutoBase64: bytes.toString('base64') });
        // The raw bytes go out as they are (a Buffer skips serialization); the schema above describes the JSON form.
        return reply
          .code(200)
          .type(info.mime)
          .header('Content-Disposition', 'attachment')
          .send(bytes as never);
      },
    );
  });
}
