import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applicaChiave, inChiaro } from '../../db/cifratura';
import { openDatabase } from '../../db/connection';
import { LATEST_SCHEMA_VERSION, migrations } from '../../db/migrations/index';
import { PASSI_CIFRATURA } from '../../electron/core/chiave/cifraDatabase';
import { chiaveDelDatabase } from '../../electron/core/chiave/testing';
import { cifraCopieInChiaro } from '../../electron/core/backup/cifraCopie';
import { createBackup, verifyBackup } from '../../electron/core/backup/index';
import { rejection } from '../../electron/common/testing/rejection';
import { useTestWorkspace } from '../../electron/core/workspace/testing';
import { startEmbeddedDemo } from '../../sandbox/embedded';

// The first start after the upgrade to encryption: a plain database of every earlier schema
// version, with a client and an attachment in clear, comes out encrypted with nothing in clear
// left in the data folder; and a crash after any step leaves the old or the new database whole.

const CF = 'RSSMRA80A01H501U';
const DOCUMENTO = Buffer.from(`%PDF-1.4 documento di ${CF} in chiaro %%EOF`);
const CHILD = path.resolve('tests/crash/cifratura-child.ts');

const t = useTestWorkspace('cifratura', { startDemo: () => startEmbeddedDemo(null), defaultToDemo: true });
const open = () => t.open();

const database = () => path.join(t.dir, 'cassetto.sqlite');

