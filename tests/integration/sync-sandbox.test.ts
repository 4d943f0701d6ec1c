import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';

// The app's pull against the real sandbox over loopback HTTP.
let sandbox: SandboxHandle;
let core: Core;
const credentials = memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, size: 'small', today: '2026-03-10', admin: true });
  const gateway = new HttpGateway({ baseUrl: sandbox.url, credentials, clock: sandbox.clock });
  core = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway, clock: sandbox.clock });
});
afterAll(async () => {
  await core?.close();
  await sandbox?.close();
});

const local = (sql: string, ...params: unknown[]) =>
  core.ctx.sqlite
    .prepare(sql)
    .pluck()
    .get(...params);
const sync = async () => {
  const result = await core.dispatcher('app')('sync.ora', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { fase: string; modifiche: number; errore: string | null };
};

describe('sync against the sandbox', () => {
  it('a first sync brings the office’s clients, deleghe and appointments', async () => {
    const first = await sync();
    expect(first).toMatchObject({ fase: 'inattivo', errore: null });
    expect(first.modifiche).toBeGreaterThan(100);
    expect(local('SELECT count(*) FROM deleghe')).toBeGreaterThan(40);
    expect(local('SELECT count(*) FROM appuntamenti')).toBeGreaterThan(50);
    // Every delega's client is known, and searchable.
    expect(local('SELECT count(*) FROM deleghe WHERE datore_cf NOT IN (SELECT codice_fiscale FROM datori)')).toBe(0);
    const clienti = await core.dispatcher('app')('clienti.cerca', { limite: 1 });
    expect(clienti).toMatchObject({ ok: true, value: { totale: local('SELECT count(*) FROM datori') } });
  });

  it('a second sync with nothing new changes nothing', async () => {
    expect(await sync()).toMatchObject({ fase: 'inattivo', modifiche: 0 });
  });

  it('picks up what the sede did since', async () => {
    const id = local("SELECT id FROM appuntamenti WHERE stato = 'confermato' ORDER BY id LIMIT 1") as string;
    const response = await fetch(`${sandbox.url}/admin/appuntamenti/${id}/disdetta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ motivo: 'Sede chiusa per inventario' }),
    });
    expect(response.status).toBe(200);
    expect((await sync()).modifiche).toBeGreaterThan(0);
    expect(core.ctx.sqlite.prepare('SELECT stato, cancellato_da, motivo_stato FROM appuntamenti WHERE id = ?').get(id)).toEqual({
      stato: 'cancellato',
      cancellato_da: 'sede',
      motivo_stato: 'Sede chiusa per inventario',
    });
    expect(local("SELECT count(*) FROM appuntamento_stati WHERE appuntamento_id = ? AND stato = 'cancellato'", id)).toBe(1);
  });

  it('says the operator must log in when the credentials are refused, and keeps the data', async () => {
    const before = local('SELECT count(*) FROM appuntamenti');
    await credentials.set({ username: 'operatore1', password: 'sbagliata' });
    const gateway = new HttpGateway({ baseUrl: sandbox.url, credentials, clock: sandbox.clock });
    const other = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway });
    const result = await other.ctx.sync.syncNow();
    expect(result).toMatchObject({ fase: 'accesso_richiesto', errore: expect.stringMatching(/\S/) });
    await other.close();
    await credentials.set({ username: 'operatore1', password: DEMO_PASSWORD });
    expect(local('SELECT count(*) FROM appuntamenti')).toBe(before);
  });

  it('reports the service as unreachable when it is down', async () => {
    const gateway = new HttpGateway({ baseUrl: 'http://127.0.0.1:9', credentials, clock: sandbox.clock, timeoutMs: 2000 });
    const offline = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway });
    expect(await offline.ctx.sync.syncNow()).toMatchObject({ fase: 'offline', errore: expect.stringContaining('non è raggiungibile') });
    await offline.close();
  });

  it('logs an operator in and out; wrong credentials are not kept; no password reaches the logs', async () => {
    const lines: string[] = [];
    const logger = { log: (level: string, message: string, fields?: object) => lines.push(JSON.stringify({ level, message, ...fields })) };
    const store = memoryCredentials(null);
    const gateway = new HttpGateway({ baseUrl: sandbox.url, credentials: store, clock: sandbox.clock });
    const office = await openCore({ dbPath: ':memory:', logger, gateway, credentials: store });
    const call = (name: string, input: unknown) => office.dispatcher('app')(name, input);

    expect(await office.ctx.sync.syncNow()).toMatchObject({ fase: 'accesso_richiesto' });
    expect(await call('servizio.accedi', { username: 'operatore2', password: 'Sbagliata!2026' })).toMatchObject({
      ok: false,
      error: { code: 'CREDENZIALI_NON_VALIDE', details: [{ path: 'password' }] },
    });
    expect(await store.get()).toBeNull();
    expect(await call('servizio.accedi', { username: 'operatore2', password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { fase: 'inattivo' } });
    expect(office.ctx.sqlite.prepare('SELECT count(*) FROM appuntamenti').pluck().get()).toBeGreaterThan(0);
    expect(await call('servizio.esci', {})).toMatchObject({ ok: true });
    expect(await store.get()).toBeNull();
    expect(await office.ctx.sync.syncNow()).toMatchObject({ fase: 'accesso_richiesto' });
    await office.close();
    expect(lines.join('\n')).not.toMatch(/Sbagliata|demo"|password/i);
  });

  it('queues what the sedi changed since the first sync for review, and marks it seen in one action', async () => {
    const before = await core.dispatcher('app')('revisione.elenco', {});
    const seen = (before.ok ? (before.value as { id: number }[]) : []).map((c) => c.id);
    if (seen.length > 0) await core.dispatcher('app')('revisione.segnaVisti', { ids: seen });
    const ids = core.ctx.sqlite.prepare("SELECT id FROM appuntamenti WHERE stato = 'confermato' ORDER BY id LIMIT 3").pluck().all() as string[];
    const admin = (path: string, body: unknown) =>
      fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await admin(`/admin/appuntamenti/${ids[0]}/disdetta`, { motivo: 'Chiusura straordinaria' })).status).toBe(200);
    expect((await admin(`/admin/appuntamenti/${ids[1]}/chiusura`, { motivo: 'Quesito definito' })).status).toBe(200);
    expect((await admin(`/admin/appuntamenti/${ids[2]}/comunicazioni`, { testo: 'Portare il documento di identità.' })).status).toBe(201);
    await sync();
    const result = await core.dispatcher('app')('revisione.elenco', {});
    if (!result.ok) throw new Error(result.error.message);
    const items = result.value as { id: number; tipo: string; appuntamentoId: string; descrizione: string }[];
    expect(items.map((c) => [c.tipo, c.appuntamentoId]).sort()).toEqual(
      [
        ['chiuso', ids[1]],
        ['comunicazione', ids[2]],
        ['disdetto', ids[0]],
      ].sort(),
    );
    expect(items.find((c) => c.tipo === 'disdetto')?.descrizione).toBe('Chiusura straordinaria');
    expect(await core.dispatcher('app')('revisione.segnaVisti', { ids: items.map((c) => c.id) })).toEqual({ ok: true, value: { visti: 3 } });
    expect(await core.dispatcher('app')('revisione.elenco', {})).toEqual({ ok: true, value: [] });
    // A sync with nothing new adds nothing to review.
    await sync();
    expect(await core.dispatcher('app')('revisione.elenco', {})).toEqual({ ok: true, value: [] });
  });
});
