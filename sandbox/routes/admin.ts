// Sandbox-only routes playing the sede, INPS and the clock. Registered only with `admin: true`,
// and answered only to loopback callers.
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { codiceFiscaleSchema } from '../../electron/common/domain/codiceFiscale';
import { ARGOMENTI, ESITI } from '../../electron/common/model';
import type { SandboxContext } from '../http/context';
import { errorResponses, sendProblem } from '../http/errors';
import {
  MOTIVO_MAX,
  TESTO_MAX,
  appuntamentoDettaglioSchema,
  codiceRapporto,
  comunicazioneSchema,
  delegaSchema,
  isoDate,
  quesitoSchema,
  sedeSchema,
} from '../http/schemas';
import { ProblemError, problem } from '../problem';
import { attivaDelega, cambiaStatoDaSede, chiusuraSede, fineDelega, comunicazioneDaSede, creaQuesito, esitoQuesito, nuovaDelega } from '../store/admin';
import { reseedStore } from '../store/seed';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const motivoBody = z.strictObject({ motivo: z.string().trim().min(1).max(MOTIVO_MAX) });
const rate = z.number().min(0).max(1);
const faultsSchema = z
  .strictObject({
    errorRate: rate.default(0),
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    resetRate: rate.default(0),
    timeoutRate: rate.default(0),
    duplicateRate: rate.default(0),
    seed: z.number().int().default(1),
  })
  .refine((f) => f.errorRate + f.resetRate + f.timeoutRate + f.duplicateRate <= 1, {
    error: 'La somma delle probabilità di guasto non può superare 1.',
  })
  .meta({ id: 'Guasti' });
const faultsResponse = z.object({
  errorRate: z.number(),
  latencyMs: z.number(),
  resetRate: z.number(),
  timeoutRate: z.number(),
  duplicateRate: z.number(),
  seed: z.number(),
});
const clockBody = z
  .strictObject({
    advanceMinutes: z.number().int().min(-525_600).max(5_256_000).optional(),
    setTo: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => (b.advanceMinutes === undefined) !== (b.setTo === undefined), {
    error: 'Indica esattamente uno tra advanceMinutes e setTo.',
  });
const clockResponse = z.object({ now: z.string(), oggi: isoDate });

const NOT_FOUND = errorResponses({ 403: ['SOLO_LOOPBACK'], 404: ['NON_TROVATO'] }, { body: true });
const STATE = errorResponses({ 403: ['SOLO_LOOPBACK'], 404: ['NON_TROVATO'], 409: ['STATO_NON_MODIFICABILE'] }, { body: true });

const tags = ['admin'];

export async function registerAdmin(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
        return sendProblem(reply, problem(403, 'SOLO_LOOPBACK', 'Le funzioni di amministrazione rispondono solo in locale.'));
      }
    });
    registerAdminAppuntamenti(scope, ctx);
    registerAdminQuesiti(scope, ctx);
    registerAdminDeleghe(scope, ctx);
    registerAdminSedi(scope, ctx);
    registerAdminSeed(scope, ctx);
    registerAdminClock(scope, ctx);
    registerAdminFaults(scope, ctx);
  });
}

/** The sede closes, cancels or writes on an appuntamento. */
function registerAdminAppuntamenti(scope: FastifyInstance, { store }: SandboxContext): void {
  const zapp = scope.withTypeProvider<ZodTypeProvider>();
  zapp.post(
    '/admin/appuntamenti/:id/chiusura',
    {
      schema: {
        summary: 'La sede chiude e definisce un appuntamento confermato.',
        tags,
        params: idParams,
        body: motivoBody,
        response: { 200: appuntamentoDettaglioSchema, ...STATE },
      },
    },
    async (request) => cambiaStatoDaSede(store, request.params.id, 'chiusura', request.body.motivo),
  );
  zapp.post(
    '/admin/appuntamenti/:id/disdetta',
    {
      schema: {
        summary: 'La sede disdice un appuntamento confermato, con un motivo.',
        tags,
        params: idParams,
        body: motivoBody,
        response: { 200: appuntamentoDettaglioSchema, ...STATE },
      },
    },
    async (request) => cambiaStatoDaSede(store, request.params.id, 'disdetta', request.body.motivo),
  );
  zapp.post(
    '/admin/appuntamenti/:id/comunicazioni',
    {
      schema: {
        summary: "La sede aggiunge una comunicazione all'appuntamento.",
        tags,
        params: idParams,
        body: z.strictObject({ testo: z.string().trim().min(1).max(TESTO_MAX) }),
        response: { 201: comunicazioneSchema, ...STATE },
      },
    },
    async (request, reply) => reply.code(201).send(comunicazioneDaSede(store, request.params.id, request.body.testo)),
  );
}

