import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { apriConChiave } from '../../db/cifratura';
import { chiaveDelDatabase, PASSPHRASE_DI_PROVA } from '../../electron/core/chiave/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigurazioneStato } from '../../electron/common/commands/types';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { silentLogger } from '../../electron/core/log';
import type { StatisticheSedi } from '../../electron/common/commands/statistiche';
import { CONFIG_FILE } from '../../electron/core/workspace/config';
import { Workspace } from '../../electron/core/workspace/workspace';
import { startEmbeddedDemo } from '../../sandbox/embedded';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';

// The data folder as a whole: first run, choosing the service, one database per service and office.
let dir: string;
let workspace: Workspace | null = null;
let remote: SandboxHandle;
let notCassetto: http.Server;
let notCassettoUrl: string;

beforeAll(async () => {
  // Another "service" on loopback, with other data (another seed) than the embedded demo.
  remote = await startSandbox({ seed: 2, size: 'tiny', today: '2026-03-10' });
  notCassetto = http.createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>'));
  await new Promise<void>((resolve) => notCassetto.listen(0, '127.0.0.1', resolve));
  notCassettoUrl = `http://127.0.0.1:${(notCassetto.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await remote?.close();
  await new Promise((resolve) => notCassetto?.close(resolve));
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-workspace-'));
});
afterEach(async () => {
  await workspace?.close();
  workspace = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = async (extra: Partial<Parameters<typeof Workspace.open>[0]> = {}) => {
  workspace = await Workspace.open({
    dataDir: dir,
    logger: silentLogger,
    startDemo: () => startEmbeddedDemo(null),
    credentialsFor: (_key, initial) => memoryCredentials(initial),
    pullIntervalMs: null,
    passphrase: PASSPHRASE_DI_PROVA,
    ...extra,
  });
  return workspace;
};
const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
  const result = await workspace!.dispatcher('app')(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
};
const refused = async (name: string, input: unknown) => {
  const result = await workspace!.dispatcher('app')(name, input);
  if (result.ok) throw new Error(`${name} should have been refused`);
  return result.error;
};
const configText = () => (fs.existsSync(path.join(dir, CONFIG_FILE)) ? fs.readFileSync(path.join(dir, CONFIG_FILE), 'utf8') : null);
const datori = async (file: string) => {
  const db = apriConChiave(file, await chiaveDelDatabase(file, dir), { readonly: true });
  try {
    return db.prepare('SELECT codice_fiscale FROM datori ORDER BY 1').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('first run', () => {
  it('starts with no service and a blank cache, and asks for a choice', async () => {
    await open();
    const stato = await call<ConfigurazioneStato>('configurazione.stato');
    expect(stato).toMatchObject({ primoAvvio: true, servizio: null, database: null, cartellaDati: dir });
    expect((await call<{ totale: number }>('clienti.cerca', {})).totale).toBe(0);
    expect(configText()).toBeNull();
  });

  it('chooses the demo sandbox: seeded data in the data folder, remembered at the next start', async () => {
    await open();
    const events: string[] = [];
    workspace!.events.subscribe((m) => events.push(m.event));
    const stato = await call<ConfigurazioneStato>('configurazione.servizio', { servizio: { tipo: 'sandbox' } });
    expect(stato).toMatchObject({ primoAvvio: false, servizio: { tipo: 'sandbox' }, database: path.join(dir, 'cassetto.sqlite') });
    expect(events).toContain('dati.aggiornati');
    await call('sync.ora');
    expect((await call<{ totale: number }>('clienti.cerca', {})).totale).toBeGreaterThan(0);
    // The demo's slot history (#15), derived from the bookings the first sync brought: waits to show.
    const sedi = await call<StatisticheSedi>('statistiche.sedi', { periodo: '12mesi' });
    expect(sedi.totale.attesaPrimoSlotGiorni.n).toBeGreaterThan(0);
    await workspace!.close();
    workspace = null;
    await open();
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({ primoAvvio: false, servizio: { tipo: 'sandbox' } });
    // Once, not at every start.
    expect((await call<StatisticheSedi>('statistiche.sedi', { periodo: '12mesi' })).totale.attesaPrimoSlotGiorni.n).toBe(sedi.totale.attesaPrimoSlotGiorni.n);
  });

  it('npm start goes straight to the demo', async () => {
    await open({ defaultToDemo: true });
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({ primoAvvio: false, servizio: { tipo: 'sandbox' } });
  });

  it('sets a damaged configuration aside and starts as a first run', async () => {
    fs.writeFileSync(path.join(dir, CONFIG_FILE), '{ non è json');
    await open();
    expect((await call<ConfigurazioneStato>('configurazione.stato')).primoAvvio).toBe(true);
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${CONFIG_FILE}.danneggiato-`))).toBe(true);
  });
});

