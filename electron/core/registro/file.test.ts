import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { migrations } from '../../../db/migrations/index';
import type { Bozza, RegistroVerifica } from '../../common/commands/types';
import type { Core } from '../app';
import { app } from '../bozze/testing';
import { openTestCore, TEST_NOW } from '../testing';
import { ANCORA_FILE, leggiAncora } from './ancora';

// The registro of a database on disk: rows written before version 6 chained by the migration,
// and the anchor beside the database that shows the last rows removed.
let dir: string;
let file: string;
let core: Core | null = null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-registro-'));
  file = path.join(dir, 'cassetto.sqlite');
});
afterEach(async () => {
  await core?.close();
  core = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const apri = async () => (core = await openTestCore({ dbPath: file, seed: true }));
const verifica = () => app<RegistroVerifica>(core!, 'registro.verifica', {});
const sql = (text: string, ...params: unknown[]) => core!.ctx.sqlite.prepare(text).run(...params);
const ancora = () => leggiAncora(path.join(dir, ANCORA_FILE));

describe('migration from version 5', () => {
  it('chains the audit rows an earlier version wrote: the registro is intact, and new rows follow them', async () => {
    const v5 = await openDatabase({ path: file, migrations: migrations.slice(0, 5) });
    const scrivi = v5.sqlite.prepare('INSERT INTO audit_log (il, operatore, azione, entita, entita_id) VALUES (?, ?, ?, ?, ?)');
    scrivi.run('2026-03-01T08:00:00.000Z', null, 'bozza.crea', 'bozza', 'b-1');
    scrivi.run('2026-03-01T08:05:00.000Z', 'op-1', 'bozza.invia', 'bozza', 'b-1');
    scrivi.run('2026-03-02T09:00:00.000Z', null, 'appuntamento.cancella', 'appuntamento', 'a-1');
    await v5.close();

    await apri();
    expect(await verifica()).toMatchObject({ integro: true, righe: 3 });
    await app<Bozza>(core!, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    expect(await verifica()).toMatchObject({ integro: true, righe: 4 });
    // And the chain still catches a change to a row written before the upgrade.
    sql("UPDATE audit_log SET azione = 'bozza.modifica' WHERE id = 2");
    expect(await verifica()).toMatchObject({ integro: false, primaRigaAlterata: { id: 2, il: '2026-03-01T08:05:00.000Z', azione: 'bozza.modifica' } });
  });
});

describe('the anchor beside the database', () => {
  async function treRighe(): Promise<void> {
    core!.ctx.store.sessione.ricorda({ username: 'm.bianchi', operatoreId: null }, TEST_NOW);
    const bozza = await app<Bozza>(core!, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    await app(core!, 'agenda.esporta', { formato: 'ics' });
    await app(core!, 'bozza.elimina', { id: bozza.id });
  }

  it('follows the last row after each command that added one', async () => {
    await apri();
    await treRighe();
    const ultima = core!.ctx.store.registro.ultima()!;
    expect(ancora()).toEqual({ id: 3, hash: ultima.hash });
  });

  it('shows the last rows removed, with SQLite’s sequence reset too; the check changes nothing', async () => {
    await apri();
    await treRighe();
    sql('DELETE FROM audit_log WHERE id >= 2');
    sql("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'");
    const prima = fs.readFileSync(path.join(dir, ANCORA_FILE), 'utf8');
    expect(await verifica()).toEqual({
      integro: false,
      righe: 1,
      primaRigaAlterata: { id: 2, il: null, azione: null },
      messaggio:
        'Registro non integro: mancano le ultime righe (le righe dalla n. 2 alla n. 3, rimosse). Non modificare il database: conserva una copia della cartella dei dati e avvisa il responsabile della privacy.',
    });
    expect(fs.readFileSync(path.join(dir, ANCORA_FILE), 'utf8')).toBe(prima);
  });

  it('keeps showing it after new rows took the removed ids: the anchor is not moved onto a chain that lost it', async () => {
    await apri();
    await treRighe();
    const anchored = ancora();
    sql('DELETE FROM audit_log WHERE id >= 2');
    sql("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'");
    await treRighe(); // rows 2, 3 and 4 again, chained to row 1
    expect(ancora()).toEqual(anchored);
    expect(await verifica()).toMatchObject({
      integro: false,
      primaRigaAlterata: { id: 3, il: null, azione: null },
      messaggio: expect.stringMatching(/^Registro non integro: la riga n\. 3 non è più quella registrata/) as unknown,
    });
  });

  it('is intact again after reopening an untouched database', async () => {
    await apri();
    await treRighe();
    await core!.close();
    core = null;
    await apri();
    expect(await verifica()).toMatchObject({ integro: true, righe: 3 });
  });
});
