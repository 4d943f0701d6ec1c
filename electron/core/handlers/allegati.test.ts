import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AllegatiScelti, Bozza } from '../../common/commands/types';
import { openTestCore, useTestCore } from '../testing';
import { pdfMinimo, pdfPesante } from '../allegati/prova';

const core = useTestCore({ seed: true });
let bozza: Bozza;
beforeEach(async () => {
  const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
  if (!created.ok) throw new Error(created.error.message);
  bozza = created.value as Bozza;
});

// Real PDFs (the preflight opens them): a valid one-page file built synchronously.
const pdf = (body = 'ricevuta MAV') => pdfMinimo(body);
const add = (nomeFile: string, bytes: Buffer) =>
  core.dispatcher('app')('bozza.allegato.aggiungi', { bozzaId: bozza.id, nomeFile, contenutoBase64: bytes.toString('base64') });
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
    ['a file over the 3 MB cap', 'grande.pdf', null, 'FILE_TROPPO_GRANDE'],
  ])('refuses %s with a clear Italian message, storing nothing', async (_label, name, bytes, code) => {
    const result = await add(name, bytes ?? (await pdfPesante(3.2 * 1024 * 1024)));
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
    expect(after).toMatchObject({
      ok: true,
      value: {
        allegati: [
          { posizione: 0, nomeFile: 'doc2.pdf' },
          { posizione: 1, nomeFile: 'doc3.pdf' },
        ],
      },
    });
  });
});