/** A data folder as an earlier version left it: a plain database at `version`, a client, an attachment file. */
async function plainFolder(version: number): Promise<void> {
  const opened = await openDatabase({ path: database(), migrations: migrations.slice(0, version) });
  opened.sqlite
    .prepare('INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, email, nominativo_ricerca) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(CF, 'Rossi', 'Maria', 'Roma', 'RM', 'maria.rossi@example.org', 'rossi maria');
  opened.sqlite.prepare("INSERT INTO audit_log (il, azione, entita, entita_id) VALUES ('2026-01-01T00:00:00Z', 'bozza.crea', 'bozza', ?)").run(CF);
  await opened.close();
  const sha = crypto.createHash('sha256').update(DOCUMENTO).digest('hex');
  fs.mkdirSync(path.join(t.dir, 'allegati', sha.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(t.dir, 'allegati', sha.slice(0, 2), sha), DOCUMENTO);
}

/** Every file under the data folder that holds the client's codice fiscale, name or e-mail in clear. */
function filesInClear(): string[] {
  const needles = [CF, 'maria.rossi@example.org', 'rossi maria'].map((n) => Buffer.from(n));
  return (fs.readdirSync(t.dir, { recursive: true }) as string[])
    .map((rel) => path.join(t.dir, rel))
    .filter((file) => fs.statSync(file).isFile())
    .filter((file) => {
      const bytes = fs.readFileSync(file);
      return needles.some((n) => bytes.includes(n));
    })
    .map((file) => path.relative(t.dir, file));
}

function clientOf(file: string, chiave: Buffer | null): string | undefined {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    if (chiave) applicaChiave(db, chiave);
    return db.prepare('SELECT email FROM datori WHERE codice_fiscale = ?').pluck().get(CF) as string | undefined;
  } finally {
    db.close();
  }
}

describe('a plain database from an earlier version is encrypted at the first start', () => {
  for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
    it(`from schema ${version}: encrypted, migrated, backed up, nothing left in clear`, async () => {
      await plainFolder(version);
      expect(filesInClear().sort()).toEqual(['cassetto.sqlite', expect.stringMatching(/^allegati\//)].sort());
      await open();
      expect(inChiaro(database())).toBe(false);
      const chiave = await chiaveDelDatabase(database(), t.dir);
      expect(clientOf(database(), chiave)).toBe('maria.rossi@example.org');
      const stato = t.workspace.stato();
      expect(stato.database).toBe(database());
      expect(t.workspace.core.ctx.app.schemaVersione).toBe(LATEST_SCHEMA_VERSION);
      // The attachment reads back through the store, decrypted.
      const sha = crypto.createHash('sha256').update(DOCUMENTO).digest('hex');
      expect(t.workspace.core.ctx.allegati.read(sha).equals(DOCUMENTO)).toBe(true);
      // One verified backup, encrypted, at the old schema.
      const backups = fs.readdirSync(path.join(t.dir, 'backup'));
      expect(backups).toHaveLength(1);
      const verified = await verifyBackup(path.join(t.dir, 'backup', backups[0]!), { chiave });
      expect(verified.schemaVersion).toBe(version);
      await t.close();
      expect(filesInClear()).toEqual([]);
      expect(fs.existsSync(`${database()}.cifratura`)).toBe(false);
    });
  }

  it('is not redone at the next start, and the pre-migration backup is not doubled', async () => {
    await plainFolder(1);
    await open();
    await t.close();
    const before = fs.readdirSync(path.join(t.dir, 'backup'));
    await open();
    expect(fs.readdirSync(path.join(t.dir, 'backup'))).toEqual(before);
  });
});

describe('copies made before encryption', () => {
  it('backups and a database a restore set aside are encrypted in place; the old backup still restores', async () => {
    await plainFolder(LATEST_SCHEMA_VERSION - 1);
    const backup = await createBackup({
      dbPath: database(),
      allegatiDir: path.join(t.dir, 'allegati'),
      backupDir: path.join(t.dir, 'backup'),
      reason: 'manuale',
      linkAttachments: true,
    });
    const aside = path.join(t.dir, 'ripristino-precedente-2026-01-01T00-00-00Z');
    fs.mkdirSync(aside);
    fs.copyFileSync(database(), path.join(aside, 'cassetto.sqlite'));
    expect(filesInClear().length).toBeGreaterThanOrEqual(4);
    await open();
    const chiave = await chiaveDelDatabase(database(), t.dir);
    expect(filesInClear()).toEqual([]);
    expect(inChiaro(backup.dbFile)).toBe(false);
    expect((await verifyBackup(backup.path, { chiave })).schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1);
    expect(clientOf(path.join(aside, 'cassetto.sqlite'), chiave)).toBe('maria.rossi@example.org');
    // The backup made in clear by the earlier version restores, encrypted, with its attachment.
    await t.workspace.backupRipristina(backup.name);
    expect(inChiaro(database())).toBe(false);
    const sha = crypto.createHash('sha256').update(DOCUMENTO).digest('hex');
    expect(t.workspace.core.ctx.allegati.read(sha).equals(DOCUMENTO)).toBe(true);
    expect(t.workspace.core.ctx.app.schemaVersione).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a crash between the database and its manifest is completed at the next start; a copy that fails stays as it was', async () => {
    await plainFolder(LATEST_SCHEMA_VERSION);
    const made = await createBackup({
      dbPath: database(),
      allegatiDir: path.join(t.dir, 'allegati'),
      backupDir: path.join(t.dir, 'backup'),
      reason: 'manuale',
    });
    const plainManifest = fs.readFileSync(path.join(made.path, 'manifest.json'));
    const plainBytes = fs.readFileSync(made.dbFile);
    const chiave = crypto.randomBytes(32);
    // Never rejects: a copy that fails is logged and left for the next start.
    expect(await cifraCopieInChiaro({ dir: t.dir, chiave, cifraAllegati: () => Promise.reject(new Error('disk full')) })).toBe(0);
    expect(fs.readFileSync(made.dbFile).equals(plainBytes)).toBe(true);
    expect(fs.readFileSync(path.join(made.path, 'manifest.json')).equals(plainManifest)).toBe(true);
    expect(await cifraCopieInChiaro({ dir: t.dir, chiave, cifraAllegati: () => {} })).toBe(1);
    // As if the process died after the database's rename, before the manifest's.
    fs.renameSync(path.join(made.path, 'manifest.json'), path.join(made.path, 'manifest.json.nuovo'));
    fs.writeFileSync(path.join(made.path, 'manifest.json'), plainManifest);
    expect(await rejection(verifyBackup(made.path, { chiave }))).toMatchObject({ code: 'BACKUP_DANNEGGIATO' });
    expect(await cifraCopieInChiaro({ dir: t.dir, chiave, cifraAllegati: () => {} })).toBe(0);
    expect((await verifyBackup(made.path, { chiave })).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(fs.existsSync(path.join(made.path, 'manifest.json.nuovo'))).toBe(false);
  });
});

describe('backups and the key', () => {
  it('a backup made by another installation is refused, and nothing in the data folder changes but the registro’s row saying so', async () => {
    await open();
    await t.value('sync.ora');
    // Another installation's backup, put in this folder's backups by hand.
    const altrove = path.join(t.dir, 'altrove.sqlite');
    const altraChiave = crypto.randomBytes(32);
    await (await openDatabase({ path: altrove, chiave: altraChiave })).close();
    const foreign = await createBackup({ dbPath: altrove, chiave: altraChiave, backupDir: path.join(t.dir, 'backup'), reason: 'manuale' });
    fs.rmSync(altrove);
    const files = () =>
      Object.fromEntries(
        (fs.readdirSync(t.dir, { recursive: true }) as string[])
          // The database (its registro gains the refusal) and the registro's anchor aside.
          .filter((rel) => !rel.startsWith('cassetto.sqlite') && rel !== 'registro-ancora.json' && fs.statSync(path.join(t.dir, rel)).isFile())
          .map((rel) => [
            rel,
            crypto
              .createHash('sha256')
              .update(fs.readFileSync(path.join(t.dir, rel)))
              .digest('hex'),
          ]),
      );
    const dump = () =>
      (
        t.workspace.core.ctx.sqlite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name")
          .pluck()
          .all() as string[]
      ).map((table) => JSON.stringify(t.workspace.core.ctx.sqlite.prepare(`SELECT * FROM "${table}"`).all()));
    const [filesBefore, dumpBefore] = [files(), dump()];
    const error = await t.refused('backup.ripristina', { nome: foreign.name });
    expect(error).toMatchObject({
      code: 'BACKUP_CHIAVE_ERRATA',
      message: expect.stringMatching(/cifrato con un’altra chiave.*Il database attuale non è stato modificato/),
    });
    expect(files()).toEqual(filesBefore);
    expect(dump()).toEqual(dumpBefore);
    const ultima = t.workspace.core.ctx.sqlite.prepare('SELECT azione, esito FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(ultima).toEqual({ azione: 'backup.ripristina', esito: 'errore' });
  });
});

describe('a crash at any step of the encryption', () => {
  for (const passo of PASSI_CIFRATURA) {
    it(`after «${passo}»: the old or the new database is whole, and the next start completes`, async () => {
      await plainFolder(LATEST_SCHEMA_VERSION - 1);
      const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, t.dir, passo], { stdio: ['ignore', 'ignore', 'pipe'] });
        child.on('exit', (c, s) => resolve({ code: c, signal: s }));
      });
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
      // Whole: either still plain with the client, or encrypted with the client.
      const plain = inChiaro(database());
      expect(plain).toBe(passo !== 'sostituito');
      const chiave = plain ? null : await chiaveDelDatabase(database(), t.dir);
      expect(clientOf(database(), chiave)).toBe('maria.rossi@example.org');
      // The next start finishes the job.
      await open();
      expect(inChiaro(database())).toBe(false);
      expect(clientOf(database(), await chiaveDelDatabase(database(), t.dir))).toBe('maria.rossi@example.org');
      await t.close();
      expect(filesInClear()).toEqual([]);
      expect(fs.existsSync(`${database()}.cifratura`)).toBe(false);
    }, 30_000);
  }
});
