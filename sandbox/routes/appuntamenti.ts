import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { codiceFiscaleSchema } from '../../electron/common/domain/codiceFiscale';
import { APPUNTAMENTO_STATI, MODALITA } from '../../electron/common/model';
import { authenticate } from '../http/auth';
import { BEARER, type SandboxContext } from '../http/context';
import { errorResponses } from '../http/errors';
import {
  MOTIVO_MAX,
  NOTA_MAX,
  QUESITI_MAX,
  TESTO_MAX,
  appuntamentoDettaglioSchema,
  appuntamentoSchema,
  codiceRapporto,
  comunicazioneSchema,
  isoDate,
  localTime,
  sha256Schema,
} from '../http/schemas';
import { ProblemError } from '../problem';
import { cancellaAppuntamento, dettaglio, searchAppuntamenti, visibleAppuntamento } from '../store/appuntamenti';
import { prenota } from '../store/booking';
import { comunica } from '../store/comunicazioni';

const prenotazioneBody = z
  .strictObject({
    codiceRapporto,
    quesitiIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(QUESITI_MAX)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'Un quesito è indicato più volte.' }),
    sedeId: z.string().min(1).max(64),
    data: isoDate,
    ora: localTime,
    modalita: z.enum(MODALITA),
    nota: z.string().max(NOTA_MAX).nullable().optional(),
    // More than the cap is a rule (TROPPI_ALLEGATI), not malformed input: the schema only bounds size.
    allegati: z
      .array(z.strictObject({ sha256: sha256Schema, nomeFile: z.string().min(1).max(255) }))
      .max(20)
      .default([]),
  })
  .meta({ id: 'PrenotazioneRichiesta' });

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().meta({ description: 'Obbligatoria: una chiave per intento (es. UUID della bozza).' }),
});

