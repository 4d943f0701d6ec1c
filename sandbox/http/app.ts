// Builds the Fastify app: zod validation/serialization, problem+json errors, faults, routes, OpenAPI.
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installFaults } from '../faults';
import { finishOpenApiDocument } from '../openapi';
import { registerAdmin } from '../routes/admin';
import { registerAllegati } from '../routes/allegati';
import { registerAppuntamenti } from '../routes/appuntamenti';
import { registerChanges } from '../routes/changes';
import { registerOperatori } from '../routes/operatori';
import { registerSedi } from '../routes/sedi';
import { registerSessione } from '../routes/sessione';
import type { SandboxContext } from './context';
import { problem } from '../problem';
import { installErrorHandling, sendProblem } from './errors';
import { validatorCompiler } from './validation';

/** JSON bodies are small (a booking, a message); uploads have their own, larger limit. */
export const JSON_BODY_LIMIT = 64 * 1024;

export interface BuiltApp {
  app: FastifyInstance;
  /** 'METHOD /path' of every registered route, as Fastify saw them (collected by onRoute). */
  routes: string[];
}

export async function buildApp(ctx: SandboxContext, opts: { logger?: boolean; allowedHosts?: ReadonlySet<string> } = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger === true ? { level: 'info' } : false,
    bodyLimit: JSON_BODY_LIMIT,
    exposeHeadRoutes: false,
    // Held (timeout-fault) and keep-alive connections must not block close().
    forceCloseConnections: true,
  });
  const routes: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routes.push(`${m} ${r.url}`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON (and, in their own scope, raw uploads): text/plain would slip past as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  if (opts.allowedHosts) {
    // DNS rebinding: a web page on another name resolving to 127.0.0.1 still sends its own Host.
    const hosts = opts.allowedHosts;
    app.addHook('onRequest', async (request, reply) => {
      if (!hosts.has(request.headers.host ?? '')) {
        return sendProblem(reply, problem(403, 'HOST_NON_CONSENTITO', 'Richiesta indirizzata a un nome non consentito.'));
      }
    });
  }
  installFaults(app, ctx.faults);
  // Deleghe expire as the sandbox clock crosses their scadenza, whichever way the clock moved.
  app.addHook('onRequest', async () => {
    ctx.store.expireDeleghe();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cassetto sandbox',
        version: '1.0.0',
        description:
          'Contratto del servizio remoto del Cassetto previdenziale lavoro domestico (appuntamenti), come lo implementa il sandbox. Errori: RFC 9457 application/problem+json con `code` stabile.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  registerSessione(app, ctx);
  registerChanges(app, ctx);
  registerSedi(app, ctx);
  registerOperatori(app, ctx);
  await registerAllegati(app, ctx);
  registerAppuntamenti(app, ctx);
  if (ctx.admin) await registerAdmin(app, ctx);

  app.withTypeProvider<ZodTypeProvider>().get(
    '/openapi.json',
    {
      schema: {
        summary: 'Questo documento OpenAPI 3.1.',
        tags: ['documentazione'],
        response: { 200: z.looseObject({ openapi: z.string() }) },
      },
    },
    async () => finishOpenApiDocument(app.swagger() as unknown as Record<string, unknown>) as { openapi: string },
  );
  await app.ready();
  return { app, routes };
}
