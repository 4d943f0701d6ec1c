import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bozza } from '../../electron/common/commands/types';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { envTransport, type EnvTransport } from '../../electron/core/gateway/envTransport';
import { PATH_DETAILS } from '../../electron/core/gateway/errors';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import type { Transport } from '../../electron/core/gateway/transport';
import { silentLogger } from '../../electron/core/log';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { makeTestPki, type TestPki } from './support/pki';
import { startTestProxy, type TestProxy } from './support/proxy';
import { startTlsFront, type TlsFront } from './support/tlsFront';

// The browser host's and the CLI's transport through an office proxy (started here, on loopback)
// to the sandbox behind HTTPS with a test CA: the proxy path, NO_PROXY, proxy authentication, and
// the three certificate failures — each named, the queued booking kept.
let pki: TestPki;
let sandbox: SandboxHandle;
let tlsFront: TlsFront;
let proxy: TestProxy;
let core: Core;
let current: Transport;
const opened: EnvTransport[] = [];
const NOW = '2026-03-10T08:00:00.000Z';

const transport = (env: NodeJS.ProcessEnv, trustTestCa = true): Transport => {
  const t = envTransport({ env, ...(trustTestCa ? { ca: [pki.ca] } : {}) });
  opened.push(t);
  return t.transport;
};

beforeAll(async () => {
  pki = makeTestPki();
  const clock = new SandboxClock(new Date(NOW), { frozen: true });
  sandbox = await startSandbox({ seed: 7, size: 'small', today: '2026-03-10', clock });
  tlsFront = await startTlsFront(sandbox.port, pki.valid);
  proxy = await startTestProxy();
  current = transport({ HTTPS_PROXY: proxy.url });
  const credentials = memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD });
  const gateway = new HttpGateway({ baseUrl: tlsFront.url, credentials, clock, timeoutMs: 3000, fetch: (url, init) => current(url, init) });
  core = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway, clock });
});
afterAll(async () => {
  await core?.close();
  for (const t of opened) await t.close();
  await proxy?.close();
  await tlsFront?.close();
  await sandbox?.close();
  pki?.dispose();
});

const local = (sql: string, ...p: unknown[]) =>
  core.ctx.sqlite
    .prepare(sql)
    .pluck()
    .get(...p);

describe('through the office proxy to an HTTPS service', () => {
  it('syncs through a CONNECT tunnel: the proxy sees the address, never the password', async () => {
    expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', errore: null });
    expect(local('SELECT count(*) FROM appuntamenti')).toBeGreaterThan(10);
    expect(proxy.records).toContainEqual({ method: 'CONNECT', target: `127.0.0.1:${tlsFront.port}`, auth: null, status: 200 });
    expect(proxy.relayed().length).toBeGreaterThan(1000);
    expect(proxy.relayed().includes(DEMO_PASSWORD)).toBe(false);
    expect(proxy.relayed().includes('operatore1')).toBe(false);
  });

  it('NO_PROXY names the hosts reached directly', async () => {
    const before = proxy.records.length;
    current = transport({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', errore: null });
    expect(proxy.records.length).toBe(before);
  });

  it('a proxy that asks for credentials (407) is named; with user:password in HTTPS_PROXY it lets the sync through', async () => {
    proxy.requireAuth = { user: 'mario', password: 'segreta' };
    try {
      current = transport({ HTTPS_PROXY: proxy.url });
      expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'offline', errore: PATH_DETAILS.PROXY_AUTENTICAZIONE });
      expect(proxy.records.at(-1)).toMatchObject({ method: 'CONNECT', status: 407 });
      current = transport({ HTTPS_PROXY: `http://mario:segreta@127.0.0.1:${proxy.port}` });
      expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', errore: null });
      expect(proxy.records.at(-1)).toMatchObject({ method: 'CONNECT', status: 200, auth: `Basic ${Buffer.from('mario:segreta').toString('base64')}` });
    } finally {
      proxy.requireAuth = null;
    }
  });
});

describe('certificate failures, direct and through the proxy', () => {
  let bozza: Bozza;
  beforeAll(async () => {
    current = transport({});
    await core.ctx.sync.syncNow();
    // A booking waits in the outbox through every failure below.
    const q = core.ctx.sqlite
      .prepare(
        `SELECT q.id, q.codice_rapporto AS rapporto FROM quesiti q JOIN rapporti r ON r.codice = q.codice_rapporto
         JOIN deleghe d ON d.datore_cf = r.datore_cf AND d.stato = 'attiva' WHERE q.esito = 'negativo'
         AND NOT EXISTS (SELECT 1 FROM appuntamento_quesiti l JOIN appuntamenti a ON a.id = l.appuntamento_id WHERE l.quesito_id = q.id AND a.stato = 'confermato')
         ORDER BY q.id LIMIT 1`,
      )
      .get() as { id: string; rapporto: string };
    const sedeId = local("SELECT id FROM sedi WHERE modalita LIKE '%presenza%' ORDER BY id LIMIT 1") as string;
    const slot = await new HttpGateway({
      baseUrl: tlsFront.url,
      credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }),
      clock: sandbox.clock,
      fetch: current,
    }).slotLiberi(sedeId, '2026-03-16', '2026-03-27');
    const result = await core.dispatcher('app')('bozza.crea', {
      codiceRapporto: q.rapporto,
      quesitiIds: [q.id],
      sedeId,
      data: slot[0]!.data,
      ora: slot[0]!.ora,
      modalita: 'presenza',
    });
    if (!result.ok) throw new Error(result.error.message);
    const sent = await core.dispatcher('app')('bozza.invia', { id: (result.value as Bozza).id });
    if (!sent.ok) throw new Error(sent.error.message);
    bozza = sent.value as Bozza;
  });
  afterAll(() => tlsFront.use(pki.valid));

  const cases: [string, () => void, boolean, keyof typeof PATH_DETAILS][] = [
    ['unknown CA', () => tlsFront.use(pki.valid), false, 'TLS_CERTIFICATO_SCONOSCIUTO'],
    ['wrong host name', () => tlsFront.use(pki.wrongName), true, 'TLS_NOME_NON_VALIDO'],
    ['expired', () => tlsFront.use(pki.expired), true, 'TLS_CERTIFICATO_SCADUTO'],
  ];
  for (const [name, present, trustTestCa, code] of cases) {
    for (const viaProxy of [false, true]) {
      it(`${name}${viaProxy ? ' (through the proxy)' : ''}: ${code}, the booking still queued`, async () => {
        present();
        current = transport(viaProxy ? { HTTPS_PROXY: proxy.url } : {}, trustTestCa);
        core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run(NOW, bozza.id);
        const stato = await core.ctx.sync.syncNow();
        expect(stato).toMatchObject({ fase: 'offline', inCoda: 1, errore: PATH_DETAILS[code] });
        expect(local('SELECT stato FROM outbox WHERE entita_id = ?', bozza.id)).toBe('in_attesa');
        expect(local('SELECT ultimo_errore FROM outbox WHERE entita_id = ?', bozza.id)).toBe(`${code} 0`);
        expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('in_coda');
      });
    }
  }

  it('with the right certificate the queued booking goes', async () => {
    tlsFront.use(pki.valid);
    current = transport({ HTTPS_PROXY: proxy.url });
    core.ctx.sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE entita_id = ?').run(NOW, bozza.id);
    expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', inCoda: 0 });
    expect(local('SELECT stato FROM bozze WHERE id = ?', bozza.id)).toBe('inviata');
  });
});
