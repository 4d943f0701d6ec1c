import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../app';
import { fixedClock } from '../clock';
import { silentLogger } from '../log';
import { TEST_NOW } from '../testing';
import { fileVacuum, segnaVacuumDaFare, vacuumPrimaDellApertura, vacuumQuieto } from './vacuum';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** An open encrypted core whose file holds 2 MB of freed pages (review notices written, then deleted). */
async function coreConPagineLibere(): Promise<{ db: string; chiave: Buffer; core: Awaited<ReturnType<typeof openCore>> }> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-vacuum-'));
  const db = path.join(dir, 'cassetto.db');
  const chiave = crypto.randomBytes(32);
  const core = await openCore({ dbPath: db, chiave, clock: fixedClock(TEST_NOW), logger: silentLogger });
  const riga = core.ctx.sqlite.prepare("INSERT INTO cambiamenti (tipo, descrizione, rilevato_il) VALUES ('chiuso', ?, '2026-03-10')");
  core.ctx.sqlite.transaction(() => {
    for (let i = 0; i < 2000; i++) riga.run('x'.repeat(1000));
  })();
  core.ctx.sqlite.exec('DELETE FROM cambiamenti');
  return { db, chiave, core };
}

describe('the VACUUM after a retention run', () => {
  it('runs on a worker, on the encrypted file, only once the app is not busy, and shrinks the file', { timeout: 30_000 }, async () => {
    // The pages are free, the file keeps its size.
    const { db, chiave, core } = await coreConPagineLibere();
    core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const prima = fs.statSync(db).size;
    segnaVacuumDaFare(db);

    let prove = 0;
    const v = vacuumQuieto({ database: db, chiave, logger: silentLogger, attesaMs: 20, occupato: () => ++prove < 3 });
    const esito = await v.fatto;
    await v.close();
    expect(prove).toBe(3);
    expect(esito).toMatchObject({ ok: true });
    expect(esito && esito.ok && esito.dopo).toBeLessThan(prima / 4);
    expect(fs.statSync(db).size).toBeLessThan(prima / 4);
    expect(fs.existsSync(fileVacuum(db))).toBe(false);
    // The app's own connection goes on reading and writing the same file.
    core.ctx.sqlite.prepare("INSERT INTO cambiamenti (tipo, descrizione, rilevato_il) VALUES ('chiuso', 'dopo', '2026-03-10')").run();
    expect(core.ctx.sqlite.prepare('SELECT count(*) FROM cambiamenti').pluck().get()).toBe(1);
    await core.close();
  });

  it('in the workspace, runs at the next start before the core opens: nothing waits on its lock', { timeout: 30_000 }, async () => {
    const { db, chiave, core } = await coreConPagineLibere();
    await core.close();
    const prima = fs.statSync(db).size;
    expect(await vacuumPrimaDellApertura(db, chiave, silentLogger)).toBeNull();
    segnaVacuumDaFare(db);
    expect(await vacuumPrimaDellApertura(db, chiave, silentLogger)).toMatchObject({ ok: true });
    expect(fs.statSync(db).size).toBeLessThan(prima / 4);
    expect(fs.existsSync(fileVacuum(db))).toBe(false);
    // With a wrong key it fails, says so, and keeps the mark for the next try.
    segnaVacuumDaFare(db);
    expect(await vacuumPrimaDellApertura(db, crypto.randomBytes(32), silentLogger)).toMatchObject({ ok: false });
    expect(fs.existsSync(fileVacuum(db))).toBe(true);
  });

  it('without the mark there is nothing to do', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-vacuum-'));
    const v = vacuumQuieto({ database: path.join(dir, 'x.db'), chiave: null, logger: silentLogger, attesaMs: 1, occupato: () => false });
    expect(await v.fatto).toBeNull();
  });
});
