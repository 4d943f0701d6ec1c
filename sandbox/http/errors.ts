// Every failure leaves as application/problem+json with a stable code — including Fastify's own
// (malformed JSON, unsupported media type, oversize bodies, schema validation).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemError, problem, problemSchema, type Problem } from '../problem';

export const ALLEGATI_ROUTE = '/v1/allegati/:sha256';

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

function fromFastifyError(error: FastifyError, request: FastifyRequest): Problem {
  if (Array.isArray(error.validation)) {
    const errors = error.validation.map((v) => {
      const where = error.validationContext ?? 'body';
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { path: path === '' ? where : `${where}.${path}`, message: v.message ?? 'Valore non valido.' };
    });
    return problem(400, 'INPUT_NON_VALIDO', 'La richiesta contiene dati non validi: vedi `errors`.', errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'JSON_NON_VALIDO', 'Il corpo della richiesta non è un JSON valido.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return problem(415, 'TIPO_CONTENUTO_NON_VALIDO', 'Tipo di contenuto non accettato da questo servizio.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return request.routeOptions.url === ALLEGATI_ROUTE
        ? problem(413, 'ALLEGATO_TROPPO_GRANDE', 'Il file supera la dimensione massima ammessa per un allegato.')
        : problem(413, 'CORPO_TROPPO_GRANDE', 'Il corpo della richiesta è troppo grande.');
  }
  // Malformed JSON surfaces as a SyntaxError with status 400 from the JSON parser.
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return problem(400, 'JSON_NON_VALIDO', 'Il corpo della richiesta non è un JSON valido.');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, 'RICHIESTA_NON_VALIDA', 'La richiesta non è valida.');
  }
  return problem(500, 'ERRORE_INTERNO', 'Errore interno del servizio. Riprova più tardi.');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, error.toProblem());
    }
    const p = fromFastifyError(error, request);
    if (p.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, p);
  });
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, problem(404, 'NON_TROVATO', 'Risorsa inesistente.')));
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;

/**
 * OpenAPI responses for the given error statuses, all problem+json, with the codes they carry.
 * `body: true` adds what any JSON body can fail with; 500 (internal or simulated) is always there.
 */
export function errorResponses(codes: Partial<Record<ErrorStatus, string[]>>, opts: { body?: boolean } = {}) {
  const all: Partial<Record<ErrorStatus | 500, string[]>> = { ...codes };
  if (opts.body === true) {
    all[400] = [...new Set([...(all[400] ?? []), 'INPUT_NON_VALIDO', 'JSON_NON_VALIDO'])];
    all[413] = [...new Set([...(all[413] ?? []), 'CORPO_TROPPO_GRANDE'])];
    all[415] = [...new Set([...(all[415] ?? []), 'TIPO_CONTENUTO_NON_VALIDO'])];
  }
  all[500] = ['ERRORE_INTERNO', 'ERRORE_SIMULATO'];
  const out: Record<number, { description: string; content: Record<string, { schema: typeof problemSchema }> }> = {};
  for (const [status, list] of Object.entries(all)) {
    out[Number(status)] = {
      description: `Problem details; code: ${(list ?? []).join(', ')}`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
    };
  }
  return out;
}
