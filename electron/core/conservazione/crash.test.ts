import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applicaChiave } from '../../../db/cifratura';
import { openCore, type Core } from '../app';
import { fixedClock } from '../clock';
import { silentLogger } from '../log';
import { seedFixture, TEST_NOW } from '../testing';
import { dump, senzaPurgati, ufficioConservazione } from './testing';

// A retention run killed (SIGKILL, no cleanup) in a child process at a chosen point: after the
// first client's commit, after the second's, and after every commit but before the files are
// unlinked. The next open completes the run: exactly the confirmed data gone, the rest unchanged.

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const apri = (db: string, chiave: Buffer): Promise<Core> => openCore({ dbPath: db, chiave, clock: fixedClock(TEST_NOW), logger: silentLogger });

function figlio(db: string, chiave: Buffer, spec: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, chiave.toString('hex'), spec], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal || out ? resolve({ signal, out }) : reject(new Error(err))));
  });
}

describe('a retention run killed midway', () => {
  for (const [spec, giaPurgati] of [
    ['cliente:1', 1],
    ['cliente:2', 2],
    ['file:1', 3],
  ] as const) {
    it(`resumes at the next open and completes (killed at ${spec})`, { timeout: 60_000 }, async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-conservazione-crash-'));
      const db = path.join(dir, 'cassetto.db');
      const chiave = crypto.randomBytes(32);
      let core = await apri(db, chiave);
      seedFixture(core);
      const u = await ufficioConservazione(core);
      const prima = dump(core);
      await core.close();

      const { signal, out } = await figlio(db, chiave, spec);
      expect(signal).toBe('SIGKILL');
      expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ punto: spec.split(':')[0], n: Number(spec.split(':')[1]) });

      // What the kill left, read without opening a core (which would resume): the marker, and
      // whole clients purged or untouched — never a client half-purged.
      const raw = new BetterSqlite3(db);
      applicaChiave(raw, chiave);
      expect(raw.prepare('SELECT count(*) FROM conservazione_corsa').pluck().get()).toBe(1);
      const clienti = JSON.parse(raw.prepare('SELECT clienti FROM conservazione_corsa').pluck().get() as string) as string[];
      const bozzeDi = (cf: string) => raw.prepare('SELECT count(*) FROM bozze WHERE datore_cf = ?').pluck().get(cf) as number;
      const prime = (cf: string) => prima.bozze!.filter((b) => (JSON.parse(b) as { datore_cf: string }).datore_cf === cf).length;
      expect(clienti.map(bozzeDi)).toEqual(clienti.map((cf, i) => (i < giaPurgati ? 0 : prime(cf))));
      raw.close();
      if (spec === 'file:1') expect(fs.existsSync(path.join(dir, 'allegati', u.sha.gialli.slice(0, 2), u.sha.gialli))).toBe(true);

      core = await apri(db, chiave);
      try {
        const bozze = [u.bozze.gialli1.id, u.bozze.gialli2.id, u.bozze.neri.id, u.bozze.blu.id];
        expect(dump(core)).toEqual(senzaPurgati(prima, { bozze, sha: [u.sha.gialli, u.sha.orfano] }));
        expect(core.ctx.store.conservazione.corsa()).toBeUndefined();
        for (const sha of [u.sha.gialli, u.sha.orfano]) expect(fs.existsSync(core.ctx.allegati.pathOf(sha))).toBe(false);
        expect(core.ctx.allegati.read(u.sha.condiviso).toString()).toContain('condiviso');
        const corsa = core.ctx.sqlite
          .prepare("SELECT dettagli FROM audit_log WHERE azione = 'conservazione.esegui' AND entita = 'corsa'")
          .pluck()
          .all() as string[];
        expect(corsa.map((d) => (JSON.parse(d) as { ripresa: boolean }).ripresa)).toEqual([true]);
        // One registro row per client, even though the run was cut and resumed.
        expect(core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE azione = 'conservazione.esegui' AND entita = 'cliente'").pluck().get()).toBe(3);
      } finally {
        await core.close();
      }
    });
  }
});
