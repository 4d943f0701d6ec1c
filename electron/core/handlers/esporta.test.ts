import { beforeEach, describe, expect, it } from 'vitest';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => {
  const writer = new CacheWriter(core.ctx.sqlite);
  writer.sede(sedeDiProva());
  // Either side of the switch to summer time (29 March 2026).
  writer.appuntamento(appuntamentoDiProva('a1', { data: '2026-03-27', ora: '09:00' }));
  writer.appuntamento(appuntamentoDiProva('a2', { data: '2026-03-30', ora: '09:00', stato: 'cancellato', cancellatoDa: 'sede' }));
});

const esporta = async (input: Record<string, unknown>) => {
  const r = await core.dispatcher('app')('agenda.esporta', input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { nomeFile: string; contenuto: string; codifica: string; righe: number };
};

describe('agenda.esporta', () => {
  it('writes a CSV Italian Excel opens: BOM, semicolons, dd/mm/yyyy, Italian labels', async () => {
    const csv = await esporta({ formato: 'csv' });
    expect(csv.nomeFile).toBe('agenda-2026-03-10.csv');
    expect(csv.righe).toBe(2);
    const lines = csv.contenuto.split('\r\n');
    expect(lines[0]).toBe('\uFEFFData;Sede;Ora;Cliente;Codice fiscale;Codice rapporto;Indirizzo;Modalità;Stato;Gestione;Operatore');
    expect(lines[1]).toBe(
      `27/03/2026;INPS Roma Eur;09:00;Rossi Mario;${FIXTURE.datori[0]!.codiceFiscale};0000123456;Viale Civiltà del Lavoro 46, Roma;In presenza;Confermato;Intermediario;op-001`,
    );
    expect(lines[2]).toContain(';Cancellato;');
  });

  it('names the operator who booked when the service gave the name, else shows the id (#15)', async () => {
    core.ctx.store.operatori.sostituisci([{ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' }], '2026-03-10T09:00:00.000Z');
    new CacheWriter(core.ctx.sqlite).appuntamento(appuntamentoDiProva('a3', { data: '2026-03-31', operatoreId: 'op-009' }));
    const righe = (await esporta({ formato: 'csv' })).contenuto.split('\r\n').slice(1);
    expect(righe.map((l) => l.split(';').at(-1))).toEqual(['Giulia Ferri', 'Giulia Ferri', 'op-009']);
    const xlsx = await esporta({ formato: 'xlsx' });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contenuto, 'base64') as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Agenda')!.getCell('K2').value).toBe('Giulia Ferri');
  });

  it('neutralises spreadsheet formulas in exported text', async () => {
    core.ctx.sqlite.prepare('UPDATE datori SET cognome = \'=HYPERLINK("http://x")\' WHERE codice_fiscale = ?').run(FIXTURE.datori[0]!.codiceFiscale);
    const csv = await esporta({ formato: 'csv' });
    expect(csv.contenuto).not.toMatch(/;=HYPERLINK/);
  });

  it('writes an ICS with each appointment at its Rome time across the daylight-saving change', async () => {
    const ics = await esporta({ formato: 'ics' });
    expect(ics.contenuto).toContain('BEGIN:VCALENDAR');
    expect(ics.contenuto.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics.contenuto).toContain('DTSTART:20260327T080000Z'); // 09:00 CET
    expect(ics.contenuto).toContain('DTSTART:20260330T070000Z'); // 09:00 CEST
    expect(ics.contenuto).toContain('STATUS:CANCELLED');
    expect(ics.contenuto).toMatch(/UID:a1@cassetto-desk/);
  });

  it('exports only the selection when ids are given, and applies the search filters', async () => {
    expect((await esporta({ formato: 'csv', ids: ['a2'] })).righe).toBe(1);
    expect((await esporta({ formato: 'csv', stati: ['confermato'] })).righe).toBe(1);
    expect((await esporta({ formato: 'csv', ids: ['a2'], stati: ['confermato'] })).righe).toBe(0);
  });

  it('finds a selected appointment wherever it is, not only among the first rows of a search', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    core.ctx.sqlite.transaction(() => {
      for (let i = 0; i < 10_050; i++) writer.appuntamento(appuntamentoDiProva(`x${i}`, { data: '2026-01-05', ora: '08:00' }));
    })();
    const csv = await esporta({ formato: 'csv', ids: ['a2', 'x10049'] });
    expect(csv.righe).toBe(2);
  });

  it('orders the agenda by day, then sede, then time', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    writer.sede(sedeDiProva({ id: 's0', nome: 'INPS Milano Nord', indirizzo: 'Via Mac Mahon 1', comune: 'Milano', provincia: 'MI' }));
    writer.appuntamento(appuntamentoDiProva('b1', { sedeId: 's1', data: '2026-03-27', ora: '08:30' }));
    writer.appuntamento(appuntamentoDiProva('b2', { sedeId: 's0', data: '2026-03-27', ora: '11:00' }));
    const csv = await esporta({ formato: 'csv' });
    const order = csv.contenuto
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';').slice(0, 3).join(' '));
    expect(order).toEqual([
      '27/03/2026 INPS Milano Nord 11:00',
      '27/03/2026 INPS Roma Eur 08:30',
      '27/03/2026 INPS Roma Eur 09:00',
      '30/03/2026 INPS Roma Eur 09:00',
    ]);
  });

  it('writes an Excel workbook that opens with the same rows, a bold header and a gap between days', async () => {
    const xlsx = await esporta({ formato: 'xlsx' });
    expect(xlsx).toMatchObject({ nomeFile: 'agenda-2026-03-10.xlsx', codifica: 'base64', righe: 2 });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contenuto, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Agenda')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Data',
      'Sede',
      'Ora',
      'Cliente',
      'Codice fiscale',
      'Codice rapporto',
      'Indirizzo',
      'Modalità',
      'Stato',
      'Gestione',
      'Operatore',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('27/03/2026');
    expect(sheet.getRow(3).cellCount).toBe(0);
    expect(sheet.getCell('A4').value).toBe('30/03/2026');
    expect(sheet.getCell('I4').value).toBe('Cancellato');
  });

  it('keeps a formula-looking name as plain text in Excel', async () => {
    core.ctx.sqlite.prepare('UPDATE datori SET cognome = \'=HYPERLINK("http://x")\' WHERE codice_fiscale = ?').run(FIXTURE.datori[0]!.codiceFiscale);
    const xlsx = await esporta({ formato: 'xlsx' });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contenuto, 'base64') as unknown as ArrayBuffer);
    const cell = workbook.getWorksheet('Agenda')!.getCell('D2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(String(cell.value)).toMatch(/^=HYPERLINK/);
  });
});
