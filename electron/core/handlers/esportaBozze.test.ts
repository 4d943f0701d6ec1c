import { beforeEach, describe, expect, it } from 'vitest';
import type { Bozza, FileEsportato } from '../../common/commands/types';
import { addSedi, app, BIANCHI, refusal, ROSSI, SEDE_A } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
const protocollo = (id: string) => FIXTURE.quesiti.find((q) => q.id === id)!.protocollo;
let rossi: Bozza;
let bianchi: Bozza;
beforeEach(async () => {
  addSedi(core);
  new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
  rossi = await app<Bozza>(core, 'bozza.crea', {
    codiceRapporto: '0000123456',
    quesitiIds: ['1', '2'],
    sedeId: SEDE_A.id,
    modalita: 'presenza',
    finestraDal: '2026-03-16',
    finestraAl: '2026-03-20',
  });
  bianchi = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '9876543210', quesitiIds: ['8'] });
  // Rossi's draft was made first (creation order is the default sort), at 23:30 in Rome.
  core.ctx.sqlite.prepare("UPDATE bozze SET creata_il = '2026-03-09T22:30:00.000Z' WHERE id = ?").run(rossi.id);
  core.ctx.sqlite
    .prepare("UPDATE bozze SET stato = 'da_correggere', errore_codice = 'SLOT_NON_DISPONIBILE', errore_messaggio = 'Orario non più disponibile.' WHERE id = ?")
    .run(bianchi.id);
});

const esporta = (input: Record<string, unknown>) => app<FileEsportato>(core, 'bozze.esporta', input);
const righeCsv = (f: FileEsportato) => f.contenuto.replace(/^\uFEFF/, '').split('\r\n');

describe('bozze.esporta', () => {
  it('writes the drafts as CSV Italian Excel opens: state, client, protocols, window, what is missing, the refusal', async () => {
    const csv = await esporta({ formato: 'csv', ordine: 'creata' });
    expect(csv).toMatchObject({ nomeFile: 'bozze-2026-03-10.csv', codifica: 'testo', righe: 2 });
    expect(csv.contenuto.startsWith('\uFEFF')).toBe(true);
    const [header, primo, secondo] = righeCsv(csv);
    expect(header).toBe(
      'Stato;Cliente;Codice fiscale;Codice rapporto;Quesiti;Sede;Giorno;Ora;Finestra;Modalità;Allegati;Da completare;Motivo;Operatore;Creata il',
    );
    expect(primo).toBe(
      `Bozza;Rossi Mario;${ROSSI};0000123456;${protocollo('1')}, ${protocollo('2')};${SEDE_A.nome};;;16/03/2026 – 20/03/2026;In presenza;0;Scegli il giorno. Scegli l’orario.;;;09/03/2026 23:30`,
    );
    expect(secondo).toMatch(new RegExp(`^Da correggere;Bianchi Lucia;${BIANCHI};9876543210;INPS.0100.2026.0000008;;;;;;0;.*;Orario non più disponibile.;;`));
  });

  it('names the operator who made the draft when the service gave the name, else shows the id (#15)', async () => {
    core.ctx.store.operatori.sostituisci([{ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' }], '2026-03-10T09:00:00.000Z');
    core.ctx.sqlite.prepare("UPDATE bozze SET operatore_id = 'op-001' WHERE id = ?").run(rossi.id);
    core.ctx.sqlite.prepare("UPDATE bozze SET operatore_id = 'op-009' WHERE id = ?").run(bianchi.id);
    const operatore = (r: string) => r.split(';').at(-2);
    const [, primo, secondo] = righeCsv(await esporta({ formato: 'csv', ordine: 'creata' }));
    expect([operatore(primo!), operatore(secondo!)]).toEqual(['Giulia Ferri', 'op-009']);
  });

  it('exports only the selection when ids are given, still applying the filters', async () => {
    const scelte = await esporta({ formato: 'csv', ids: [bianchi.id] });
    expect(scelte.righe).toBe(1);
    expect(righeCsv(scelte)[1]).toContain('Bianchi Lucia');
    expect((await esporta({ formato: 'csv', ids: [bianchi.id], stati: ['bozza'] })).righe).toBe(0);
    expect((await esporta({ formato: 'csv', testo: 'rossi' })).righe).toBe(1);
  });

  it('writes an Excel workbook that opens with the same rows and a bold header', async () => {
    const xlsx = await esporta({ formato: 'xlsx', ordine: 'creata' });
    expect(xlsx).toMatchObject({ nomeFile: 'bozze-2026-03-10.xlsx', codifica: 'base64', righe: 2 });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contenuto, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Bozze')!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A1').value).toBe('Stato');
    expect(sheet.getCell('B2').value).toBe('Rossi Mario');
    expect(sheet.getCell('M3').value).toBe('Orario non più disponibile.');
    expect(sheet.rowCount).toBe(3);
  });

  it('refuses a format it does not write and a malformed selection, at the field', async () => {
    expect(await refusal(core, 'bozze.esporta', { formato: 'ics' })).toMatchObject({ code: 'INPUT_NON_VALIDO', details: [{ path: 'formato' }] });
    expect(await refusal(core, 'bozze.esporta', { formato: 'csv', ids: [] })).toMatchObject({ code: 'INPUT_NON_VALIDO', details: [{ path: 'ids' }] });
    expect(await refusal(core, 'bozze.esporta', { formato: 'csv', ids: [rossi.id, rossi.id] })).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      details: [{ path: 'ids', message: 'Una bozza è indicata più volte.' }],
    });
  });
});