function registerAdminQuesiti(scope: FastifyInstance, { store }: SandboxContext): void {
  const zapp = scope.withTypeProvider<ZodTypeProvider>();
  zapp.post(
    '/admin/quesiti',
    {
      schema: {
        summary: 'Registra un nuovo quesito (in attesa) su un rapporto.',
        tags,
        body: z.strictObject({
          codiceRapporto,
          argomento: z.enum(ARGOMENTI),
          oggetto: z.string().trim().min(1).max(300),
          dataInvio: isoDate.optional(),
        }),
        response: { 201: quesitoSchema, ...NOT_FOUND },
      },
    },
    async (request, reply) => reply.code(201).send(creaQuesito(store, request.body)),
  );
  zapp.post(
    '/admin/quesiti/:id/esito',
    {
      schema: {
        summary: 'Risponde a un quesito (esito positivo o negativo, o lo riporta in attesa).',
        tags,
        params: idParams,
        body: z.strictObject({ esito: z.enum(ESITI), motivoEsito: z.string().max(MOTIVO_MAX).nullable().default(null) }),
        response: { 200: quesitoSchema, ...NOT_FOUND },
      },
    },
    async (request) => esitoQuesito(store, request.params.id, request.body.esito, request.body.motivoEsito),
  );
}

function registerAdminDeleghe(scope: FastifyInstance, { store }: SandboxContext): void {
  const zapp = scope.withTypeProvider<ZodTypeProvider>();
  zapp.post(
    '/admin/deleghe',
    {
      schema: {
        summary: 'Il datore delega un intermediario; se attiva, la delega precedente è revocata.',
        tags,
        body: z.strictObject({
          datoreCf: codiceFiscaleSchema,
          intermediarioId: z.string().min(1).max(64),
          stato: z.enum(['attiva', 'da_attivare']).default('attiva'),
        }),
        response: { 201: delegaSchema, ...NOT_FOUND },
      },
    },
    async (request, reply) => reply.code(201).send(nuovaDelega(store, request.body)),
  );
  zapp.post(
    '/admin/deleghe/:id/attivazione',
    {
      schema: {
        summary: 'Attiva una delega da attivare (revoca quella attiva di un altro intermediario).',
        tags,
        params: idParams,
        response: {
          200: delegaSchema,
          ...errorResponses({ 400: ['INPUT_NON_VALIDO'], 403: ['SOLO_LOOPBACK'], 404: ['NON_TROVATO'], 409: ['STATO_DELEGA_NON_VALIDO'] }),
        },
      },
    },
    async (request) => attivaDelega(store, request.params.id),
  );
  zapp.post(
    '/admin/deleghe/:id/fine',
    {
      schema: {
        summary: 'Fa finire una delega: revocata (solo se attiva) o annullata (attiva o da attivare).',
        tags,
        params: idParams,
        body: z.strictObject({ stato: z.enum(['revocata', 'annullata']), motivo: z.string().trim().min(1).max(MOTIVO_MAX) }),
        response: { 200: delegaSchema, ...errorResponses({ 403: ['SOLO_LOOPBACK'], 404: ['NON_TROVATO'], 409: ['STATO_DELEGA_NON_VALIDO'] }, { body: true }) },
      },
    },
    async (request) => fineDelega(store, request.params.id, request.body.stato, request.body.motivo),
  );
}

