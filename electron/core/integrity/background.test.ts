import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { applicaChiave } from '../../../db/cifratura';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrityInBackground } from './background';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-integrity-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function database(rows: number, chiave?: Buffer): string {
  const file = path.join(dir, 'db.sqlite');
  const db = new Database(file);
  if (chiave) applicaChiave(db, chiave);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`valore ${i} ${'x'.repeat(50)}`);
  })();
  db.close();
  return file;
}

describe('the integrity check on a worker thread', () => {
  it('finds a sound database sound, while another connection holds it open', async () => {
    const file = database(2000);
    const open = new Database(file);
    try {
      expect(await integrityInBackground(file)).toEqual({ kind: 'ok' });
    } finally {
      open.close();
    }
  });

  it('finds the damage in a page the app has not read yet', async () => {
    const file = database(5000);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 20, 4096 * 24);
    fs.writeFileSync(file, bytes);
    expect(await integrityInBackground(file)).toMatchObject({ kind: 'damaged', problems: expect.arrayContaining([expect.any(String)]) });
  });

  it('opens an encrypted database with its key, and calls it damaged under another key', async () => {
    const chiave = crypto.randomBytes(32);
    const file = database(500, chiave);
    expect(await integrityInBackground(file, chiave)).toEqual({ kind: 'ok' });
    expect(await integrityInBackground(file, crypto.randomBytes(32))).toMatchObject({ kind: 'damaged' });
  });

  it('says when it could not run, without throwing', async () => {
    expect(await integrityInBackground(path.join(dir, 'assente.sqlite'))).toMatchObject({ kind: 'not-run' });
  });
});