describe('stored attachments: content, system viewer, native file dialog', () => {
  it('gives back the stored bytes for a preview or a download', async () => {
    const added = await add('ricevuta.pdf', pdf());
    if (!added.ok) throw new Error(added.error.message);
    const sha256 = (added.value as Bozza).allegati[0]!.sha256;
    const result = await core.dispatcher('app')('allegato.contenuto', { sha256 });
    expect(result).toMatchObject({ ok: true, value: { sha256, mime: 'application/pdf', dimensione: pdf().byteLength } });
    if (result.ok) expect(Buffer.from((result.value as { contenutoBase64: string }).contenutoBase64, 'base64').equals(pdf())).toBe(true);
  });

  it.each([
    ['a flipped byte', (raw: Buffer) => Buffer.from(raw).fill(raw[20]! ^ 1, 20, 21)],
    ['a truncated file', (raw: Buffer) => raw.subarray(0, raw.length - 10)],
  ])('refuses a tampered attachment (%s) with a clear Italian message, the file and the draft unchanged', async (_label, damage) => {
    const added = await add('ricevuta.pdf', pdf());
    if (!added.ok) throw new Error(added.error.message);
    const sha256 = (added.value as Bozza).allegati[0]!.sha256;
    const file = core.ctx.allegati.pathOf(sha256);
    fs.writeFileSync(file, damage(fs.readFileSync(file)));
    const before = fs.readFileSync(file);
    const result = await core.dispatcher('app')('allegato.contenuto', { sha256 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ALLEGATO_ALTERATO', message: expect.stringMatching(/^Il documento allegato risulta alterato o incompleto sul disco/) },
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(stored()).toEqual({ links: 1, files: 1 });
  });

  it('says a stored file gone from the data folder is missing', async () => {
    const added = await add('ricevuta.pdf', pdf());
    if (!added.ok) throw new Error(added.error.message);
    const sha256 = (added.value as Bozza).allegati[0]!.sha256;
    fs.rmSync(core.ctx.allegati.pathOf(sha256));
    const result = await core.dispatcher('app')('allegato.contenuto', { sha256 });
    expect(result).toMatchObject({ ok: false, error: { code: 'ALLEGATO_NON_DISPONIBILE', message: expect.stringContaining('manca dalla cartella dei dati') } });
  });

  it('says an attachment not held on this PC is to be seen in the Cassetto', async () => {
    const result = await core.dispatcher('app')('allegato.contenuto', { sha256: 'a'.repeat(64) });
    expect(result).toMatchObject({ ok: false, error: { code: 'ALLEGATO_NON_DISPONIBILE', message: expect.stringContaining('Cassetto') } });
  });

  it('refuses the desktop-only commands in the browser host with an Italian hint', async () => {
    const scegli = await core.dispatcher('app')('bozza.allegato.scegli', { bozzaId: bozza.id });
    expect(scegli).toMatchObject({ ok: false, error: { code: 'SOLO_DESKTOP' } });
    const apri = await core.dispatcher('app')('allegato.apri', { sha256: 'a'.repeat(64), nomeFile: 'x.pdf' });
    expect(apri).toMatchObject({ ok: false, error: { code: 'SOLO_DESKTOP' } });
  });
});

describe('the desktop shell', () => {
  let dir: string;
  const opened: string[] = [];
  let chosen: string[] = [];
  const desktopCore = useTestCore({
    seed: true,
    desktop: {
      chooseFiles: async () => chosen,
      openPath: async (file) => {
        opened.push(file);
      },
    },
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-scegli-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('reads the chosen paths in the core, adds the good files and names each refused one', async () => {
    const created = await desktopCore.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as Bozza).id;
    const big = await pdfPesante(3.2 * 1024 * 1024);
    const gigabyte = path.join(dir, 'video.pdf');
    // A sparse 1 GB file: refused from its size, so the test never reads (nor writes) a gigabyte.
    fs.writeFileSync(gigabyte, '%PDF-');
    fs.truncateSync(gigabyte, 1024 ** 3);
    chosen = [
      write('buona.pdf', pdf()),
      write('virus.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 1)])),
      write('enorme.pdf', big),
      gigabyte,
      path.join(dir, 'sparito.pdf'),
    ];
    const rss0 = process.memoryUsage().rss;
    const result = await desktopCore.dispatcher('app')('bozza.allegato.scegli', { bozzaId: id });
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as AllegatiScelti;
    expect(value.bozza.allegati.map((a) => a.nomeFile)).toEqual(['buona.pdf']);
    expect(value.rifiutati).toEqual([
      { nomeFile: 'virus.pdf', messaggio: expect.stringContaining('non è un PDF, JPEG, PNG o TIFF') },
      { nomeFile: 'video.pdf', messaggio: expect.stringContaining('«video.pdf» pesa 1024 MB: è troppo grande anche per essere ridotto') },
      { nomeFile: 'sparito.pdf', messaggio: expect.stringContaining('Non riesco a leggere') },
    ]);
    // Over the 3 MB cap but whole: stored, kept aside for «Riduci» or «Unisci in un PDF», not linked.
    expect(value.daAdattare).toEqual([expect.objectContaining({ nomeFile: 'enorme.pdf', mime: 'application/pdf', dimensione: big.byteLength, pagine: 3 })]);
  });

  it('opens a stored attachment through a copy with its extension, never the store file itself', async () => {
    const created = await desktopCore.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const added = await desktopCore.dispatcher('app')('bozza.allegato.aggiungi', {
      bozzaId: (created.value as Bozza).id,
      nomeFile: 'MAV marzo',
      contenutoBase64: pdf().toString('base64'),
    });
    if (!added.ok) throw new Error(added.error.message);
    const a = (added.value as Bozza).allegati[0]!;
    const result = await desktopCore.dispatcher('app')('allegato.apri', { sha256: a.sha256, nomeFile: '../../MAV marzo' });
    expect(result).toEqual({ ok: true, value: { aperto: true } });
    const file = opened.at(-1)!;
    expect(path.basename(file)).toBe('MAV marzo.pdf');
    expect(file).not.toBe(desktopCore.ctx.allegati.pathOf(a.sha256));
    expect(fs.readFileSync(file).equals(pdf())).toBe(true);
  });

  it('keeps the decrypted copies opened with the viewer outside the data folder, only while the app runs: emptied at close and at the next start', async () => {
    const file = path.join(dir, 'cassetto.sqlite');
    const chiave = Buffer.alloc(32, 5);
    const desktop = { chooseFiles: async () => [], openPath: async (f: string) => void opened.push(f) };
    const core = await openTestCore({ dbPath: file, chiave, seed: true, desktop });
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const added = await core.dispatcher('app')('bozza.allegato.aggiungi', {
      bozzaId: (created.value as Bozza).id,
      nomeFile: 'mav.pdf',
      contenutoBase64: pdf().toString('base64'),
    });
    if (!added.ok) throw new Error(added.error.message);
    const a = (added.value as Bozza).allegati[0]!;
    await core.dispatcher('app')('allegato.apri', { sha256: a.sha256, nomeFile: 'mav.pdf' });
    const copia = opened.at(-1)!;
    const cartella = path.dirname(path.dirname(copia));
    expect(path.dirname(cartella)).toBe(os.tmpdir());
    expect(copia.startsWith(dir)).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(cartella).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(copia).equals(pdf())).toBe(true);
    // In the data folder the attachment is ciphertext only.
    expect(fs.readFileSync(core.ctx.allegati.pathOf(a.sha256)).includes('%PDF')).toBe(false);
    await core.close();
    expect(fs.existsSync(cartella)).toBe(false);
    // A copy left by a crash (a core never closed) goes at the next start; the stored attachment stays.
    const crashed = await openTestCore({ dbPath: file, chiave, desktop });
    await crashed.dispatcher('app')('allegato.apri', { sha256: a.sha256, nomeFile: 'mav.pdf' });
    const rimasta = opened.at(-1)!;
    expect(fs.existsSync(rimasta)).toBe(true);
    const again = await openTestCore({ dbPath: file, chiave, desktop });
    expect(fs.existsSync(path.dirname(path.dirname(rimasta)))).toBe(false);
    expect(again.ctx.allegati.read(a.sha256).equals(pdf())).toBe(true);
    await again.close();
    await crashed.close();
  });

  it('refuses to open a tampered attachment, naming it, with nothing copied or changed', async () => {
    const created = await desktopCore.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const added = await desktopCore.dispatcher('app')('bozza.allegato.aggiungi', {
      bozzaId: (created.value as Bozza).id,
      nomeFile: 'mav.pdf',
      contenutoBase64: pdf().toString('base64'),
    });
    if (!added.ok) throw new Error(added.error.message);
    const a = (added.value as Bozza).allegati[0]!;
    const stored = desktopCore.ctx.allegati.pathOf(a.sha256);
    const raw = fs.readFileSync(stored);
    raw[30] = raw[30]! ^ 0xff;
    fs.writeFileSync(stored, raw);
    const before = opened.length;
    const result = await desktopCore.dispatcher('app')('allegato.apri', { sha256: a.sha256, nomeFile: 'mav.pdf' });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'ALLEGATO_ALTERATO',
        message:
          'Il documento «mav.pdf» risulta alterato o incompleto sul disco: non viene aperto né inviato. Ripristina un backup o chiedi di nuovo il documento al cliente e allegalo di nuovo.',
      }),
    });
    expect(opened.length).toBe(before);
    expect(fs.readFileSync(stored).equals(raw)).toBe(true);
  });
});
