import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bozza, SyncProblemi } from '../../electron/common/commands/types';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { envTransport, type EnvTransport } from '../../electron/core/gateway/envTransport';
import { PATH_DETAILS, TIMEOUT_DETAIL } from '../../electron/core/gateway/errors';
import { HttpGateway, MAX_RESPONSE_BYTES } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { tokenDelServizio } from '../support/sandboxCore';
import { startHostileFront, type HostileFront, type HostileMode } from './support/hostile';

// What an office network can answer instead of the service: each gives its own clear message in
// the status bar (and in what it opens), and the queued booking stays queued, never refused, until
// the real service answers — then it is booked once.
let sandbox: SandboxHandle;
let front: HostileFront;
let core: Core;
let token = '';
let transport: EnvTransport;
const NOW = '2026-03-10T08:00:00.000Z';

beforeAll(async () => {
  const clock = new SandboxClock(new Date(NOW), { frozen: true });
  sandbox = await startSandbox({ seed: 5, size: 'small', today: '2026-03-10', clock });
  front = await startHostileFront(sandbox.url);
  const credentials = memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD });
  // The browser host's and the CLI's transport (direct here: no proxy in this environment).
  transport = envTransport({ env: {} });
  const gateway = new HttpGateway({ baseUrl: front.url, credentials, clock, timeoutMs: 1200, fetch: transport.transport });
  core = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway, clock });
  expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo' });
  token = await tokenDelServizio(sandbox.url);
});
afterAll(async () => {
  await core?.close();
  await transport?.close();
  await front?.close();
  await sandbox?.close();
});

