// Test fixtures for backups: a real database in a temporary data folder, with rows and
// attachments, plus helpers to damage files and to fingerprint a folder byte for byte.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openDatabase, type OpenedDatabase } from '../../../db/connection';
import { useFixture } from '../../common/testing/fixture';
import { chiaveAllegati } from '../allegati/chiave';
import { AttachmentFiles } from '../allegati/files';
import { Store } from '../store/index';
import type { Clock } from '../clock';

export interface LiveData {
  dataDir: string;
  dbPath: string;
  allegatiDir: string;
  backupDir: string;
  opened: OpenedDatabase;
  files: AttachmentFiles;
}

/** Writes an attachment's bytes and records it, as the booking form's upload does; returns its SHA-256. */
export function addAllegato(opened: OpenedDatabase, files: AttachmentFiles, bytes: Uint8Array, il: string): string {
  const written = files.write(bytes);
  new Store(opened.db, opened.sqlite).allegati.registra(written.sha256, 'application/pdf', written.dimensione, il);
  return written.sha256;
}

export function tempDir(prefix = 'cassetto-backup-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The live data's attachments are encrypted, as the app's are: a backup copies them as they are. */
export const CHIAVE_ALLEGATI_DI_PROVA = chiaveAllegati(Buffer.alloc(32, 7));

/** A data folder with an open database: argomenti, `clients` datori and two attachments. */
export async function makeLiveData(root: string, clients = 50): Promise<LiveData> {
  const dataDir = path.join(root, 'dati');
  fs.mkdirSync(dataDir, { recursive: true });
  const dbPath = path.join(dataDir, 'cassetto.sqlite');
  const opened = await openDatabase({ path: dbPath });
  const files = new AttachmentFiles(path.join(dataDir, 'allegati'), { chiave: CHIAVE_ALLEGATI_DI_PROVA });
  opened.sqlite.transaction(() => {
    const argomento = opened.sqlite.prepare('INSERT INTO argomenti (codice, descrizione, termine_giorni) VALUES (?, ?, ?)');
    argomento.run('mav', 'MAV e avvisi di pagamento', 30);
    argomento.run('contributi', 'Contributi', 60);
    for (let i = 0; i < clients; i += 1) addDatore(opened.sqlite, i);
  })();
  addAllegato(opened, files, pdf('ricevuta'), '2026-03-10T09:00:00.000Z');
  addAllegato(opened, files, pdf('delega firmata'), '2026-03-10T09:00:00.000Z');
  return { dataDir, dbPath, allegatiDir: files.dir, backupDir: path.join(dataDir, 'backup'), opened, files };
}

/** A live data folder that also names the temporary folder around it (for files a test adds beside it). */
export interface LiveFixture extends LiveData {
  root: string;
}

/**
 * Before each test, `makeLiveData(root, clients)` in a new temporary folder; after it, the database
 * closed (again, if the test closed it) and the folder removed. The fields read the current test's.
 */
export function useLiveData(clients?: number): LiveFixture {
  return useFixture(
    {
      what: 'useLiveData: the data folder',
      async open(): Promise<LiveFixture> {
        const root = tempDir();
        return { root, ...(await makeLiveData(root, clients)) };
      },
      async close(live) {
        await live.opened.close();
        fs.rmSync(live.root, { recursive: true, force: true });
      },
    },
    ['root', 'dataDir', 'dbPath', 'allegatiDir', 'backupDir', 'opened', 'files'],
  );
}

export function addDatore(sqlite: BetterSqlite3.Database, i: number): void {
  const cf = `TSTDTR${String(i).padStart(10, '0')}`;
  sqlite
    .prepare('INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, telefono, email, nominativo_ricerca) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)')
    .run(cf, `Cognome${i}`, `Nome${i}`, 'Roma', 'RM', `cognome${i} nome${i}`);
}

export function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n${'x'.repeat(200)}\n%%EOF\n`);
}

export function count(dbPath: string, sql: string): number {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** sha256 of every file under a folder, by relative path: equal maps = byte-identical trees. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Overwrites a leaf page of the `datori` table with noise (the file becomes single-file first). */
export function corruptDatoriPage(file: string): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = DELETE');
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'datori' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  raw.close();
  const page = pages[Math.floor(pages.length / 2)];
  if (page === undefined) throw new Error('no datori leaf page to corrupt');
  const bytes = fs.readFileSync(file);
  bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  fs.writeFileSync(file, bytes);
}

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private at: number;
  constructor(iso: string) {
    this.at = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
