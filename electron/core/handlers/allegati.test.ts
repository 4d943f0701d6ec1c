import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bozza } from '../../common/commands/types';
import type { Core } from '../app';
import { openTestCore, seedFixture } from '../testing';

let core: Core;
let bozza: Bozza;
beforeEach(async () => {
  core = await openTestCore();
  seedFixture(core);
  const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
  if (!created.ok) throw new Error(created.error.message);
  bozza = created.value as Bozza;
});
afterEach(async () => {
  await core.close();
});

const pdf = (body = 'ricevuta MAV') => Buffer.from(`%PDF-1.4\n1 0 obj << >> endobj\n% ${body}\ntrailer << >>\n%%EOF\n`);
const add = (nomeFile: string, bytes: Buffer) => core.dispatcher('app')('bozza.allegato.aggiungi', { bozzaId: bozza.id, nomeFile, contenutoBase64: bytes.toString('base64') });
const stored = () => ({
  links: core.ctx.sqlite.prepare('SELECT count(*) FROM bozza_allegati').pluck().get(),
  files: fs.existsSync(core.ctx.allegati.dir) ? fs.readdirSync(core.ctx.allegati.dir, { recursive: true }).filter((f) => String(f).length > 3).length : 0,
});

describe('attachments preflight', () => {
  it('stores a PDF content-addressed, once, with a sanitised name', async () => {
    const result = await add('..\\..\\Ricevuta:MAV.pdf', pdf());
    expect(result).toMatchObject({ ok: true, value: { allegati: [{ posizione: 0, nomeFile: 'Ricevuta_MAV.pdf', mime: 'application/pdf' }] } });
    await add('copia.pdf', pdf());
    expect(stored()).toEqual({ links: 2, files: 1 });
  });

  it.each([
    ['an .exe renamed .pdf', 'fattura.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'TIPO_NON_AMMESSO'],
    ['an empty file', 'vuoto.pdf', Buffer.alloc(0), 'FILE_VUOTO'],
    ['a truncated PDF', 'tronco.pdf', pdf().subarray(0, 30), 'FILE_TRONCATO'],
    ['a file over the 3 MB cap', 'grande.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024, 32), Buffer.from('\n%%EOF\n')]), 'FILE_TROPPO_GRANDE'],
  ])('refuses %s with a clear Italian message, storing nothing', async (_label, name, bytes, code) => {
    const result = await add(name, bytes);
    expect(result).toMatchObject({ ok: false, error: { code, details: expect.arrayContaining([expect.objectContaining({ path: 'allegati' })]) } });
    if (!result.ok) expect(result.error.message).toMatch(/[àèéìòù]|file|allegat/i);
    expect(stored()).toEqual({ links: 0, files: 0 });
  });

  it('refuses a fourth attachment', async () => {
    for (const n of [1, 2, 3]) expect((await add(`doc${n}.pdf`, pdf(`n${n}`))).ok).toBe(true);
    const fourth = await add('doc4.pdf', pdf('n4'));
    expect(fourth).toMatchObject({ ok: false, error: { code: 'TROPPI_ALLEGATI', message: 'Al massimo 3 allegati per appuntamento.' } });
    expect(stored()).toEqual({ links: 3, files: 3 });
  });

  it('removes an attachment and keeps positions compact', async () => {
    for (const n of [1, 2, 3]) await add(`doc${n}.pdf`, pdf(`n${n}`));
    const after = await core.dispatcher('app')('bozza.allegato.rimuovi', { bozzaId: bozza.id, posizione: 0 });
    expect(after).toMatchObject({ ok: true, value: { allegati: [{ posizione: 0, nomeFile: 'doc2.pdf' }, { posizione: 1, nomeFile: 'doc3.pdf' }] } });
  });
});