function registerAdminSedi(scope: FastifyInstance, { store }: SandboxContext): void {
  scope.withTypeProvider<ZodTypeProvider>().post(
    '/admin/sedi/:id/chiusure',
    {
      schema: {
        summary: 'Chiusura straordinaria di una sede in un giorno: gli appuntamenti confermati di quel giorno sono disdetti.',
        tags,
        params: idParams,
        body: z.strictObject({ data: isoDate, motivo: z.string().trim().min(1).max(MOTIVO_MAX) }),
        response: {
          200: z.object({ sede: sedeSchema, disdetti: z.array(z.string()) }),
          ...NOT_FOUND,
        },
      },
    },
    async (request) => chiusuraSede(store, request.params.id, request.body.data, request.body.motivo),
  );
}

function registerAdminSeed(scope: FastifyInstance, { store }: SandboxContext): void {
  scope.withTypeProvider<ZodTypeProvider>().post(
    '/admin/seed',
    {
      schema: {
        summary: 'Sostituisce tutti i dati con un dataset generato (seme, dimensione, giorno); sessioni comprese.',
        tags,
        body: z.strictObject({
          seed: z.number().int(),
          size: z.enum(['tiny', 'small', 'office']),
          today: isoDate.optional(),
        }),
        response: {
          200: z.object({ seed: z.number().int(), size: z.string(), today: isoDate, counts: z.record(z.string(), z.number()) }),
          ...errorResponses({ 403: ['SOLO_LOOPBACK'] }, { body: true }),
        },
      },
    },
    async (request) => {
      const today = request.body.today ?? store.clock.today();
      reseedStore(store, { seed: request.body.seed, size: request.body.size, today });
      request.log.info({ seed: request.body.seed, size: request.body.size }, 'sandbox reseeded');
      return { seed: request.body.seed, size: request.body.size, today, counts: { ...store.counts() } };
    },
  );
}

function registerAdminClock(scope: FastifyInstance, { store }: SandboxContext): void {
  const zapp = scope.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/admin/clock',
    { schema: { summary: "L'ora del sandbox.", tags, response: { 200: clockResponse, ...errorResponses({ 403: ['SOLO_LOOPBACK'] }) } } },
    async () => ({ now: store.nowIso(), oggi: store.clock.today() }),
  );
  zapp.post(
    '/admin/clock',
    {
      schema: {
        summary: "Sposta l'ora del sandbox (tutte le regole la usano).",
        tags,
        body: clockBody,
        response: { 200: clockResponse, ...errorResponses({ 403: ['SOLO_LOOPBACK'] }, { body: true }) },
      },
    },
    async (request) => {
      const { advanceMinutes, setTo } = request.body;
      if (advanceMinutes !== undefined) store.clock.advance(advanceMinutes);
      else if (setTo !== undefined) store.clock.setTo(new Date(setTo));
      else throw new ProblemError(400, 'INPUT_NON_VALIDO', 'Indica advanceMinutes o setTo.');
      return { now: store.nowIso(), oggi: store.clock.today() };
    },
  );
}

function registerAdminFaults(scope: FastifyInstance, ctx: SandboxContext): void {
  const zapp = scope.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/admin/faults',
    { schema: { summary: 'La configurazione dei guasti simulati.', tags, response: { 200: faultsResponse, ...errorResponses({ 403: ['SOLO_LOOPBACK'] }) } } },
    async () => ctx.faults.current(),
  );
  zapp.post(
    '/admin/faults',
    {
      schema: {
        summary: 'Configura i guasti simulati (mai applicati a /admin e /openapi.json); tutto a 0 li spegne.',
        tags,
        body: faultsSchema,
        response: { 200: faultsResponse, ...errorResponses({ 403: ['SOLO_LOOPBACK'] }, { body: true }) },
      },
    },
    async (request) => ctx.faults.configure(request.body),
  );
}