const app = async <T>(name: string, input: unknown): Promise<T> => {
  const result = await core.dispatcher('app')(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
};
const local = (sql: string, ...p: unknown[]) =>
  core.ctx.sqlite
    .prepare(sql)
    .pluck()
    .get(...p);
const remoteCount = () => sandbox.store.db.prepare('SELECT count(*) FROM appuntamenti').pluck().get() as number;

async function queuedBooking(): Promise<Bozza> {
  const quesito = core.ctx.sqlite
    .prepare(
      `SELECT q.id, q.codice_rapporto AS rapporto FROM quesiti q
       JOIN rapporti r ON r.codice = q.codice_rapporto
       JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva'
       WHERE q.esito = 'negativo'
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id WHERE l.quesito_id = q.id AND a.stato = 'confermato')
       ORDER BY q.id LIMIT 1`,
    )
    .get() as { id: string; rapporto: string };
  const sedeId = local("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id LIMIT 1") as string;
  const slots = await fetch(`${sandbox.url}/v1/sedi/${sedeId}/slot?dal=2026-03-16&al=2026-03-27`, { headers: { Authorization: `Bearer ${token}` } });
  const free = ((await slots.json()) as { slot: { data: string; ora: string }[] }).slot[0]!;
  const bozza = await app<Bozza>('bozza.crea', {
    codiceRapporto: quesito.rapporto,
    quesitiIds: [quesito.id],
    sedeId,
    data: free.data,
    ora: free.ora,
    modalita: 'presenza',
  });
  return app<Bozza>('bozza.invia', { id: bozza.id });
}

const CASES: [HostileMode, string, string][] = [
  ['portale', 'PAGINA_WEB_NON_DEL_SERVIZIO', PATH_DETAILS.PAGINA_WEB_NON_DEL_SERVIZIO],
  ['proxy-407', 'PROXY_AUTENTICAZIONE', PATH_DETAILS.PROXY_AUTENTICAZIONE],
  ['bloccato', 'RISPOSTA_NON_DEL_SERVIZIO', PATH_DETAILS.RISPOSTA_NON_DEL_SERVIZIO],
  ['interrotta', 'RISPOSTA_INTERROTTA', PATH_DETAILS.RISPOSTA_INTERROTTA],
  ['fuori-contratto', 'RISPOSTA_FUORI_CONTRATTO', 'Il servizio ha risposto in un formato inatteso.'],
  ['goccia', 'TIMEOUT', TIMEOUT_DETAIL],
  ['enorme', 'RISPOSTA_TROPPO_GRANDE', PATH_DETAILS.RISPOSTA_TROPPO_GRANDE],
  ['enorme-dichiarata', 'RISPOSTA_TROPPO_GRANDE', PATH_DETAILS.RISPOSTA_TROPPO_GRANDE],
];

describe('hostile answers on the way to the service', () => {
  it('each one is named in the status bar and its details, and the queued booking waits intact', async () => {
    const before = remoteCount();
    front.mode = 'pass';
    const bozza = await queuedBooking();
    for (const [mode, code, message] of CASES) {
      front.mode = mode;
      core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run(NOW, bozza.id);
      const started = Date.now();
      const stato = await core.ctx.sync.syncNow();
      expect.soft(stato, mode).toMatchObject({ fase: 'offline', inCoda: 1, errore: expect.stringContaining(message) });
      // The status bar's error opens this: the same message, advice, and the booking still waiting.
      const problemi = await app<SyncProblemi>('sync.problemi', {});
      expect.soft(problemi.stato.errore, mode).toContain(message);
      expect.soft(problemi.consiglio, mode).toMatch(/coda/);
      expect
        .soft(
          problemi.coda.map((r) => r.bozzaId),
          mode,
        )
        .toEqual([bozza.id]);
      expect.soft(local('SELECT stato FROM outbox WHERE entita_id = ?', bozza.id), mode).toBe('in_attesa');
      expect.soft(local('SELECT ultimo_errore FROM outbox WHERE entita_id = ?', bozza.id), mode).toMatch(new RegExp(`^${code} `));
      expect.soft(local('SELECT stato FROM bozze WHERE id = ?', bozza.id), mode).toBe('in_coda');
      // The slow drip is cut at the gateway's timeout (1.2 s here), not left hanging.
      if (mode === 'goccia') expect(Date.now() - started).toBeLessThan(5000);
    }
    expect(remoteCount()).toBe(before);

    // The real service answers again: booked, once.
    front.mode = 'pass';
    core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run(NOW, bozza.id);
    expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', inCoda: 0, errore: null });
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('inviata');
    expect(remoteCount()).toBe(before + 1);
  });

  it(`the size cap is ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB: a 1,000-change page of the sandbox is far below it`, async () => {
    const page = await fetch(`${sandbox.url}/v1/changes?limit=1000`, { headers: { Authorization: `Bearer ${token}` } });
    const bytes = (await page.arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes * 8).toBeLessThan(MAX_RESPONSE_BYTES);
  });
});

describe('redirects', () => {
  let other: http.Server;
  let received: string[] = [];
  let otherUrl = '';
  beforeAll(async () => {
    other = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    front.mode = 'pass';
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it('a 307 to another port never receives the password nor the token, and the operator is told why', async () => {
    received = [];
    front.mode = 'redirect';
    front.redirectTo = otherUrl;
    const credentials = memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD });
    for (const fetch of [undefined, transport.transport]) {
      const gateway = new HttpGateway({ baseUrl: front.url, credentials, clock: sandbox.clock, ...(fetch ? { fetch } : {}) });
      await expect(gateway.utente()).rejects.toMatchObject({ code: 'REINDIRIZZAMENTO', detail: PATH_DETAILS.REINDIRIZZAMENTO, kind: 'transient' });
      expect(front.records.at(-1)).toMatchObject({ method: 'POST', url: '/v1/sessione' });
    }
    expect(received).toEqual([]);
  });

  it('a redirect during a sync leaves the queue as it is', async () => {
    front.mode = 'pass';
    const bozza = await queuedBooking();
    received = [];
    front.mode = 'redirect';
    front.redirectTo = otherUrl;
    const stato = await core.ctx.sync.syncNow();
    expect(stato).toMatchObject({ fase: 'offline', errore: PATH_DETAILS.REINDIRIZZAMENTO });
    expect(received).toEqual([]);
    expect(local('SELECT stato FROM outbox WHERE entita_id = ?', bozza.id)).toBe('in_attesa');
  });
});