describe('a remote service', () => {
  it.each([
    ['not http(s)', 'ftp://cassetto.esempio.it', 'URL_NON_VALIDO', /https:\/\//],
    ['a file path', 'file:///etc/passwd', 'URL_NON_VALIDO', /https:\/\//],
    ['with credentials in it', 'https://mario:segreto@cassetto.esempio.it', 'URL_NON_VALIDO', /nome utente o password/],
    ['not a URL', 'cassetto esempio', 'URL_NON_VALIDO', /non è valido/],
  ])('refuses a URL %s, changing nothing', async (_label, url, code, message) => {
    await open({ defaultToDemo: true });
    const before = configText();
    const core = workspace!.core;
    const error = await refused('configurazione.servizio', { servizio: { tipo: 'remoto', url } });
    expect(error).toMatchObject({ code, message: expect.stringMatching(message), details: [expect.objectContaining({ path: 'url' })] });
    expect(configText()).toBe(before);
    expect(workspace!.core).toBe(core);
  });

  it('refuses an unreachable URL and one that is not a Cassetto service, changing nothing', async () => {
    await open({ defaultToDemo: true });
    const before = configText();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await refused('configurazione.servizio', { servizio: { tipo: 'remoto', url: `http://127.0.0.1:${port}` } })).toMatchObject({
      code: 'SERVIZIO_NON_RAGGIUNGIBILE',
      message: expect.stringContaining('Non è stato cambiato nulla'),
    });
    expect(await refused('configurazione.servizio', { servizio: { tipo: 'remoto', url: notCassettoUrl } })).toMatchObject({
      code: 'SERVIZIO_NON_COMPATIBILE',
      message: expect.stringContaining('non è un servizio del Cassetto'),
    });
    expect(configText()).toBe(before);
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({ servizio: { tipo: 'sandbox' } });
  });

  it('an office database needs the passphrase once per start; the unlock and the wrong attempts before it are recorded', async () => {
    await open();
    await call('configurazione.servizio', { servizio: { tipo: 'remoto', url: remote.url } });
    await call('servizio.accedi', { username: 'operatore1', password: DEMO_PASSWORD });
    const office = (await call<ConfigurazioneStato>('configurazione.stato')).database!;
    await workspace!.close();
    workspace = null;

    // Next start, no CASSETTO_PASSPHRASE: nothing of the office is open until the passphrase is given.
    await open({ passphrase: null });
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({ database: null, protezione: { stato: 'bloccata', metodo: 'passphrase' } });
    expect(await refused('servizio.accedi', { username: 'operatore1', password: DEMO_PASSWORD })).toMatchObject({ code: 'DATI_BLOCCATI' });
    expect(await refused('chiave.sblocca', { passphrase: 'non è la frase giusta' })).toMatchObject({ code: 'PASSPHRASE_ERRATA' });
    expect(await refused('chiave.sblocca', { passphrase: 'neanche questa' })).toMatchObject({ code: 'PASSPHRASE_ERRATA' });
    const aperto = await call<ConfigurazioneStato>('chiave.sblocca', { passphrase: PASSPHRASE_DI_PROVA });
    expect(aperto).toMatchObject({ database: office, protezione: { stato: 'sbloccata' } });
    const registro = workspace!.core.ctx.sqlite.prepare("SELECT azione, dettagli FROM audit_log WHERE azione LIKE 'chiave.%' ORDER BY id").all();
    expect(registro).toEqual([{ azione: 'chiave.sblocca', dettagli: 'dopo 2 passphrase errate' }]);
    expect((await call<{ integro: boolean }>('registro.verifica')).integro).toBe(true);
  });

  it('keeps one database per service and per office, never mixing them', async () => {
    await open({ defaultToDemo: true });
    await call('sync.ora');
    const demoDb = path.join(dir, 'cassetto.sqlite');
    const demoDatori = await datori(demoDb);

    const chosen = await call<ConfigurazioneStato>('configurazione.servizio', { servizio: { tipo: 'remoto', url: `${remote.url}/` } });
    expect(chosen).toMatchObject({ servizio: { tipo: 'remoto', url: remote.url }, database: null });
    expect(await refused('servizio.accedi', { username: 'operatore1', password: 'sbagliata' })).toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    await call('servizio.accedi', { username: 'operatore1', password: DEMO_PASSWORD });
    const stato1 = await call<ConfigurazioneStato>('configurazione.stato');
    // Impostazioni says who is logged in.
    expect(stato1.operatore).toBe('operatore1');
    const office1 = stato1.database!;
    expect(office1).toMatch(/servizi[/\\]127\.0\.0\.1-\d+-[0-9a-f]{10}[/\\]int-001[/\\]cassetto\.sqlite$/);
    const remoteDatori = await datori(office1);
    expect(remoteDatori.length).toBeGreaterThan(0);
    expect(remoteDatori).not.toEqual(demoDatori);

    // An operator of another office on the same service: a third database.
    await call('servizio.accedi', { username: 'operatore5', password: DEMO_PASSWORD });
    const office2 = (await call<ConfigurazioneStato>('configurazione.stato')).database!;
    expect(office2).toMatch(/[/\\]int-002[/\\]cassetto\.sqlite$/);
    expect((await call<ConfigurazioneStato>('configurazione.stato')).operatore).toBe('operatore5');
    expect(await datori(office2)).not.toEqual(remoteDatori);

    // Back to the demo: its database as it was.
    await call('configurazione.servizio', { servizio: { tipo: 'sandbox' } });
    expect((await call<ConfigurazioneStato>('configurazione.stato')).database).toBe(demoDb);
    expect(await datori(demoDb)).toEqual(demoDatori);
    expect(await datori(office1)).toEqual(remoteDatori);
  });
});

describe('backups and restore through the workspace', () => {
  /** `owner`: the database whose key opens `file` (a copy set aside by a restore is still the demo's). */
  const count = async (file: string, table: string, owner = file) => {
    const db = apriConChiave(file, await chiaveDelDatabase(owner, dir), { readonly: true });
    try {
      return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('backs up by hand, lists it, and restores it, keeping the replaced database aside', async () => {
    await open({ defaultToDemo: true, scheduledBackups: false });
    await call('sync.ora');
    const database = path.join(dir, 'cassetto.sqlite');
    const before = await count(database, 'appuntamenti');
    const made = await call<{ nome: string; motivo: string; completo: boolean }>('backup.crea');
    expect(made).toMatchObject({ motivo: 'manuale', completo: true });
    const elenco = await call<{ cartella: string; backup: { nome: string }[] }>('backup.elenco');
    expect(elenco.cartella).toBe(path.join(dir, 'backup'));
    expect(elenco.backup.map((b) => b.nome)).toEqual([made.nome]);

    // A bad day: appointments deleted by mistake (here, by hand).
    workspace!.core.ctx.sqlite.prepare('DELETE FROM appuntamento_quesiti').run();
    workspace!.core.ctx.sqlite.prepare('DELETE FROM appuntamenti').run();
    expect(await count(database, 'appuntamenti')).toBe(0);

    const restored = await call<{ precedente: string; database: string }>('backup.ripristina', { nome: made.nome });
    expect(restored.database).toBe(database);
    expect(await count(database, 'appuntamenti')).toBe(before);
    expect((await call<{ totale: number }>('appuntamenti.cerca', {})).totale).toBe(before);
    expect(path.basename(restored.precedente)).toMatch(/^ripristino-precedente-/);
    expect(await count(path.join(restored.precedente, 'cassetto.sqlite'), 'appuntamenti', database)).toBe(0);
  });

  it('refuses a backup name that is not one of the listed backups, and a damaged backup, changing nothing', async () => {
    await open({ defaultToDemo: true, scheduledBackups: false });
    await call('sync.ora');
    expect(await refused('backup.ripristina', { nome: '../../etc' })).toMatchObject({ code: 'INPUT_NON_VALIDO' });
    expect(await refused('backup.ripristina', { nome: 'non-esiste' })).toMatchObject({ code: 'BACKUP_NON_TROVATO' });
    const made = await call<{ nome: string }>('backup.crea');
    const file = path.join(dir, 'backup', made.nome, 'cassetto.sqlite');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 8192); // a page of garbage
    fs.writeFileSync(file, bytes);
    const database = path.join(dir, 'cassetto.sqlite');
    const clienti = (await call<{ totale: number }>('clienti.cerca', {})).totale;
    const error = await refused('backup.ripristina', { nome: made.nome });
    expect(error.code).toMatch(/^BACKUP_/);
    expect(error.message).toMatch(/backup/i);
    expect((await call<{ totale: number }>('clienti.cerca', {})).totale).toBe(clienti);
    expect((await call<ConfigurazioneStato>('configurazione.stato')).database).toBe(database);
  });

  it('offers the latest good backup when the database is damaged at start, and restores it', async () => {
    await open({ defaultToDemo: true, scheduledBackups: false });
    await call('sync.ora');
    const made = await call<{ nome: string }>('backup.crea');
    const clienti = (await call<{ totale: number }>('clienti.cerca', {})).totale;
    workspace!.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await workspace!.close();
    workspace = null;
    const database = path.join(dir, 'cassetto.sqlite');
    const bytes = fs.readFileSync(database);
    bytes.fill(0x5a, 8192, 16384);
    fs.writeFileSync(database, bytes);

    await open({ scheduledBackups: false });
    // Damage in pages the start did not read is found by the check on the worker thread.
    const events: string[] = [];
    workspace!.events.subscribe((m) => events.push(m.event));
    await workspace!.integrity();
    const stato = await call<ConfigurazioneStato>('configurazione.stato');
    expect(stato.recupero).toMatchObject({ messaggio: expect.stringMatching(/danneggiat/i), backup: { nome: made.nome } });
    expect(stato.database).toBeNull();
    await call('backup.ripristina', { nome: made.nome });
    const dopo = await call<ConfigurazioneStato>('configurazione.stato');
    expect(dopo).toMatchObject({ recupero: null, database });
    expect((await call<{ totale: number }>('clienti.cerca', {})).totale).toBe(clienti);
  });

  it('opens at once and finds damage deep in the file on the worker thread, then offers the restore', async () => {
    await open({ defaultToDemo: true, scheduledBackups: false });
    await call('sync.ora');
    const made = await call<{ nome: string }>('backup.crea');
    // Every page into the main file (not left in the WAL), so there is a deep page to damage.
    workspace!.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await workspace!.close();
    workspace = null;
    const database = path.join(dir, 'cassetto.sqlite');
    const bytes = fs.readFileSync(database);
    const page = 4096;
    const from = Math.floor((bytes.length * 0.7) / page) * page;
    bytes.fill(0x5a, from, from + 4 * page);
    fs.writeFileSync(database, bytes);

    await open({ scheduledBackups: false });
    const events: string[] = [];
    workspace!.events.subscribe((m) => events.push(m.event));
    // The start did not read those pages: the database is open, the check runs behind it.
    expect((await call<ConfigurazioneStato>('configurazione.stato')).database).toBe(database);
    await workspace!.integrity();
    expect(events).toContain('avvio.recupero');
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({
      database: null,
      servizio: { tipo: 'sandbox' },
      recupero: { backup: { nome: made.nome } },
    });
    await call('backup.ripristina', { nome: made.nome });
    expect(await call<ConfigurazioneStato>('configurazione.stato')).toMatchObject({ database, recupero: null });
  });

  it('takes a backup before migrating an existing database', async () => {
    const { openDatabase } = await import('../../db/connection');
    const { migrations } = await import('../../db/migrations/index');
    const old = await openDatabase({ path: path.join(dir, 'cassetto.sqlite'), migrations: migrations.slice(0, 1) });
    await old.close();
    await open({ defaultToDemo: true, scheduledBackups: false });
    const elenco = await call<{ backup: { motivo: string; schemaVersione: number }[] }>('backup.elenco');
    expect(elenco.backup).toEqual([expect.objectContaining({ motivo: 'pre-migrazione', schemaVersione: 1 })]);
    expect((await call<ConfigurazioneStato>('configurazione.stato')).database).toBe(path.join(dir, 'cassetto.sqlite'));
  });

  it('exports the diagnostics as a zip of logs and versions, never the database', async () => {
    const { openDataDir } = await import('../../electron/core/workspace/startup');
    const logs = openDataDir(dir);
    await open({ defaultToDemo: true, scheduledBackups: false, logger: logs.logger, flushLogs: logs.flush });
    await call('sync.ora');
    const file = await call<{ nomeFile: string; codifica: string; contenuto: string }>('diagnostica.esporta');
    expect(file).toMatchObject({ nomeFile: expect.stringMatching(/^cassetto-diagnostica-\d{4}-\d{2}-\d{2}\.zip$/), codifica: 'base64' });
    const { unzipSync, strFromU8 } = await import('fflate');
    const entries = unzipSync(Buffer.from(file.contenuto, 'base64'));
    expect(Object.keys(entries).sort()).toEqual(expect.arrayContaining(['versions.json', 'log/cassetto.log']));
    expect(Object.keys(entries).some((n) => n.endsWith('.sqlite') || n.includes('allegati'))).toBe(false);
    expect(JSON.parse(strFromU8(entries['versions.json']!))).toMatchObject({
      versions: { app: expect.any(String), schema: String(LATEST_SCHEMA_VERSION), servizio: 'sandbox' },
    });
    await workspace!.close();
    workspace = null;
    await logs.close();
  });

  it('refuses to start in a data folder it cannot write, before creating anything', async () => {
    const { openDataDir } = await import('../../electron/core/workspace/startup');
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    expect(() => openDataDir(path.join(blocker, 'dati'))).toThrow(/non è una cartella.*Nessun file è stato creato/);
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});
