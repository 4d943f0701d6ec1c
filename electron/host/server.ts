import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CSP_HEADER } from '../common/csp';
import { AppError, toErrorPayload, type AppErrorPayload } from '../common/errors';
import type { CommandHost } from '../core/app';
import type { Logger } from '../core/log';

/** Re-exported for tests: the header the host sends with the page. */
export const CONTENT_SECURITY_POLICY = CSP_HEADER;

/**
 * Room for one file to prepare as base64 (allegato.prepara reads photos up to 40 MB, 56 MiB of
 * base64, to reduce them), plus the JSON around it. Loopback only, behind the token.
 */
export const DEFAULT_BODY_LIMIT = 57 * 1024 * 1024;
/** One app page needs one stream; a few more cover reloads and a second tab. */
export const MAX_EVENT_STREAMS = 8;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export interface BrowserHostOptions {
  core: CommandHost;
  /** The built renderer (out/renderer); null serves the API only. */
  rendererDir: string | null;
  port?: number;
  /** Minted at random when absent. */
  token?: string;
  bodyLimit?: number;
  /** How long an openUrl() stays valid (default one minute). */
  openTtlMs?: number;
  logger: Logger;
}

export interface BrowserHost {
  /** Origin, e.g. http://127.0.0.1:43123 */
  origin: string;
  token: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to a server. */
  pageUrl: string;
  /**
   * A one-time URL without the token, for handing to another process (the browser opened with
   * --open, whose command line every local user can read): the host redirects its first visit,
   * within a minute, to the page with the token; afterwards it is worthless.
   */
  openUrl(): string;
  close(): Promise<void>;
}

const HTTP_STATUS: Record<string, number> = {
  INPUT_NON_VALIDO: 400,
  JSON_NON_VALIDO: 400,
  NON_AUTORIZZATO: 401,
  PERCORSO_NON_VALIDO: 400,
  ORIGINE_NON_CONSENTITA: 403,
  COMANDO_NON_CONSENTITO: 403,
  COMANDO_SCONOSCIUTO: 404,
  NON_TROVATO: 404,
  CORPO_TROPPO_GRANDE: 413,
  TROPPE_CONNESSIONI: 429,
  TIPO_CONTENUTO_NON_VALIDO: 415,
  ERRORE_INTERNO: 500,
};

/**
 * The browser host: serves the built renderer and the command table over HTTP on loopback,
 * for tests and for running without the Electron binary. Only the page it opened (which holds
 * the token) on this exact origin can call it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const dispatch = options.core.dispatcher('app');
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    forceCloseConnections: true,
    // A URL Fastify cannot decode (a bad percent-encoding) fails before the hooks: answer it like any refusal.
    frameworkErrors: (_error, _request, reply) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      sendError(reply, { code: 'PERCORSO_NON_VALIDO', message: 'Indirizzo non valido.', details: [] });
    },
  });
  const allowed = { hosts: new Set<string>(), origins: new Set<string>() };

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    // DNS rebinding: a page on another name resolving to 127.0.0.1 still sends its own Host.
    if (!allowed.hosts.has(request.headers.host ?? '')) throw new AppError('ORIGINE_NON_CONSENTITA', 'Richiesta da un indirizzo non consentito.');
  });

  // Our own JSON parser: malformed JSON becomes a typed error, and an empty body means `{}`.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('JSON_NON_VALIDO', 'Il corpo della richiesta non è JSON valido.'), undefined);
    }
  });
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(new AppError('TIPO_CONTENUTO_NON_VALIDO', 'Formato della richiesta non supportato: usa application/json.'), undefined);
  });

  app.setErrorHandler((error, _request, reply) => sendError(reply, mapFrameworkError(error, options.logger)));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { code: 'NON_TROVATO', message: `Risorsa non trovata: ${request.method} ${request.url.split('?')[0]}`, details: [] }),
  );

  // The API lives in its own scope whose hook runs after routing, on the decoded path: every
  // route in it requires the token and our origin (deny by default, whatever the URL spelling).
  const streams = new Set<ServerResponse>();
  await app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      const origin = request.headers.origin;
      if ((origin !== undefined && !allowed.origins.has(origin)) || request.headers['sec-fetch-site'] === 'cross-site') {
        throw new AppError('ORIGINE_NON_CONSENTITA', 'Richiesta da un’origine non consentita.');
      }
      if (!hasToken(request, token)) {
        throw new AppError('NON_AUTORIZZATO', 'Sessione non valida: riapri Cassetto Desk dal collegamento mostrato all’avvio.');
      }
    });
    api.post<{ Params: { command: string } }>('/api/:command', async (request, reply) => {
      const result = await dispatch(request.params.command, request.body);
      if (!result.ok) return sendError(reply, result.error);
      return reply.header('Cache-Control', 'no-store').send({ ok: true, value: result.value });
    });
    api.get('/api/events', (request, reply) => streamEvents(options.core, streams, request, reply));
  });
  // Open event streams never end on their own: end them so close() does not wait for the tab.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  const openUrl = registerOpenCodes(app, token, options.openTtlMs ?? 60_000);
  registerRenderer(app, options.rendererDir);

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = new URL(address).port;
  for (const name of ['127.0.0.1', 'localhost']) {
    allowed.hosts.add(`${name}:${port}`);
    allowed.origins.add(`http://${name}:${port}`);
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    token,
    pageUrl: `${origin}/#token=${token}`,
    openUrl: () => `${origin}${openUrl()}`,
    close: () => app.close(),
  };
}

/** One-time codes for --open (code → expiry), each exchanged once for the page with the token; returns the path minter. */
function registerOpenCodes(app: FastifyInstance, token: string, ttlMs: number): () => string {
  const codes = new Map<string, number>();
  app.get<{ Params: { codice: string } }>('/apri/:codice', async (request, reply) => {
    const expires = codes.get(request.params.codice);
    codes.delete(request.params.codice);
    reply.header('Cache-Control', 'no-store');
    if (expires === undefined || expires < Date.now()) {
      return reply
        .status(410)
        .type('text/plain; charset=utf-8')
        .send('Questo collegamento è già stato usato o è scaduto: apri Cassetto Desk con l’indirizzo mostrato all’avvio.');
    }
    return reply.redirect(`/#token=${token}`, 303);
  });
  return () => {
    const codice = crypto.randomBytes(24).toString('base64url');
    codes.set(codice, Date.now() + ttlMs);
    return `/apri/${codice}`;
  };
}