const searchQuery = z.strictObject({
  codiceRapporto: codiceRapporto.optional(),
  datoreCf: codiceFiscaleSchema.optional(),
  stato: z.enum(APPUNTAMENTO_STATI).optional(),
  dal: isoDate.optional(),
  al: isoDate.optional(),
  gestitoDaIntermediario: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
// The body is optional: Fastify hands a body-less POST to the validator as null.
const cancellazioneBody = z.strictObject({ motivo: z.string().min(1).max(MOTIVO_MAX).optional() }).nullish();
const comunicazioneBody = z.strictObject({ testo: z.string().trim().min(1).max(TESTO_MAX) });

const COMMON = { 401: ['NON_AUTENTICATO'] };

export function registerAppuntamenti(app: FastifyInstance, ctx: SandboxContext): void {
  registerPrenotazione(app, ctx);
  registerRicerca(app, ctx);
  registerDettaglio(app, ctx);
  registerCancellazione(app, ctx);
  registerComunicazioni(app, ctx);
}

function registerPrenotazione(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.post(
    '/v1/appuntamenti',
    {
      schema: {
        summary: 'Prenota un appuntamento (stato confermato). Idempotente per Idempotency-Key.',
        tags: ['appuntamenti'],
        security: BEARER,
        headers: idempotencyHeaders,
        body: prenotazioneBody,
        response: {
          201: appuntamentoDettaglioSchema,
          ...errorResponses(
            {
              400: ['INPUT_NON_VALIDO', 'JSON_NON_VALIDO', 'IDEMPOTENCY_KEY_MANCANTE'],
              ...COMMON,
              403: ['DELEGA_NON_ATTIVA'],
              404: ['NON_TROVATO'],
              409: ['SLOT_NON_DISPONIBILE', 'QUESITO_GIA_PRENOTATO'],
              422: [
                'IDEMPOTENCY_KEY_REUSED',
                'QUESITO_NON_IDONEO',
                'QUESITO_ALTRO_RAPPORTO',
                'ALLEGATO_MANCANTE',
                'TROPPI_ALLEGATI',
                'ALLEGATI_TROPPO_GRANDI',
                'MODALITA_NON_DISPONIBILE',
              ],
            },
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      const p = authenticate(ctx.store, request);
      const key = request.headers['idempotency-key'];
      if (key === undefined) {
        throw new ProblemError(400, 'IDEMPOTENCY_KEY_MANCANTE', "Manca l'intestazione Idempotency-Key.");
      }
      const result = prenota(ctx.store, p, key, request.body);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      // The stored body goes out verbatim (a string payload skips serialization): replays are byte-identical.
      return (reply as FastifyReply).code(result.status).type('application/json; charset=utf-8').send(result.body);
    },
  );
}

function registerRicerca(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/v1/appuntamenti',
    {
      schema: {
        summary: 'Ricerca online degli appuntamenti: per gli intermediari solo dei datori con delega attiva; per i cittadini i propri.',
        tags: ['appuntamenti'],
        security: BEARER,
        querystring: searchQuery,
        response: {
          200: z.object({ appuntamenti: z.array(appuntamentoSchema), hasMore: z.boolean() }).meta({ id: 'RicercaAppuntamenti' }),
          ...errorResponses({ 400: ['INPUT_NON_VALIDO'], ...COMMON }),
        },
      },
    },
    async (request) => searchAppuntamenti(ctx.store, authenticate(ctx.store, request), request.query),
  );
}

function registerDettaglio(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/v1/appuntamenti/:id',
    {
      schema: {
        summary: 'Dettaglio di un appuntamento: allegati, comunicazioni e storico degli stati.',
        tags: ['appuntamenti'],
        security: BEARER,
        params: idParams,
        response: { 200: appuntamentoDettaglioSchema, ...errorResponses({ 400: ['INPUT_NON_VALIDO'], ...COMMON, 404: ['NON_TROVATO'] }) },
      },
    },
    async (request) => {
      const p = authenticate(ctx.store, request);
      return dettaglio(ctx.store, visibleAppuntamento(ctx.store, p, request.params.id));
    },
  );
}

function registerCancellazione(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.post(
    '/v1/appuntamenti/:id/cancellazione',
    {
      schema: {
        summary: 'Cancella un appuntamento confermato (idempotente).',
        tags: ['appuntamenti'],
        security: BEARER,
        params: idParams,
        body: cancellazioneBody,
        response: {
          200: appuntamentoDettaglioSchema,
          ...errorResponses({ 400: ['INPUT_NON_VALIDO'], ...COMMON, 404: ['NON_TROVATO'], 409: ['STATO_NON_CANCELLABILE'] }, { body: true }),
        },
      },
    },
    async (request) => {
      const p = authenticate(ctx.store, request);
      return cancellaAppuntamento(ctx.store, p, request.params.id, request.body?.motivo);
    },
  );
}

function registerComunicazioni(app: FastifyInstance, ctx: SandboxContext): void {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/v1/appuntamenti/:id/comunicazioni',
    {
      schema: {
        summary: "Le comunicazioni bidirezionali dell'appuntamento.",
        tags: ['appuntamenti'],
        security: BEARER,
        params: idParams,
        response: {
          200: z.object({ comunicazioni: z.array(comunicazioneSchema) }),
          ...errorResponses({ 400: ['INPUT_NON_VALIDO'], ...COMMON, 404: ['NON_TROVATO'] }),
        },
      },
    },
    async (request) => {
      const a = visibleAppuntamento(ctx.store, authenticate(ctx.store, request), request.params.id);
      return { comunicazioni: ctx.store.comunicazioniOf(a.id) };
    },
  );
  zapp.post(
    '/v1/appuntamenti/:id/comunicazioni',
    {
      schema: {
        summary: "Invia una comunicazione alla sede sull'appuntamento (solo se confermato). Idempotente per Idempotency-Key.",
        tags: ['appuntamenti'],
        security: BEARER,
        params: idParams,
        headers: idempotencyHeaders,
        body: comunicazioneBody,
        response: {
          201: comunicazioneSchema,
          ...errorResponses(
            {
              400: ['INPUT_NON_VALIDO', 'IDEMPOTENCY_KEY_MANCANTE'],
              ...COMMON,
              404: ['NON_TROVATO'],
              409: ['STATO_NON_MODIFICABILE'],
              422: ['IDEMPOTENCY_KEY_REUSED'],
            },
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      const p = authenticate(ctx.store, request);
      const key = request.headers['idempotency-key'];
      if (key === undefined) {
        throw new ProblemError(400, 'IDEMPOTENCY_KEY_MANCANTE', "Manca l'intestazione Idempotency-Key.");
      }
      const result = comunica(ctx.store, p, request.params.id, key, request.body.testo);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return (reply as FastifyReply).code(result.status).type('application/json; charset=utf-8').send(result.body);
    },
  );
}
