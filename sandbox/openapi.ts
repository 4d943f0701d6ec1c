// The OpenAPI document: generated from the routes' zod schemas by @fastify/swagger, then
// completed with what zod cannot express (the raw upload body). Committed as sandbox/openapi.json.
import { ALLEGATO_CONTENT_TYPES_DOC } from './uploadTypes';

type Json = Record<string, unknown>;

/** Adds the binary request body of the upload route; returns a fresh object. */
export function finishOpenApiDocument(doc: Json): Json {
  const copy = structuredClone(doc);
  const paths = copy.paths as Record<string, Record<string, Json>> | undefined;
  const put = paths?.['/v1/allegati/{sha256}']?.put;
  if (put !== undefined) {
    put.requestBody = {
      required: true,
      description: 'I byte del file. Il tipo dichiarato deve corrispondere al contenuto (magic bytes).',
      content: Object.fromEntries(ALLEGATO_CONTENT_TYPES_DOC.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
    };
  }
  // Optional in the zod schema so that its absence gets its own code (IDEMPOTENCY_KEY_MANCANTE).
  for (const keyed of [paths?.['/v1/appuntamenti']?.post, paths?.['/v1/appuntamenti/{id}/comunicazioni']?.post]) {
    for (const param of (keyed?.parameters as Json[] | undefined) ?? []) {
      if (param.in === 'header' && param.name === 'idempotency-key') param.required = true;
    }
  }
  for (const ops of Object.values(paths ?? {})) {
    for (const op of Object.values(ops)) {
      for (const [status, res] of Object.entries((op.responses as Record<string, Json> | undefined) ?? {})) {
        if (res.description === 'Default Response') res.description = status === '201' ? 'Creato' : 'OK';
      }
    }
  }
  pruneUnusedSchemas(copy);
  return copy;
}

const REF_PREFIX = '#/components/schemas/';

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) into.add(v.slice(REF_PREFIX.length));
      else collectRefs(v, into);
    }
  }
}

/**
 * The zod transform emits an input and an output variant of every named schema; keep only those
 * the paths actually reference (directly or through other schemas).
 */
function pruneUnusedSchemas(doc: Json): void {
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined;
  const schemas = components?.schemas;
  if (schemas === undefined) return;
  const used = new Set<string>();
  collectRefs(doc.paths, used);
  let frontier = [...used];
  while (frontier.length > 0) {
    const next = new Set<string>();
    for (const name of frontier) collectRefs(schemas[name], next);
    frontier = [...next].filter((n) => !used.has(n));
    for (const n of frontier) used.add(n);
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}