function hasToken(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendError(reply: FastifyReply, error: AppErrorPayload): FastifyReply {
  return reply
    .status(HTTP_STATUS[error.code] ?? 422)
    .header('Cache-Control', 'no-store')
    .send({ ok: false, error });
}

function mapFrameworkError(error: unknown, logger: Logger): AppErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  const e = error as { statusCode?: number; code?: string };
  if (e.statusCode === 413 || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { code: 'CORPO_TROPPO_GRANDE', message: 'Richiesta troppo grande.', details: [] };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) {
    return { code: 'TIPO_CONTENUTO_NON_VALIDO', message: 'Formato della richiesta non supportato: usa application/json.', details: [] };
  }
  // The static files' refusals (a `..` out of the folder, a NUL, a file that is not there) are the request's fault, not ours.
  if (e.statusCode === 404) return { code: 'NON_TROVATO', message: 'Risorsa non trovata.', details: [] };
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500)
    return { code: 'PERCORSO_NON_VALIDO', message: 'Indirizzo non valido.', details: [] };
  logger.log('error', 'browser host request failed', { code: e.code ?? null, status: e.statusCode ?? null });
  return toErrorPayload(error);
}

/** Server-sent events over a fetch stream (the page sends its token in a header, not the URL). */
function streamEvents(core: CommandHost, streams: Set<ServerResponse>, request: FastifyRequest, reply: FastifyReply): void {
  if (streams.size >= MAX_EVENT_STREAMS) {
    sendError(reply, { code: 'TROPPE_CONNESSIONI', message: 'Troppe finestre aperte su Cassetto Desk: chiudine qualcuna e ricarica.', details: [] });
    return;
  }
  reply.hijack();
  const res = reply.raw;
  // Hijacked: Fastify no longer adds the headers set in hooks, so write them here.
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connesso\n\n');
  streams.add(res);
  const unsubscribe = core.events.subscribe((message) => {
    res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  const cleanup = () => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(res);
  };
  request.raw.on('close', cleanup);
  res.on('close', cleanup);
}

function registerRenderer(app: FastifyInstance, rendererDir: string | null): void {
  const index = rendererDir ? path.join(rendererDir, 'index.html') : null;
  if (!rendererDir || !index || !fs.existsSync(index)) {
    app.get('/', async (_request, reply) => reply.status(503).type('text/plain; charset=utf-8').send('Interfaccia non compilata: esegui «npm run build».'));
    return;
  }
  app.register(fastifyStatic, {
    root: rendererDir,
    index: ['index.html'],
    setHeaders: (res, filePath) => {
      if (filePath.endsWith('.html')) {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        res.setHeader('Cache-Control', 'no-store');
      }
    },
  });
}
