// The change feed replayed (#17): a loopback server answering /v1/changes with the very bodies the
// sandbox gave for the same URLs, recorded once at start-up, so a full sync measured against it
// pays HTTP, parsing, validation and writes, but not the sandbox preparing each page (the real
// service runs on another machine; on 2 cores the sandbox's page preparation competed with the app).
// `node --import tsx bench/child/replay.ts <sandbox url> <page size>`: records, prints
// {"url", "pages", "bytes"}, then answers. On stdin, a line "stats" → {"replayed", "forwarded", "missed"}.
// Everything else (the login, /v1/operatori) is forwarded to the sandbox as it is: the login must
// be the service's, and a token the sandbox did not issue is refused here as the sandbox would.
import http from 'node:http';
import readline from 'node:readline';
import { OPERATORE } from '../service';

const [sandboxUrl, pageSizeArg] = process.argv.slice(2);
if (!sandboxUrl || !pageSizeArg) throw new Error('usage: replay.ts <sandbox url> <page size>');
const pageSize = Number(pageSizeArg);

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that describe the connection, not the answer: the replaying server sets its own. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

function keep(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!HOP.has(name)) out[name] = value;
  });
  return out;
}

async function login(): Promise<string> {
  const response = await fetch(`${sandboxUrl}/v1/sessione`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OPERATORE),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Every page of the feed, under the path and query the app's gateway asks it by (HttpGateway.changes). */
async function record(): Promise<Map<string, Recorded>> {
  const token = await login();
  const pages = new Map<string, Recorded>();
  let since = '';
  for (;;) {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (since) query.set('since', since);
    else query.set('conta', 'true');
    const path = `/v1/changes?${query}`;
    const response = await fetch(`${sandboxUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.toString().slice(0, 200)}`);
    const headers = keep(response.headers);
    delete headers['content-encoding'];
    headers['content-length'] = String(body.length);
    pages.set(path, { status: response.status, headers, body });
    const page = JSON.parse(body.toString('utf8')) as { nextCursor: string; hasMore: boolean };
    if (!page.hasMore) return pages;
    since = page.nextCursor;
  }
}

const pages = await record();
/** Tokens the sandbox issued through this server: anything else is refused like the sandbox would. */
const tokens = new Set<string>();
const stats = { replayed: 0, forwarded: 0, missed: 0 };

function problem(res: http.ServerResponse, status: number, code: string, detail: string): void {
  res.writeHead(status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }));
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  stats.forwarded++;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !HOP.has(name) && name !== 'host') headers[name] = value;
  const response = await fetch(`${sandboxUrl}${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    redirect: 'manual',
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (req.method === 'POST' && req.url === '/v1/sessione' && response.ok) tokens.add((JSON.parse(body.toString('utf8')) as { token: string }).token);
  // fetch has decoded the body: its length is the one to send.
  const out = keep(response.headers);
  delete out['content-encoding'];
  out['content-length'] = String(body.length);
  res.writeHead(response.status, out);
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.startsWith('/v1/changes')) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !tokens.has(token)) return problem(res, 401, 'NON_AUTENTICATO', 'Token mancante o non valido.');
    const recorded = pages.get(url);
    if (!recorded) {
      // Not what the gateway asked when recorded: fail loudly rather than measure the live sandbox.
      stats.missed++;
      return problem(res, 404, 'REPLAY_MANCANTE', `no recorded answer for ${url}`);
    }
    stats.replayed++;
    res.writeHead(recorded.status, recorded.headers);
    res.end(recorded.body);
    return;
  }
  forward(req, res).catch((error: unknown) => {
    if (!res.headersSent) problem(res, 502, 'REPLAY_INOLTRO', String(error));
    else res.destroy();
  });
});
// The sandbox's (Fastify's) keep-alive: an app busy writing a page finds the connection as it would there.
server.keepAliveTimeout = 72_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address() as { port: number };
let bytes = 0;
for (const p of pages.values()) bytes += p.body.length;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, pages: pages.size, bytes })}\n`);

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '"stats"' || line.trim() === 'stats') process.stdout.write(`${JSON.stringify(stats)}\n`);
});
lines.on('close', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.on('SIGTERM', () => process.exit(0));
