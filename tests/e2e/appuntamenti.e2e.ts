import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { api } from './support/host';

interface Pagina {
  totale: number;
  righe: { id: string; codiceRapporto: string; data: string; stato: string }[];
}

const app = useApp([], { width: 1366, height: 820 });

beforeAll(async () => {
  await app.page.getByRole('link', { name: 'Appuntamenti' }).click();
});

const totale = () => app.page.getByTestId('appuntamenti-totale').textContent();
const rows = () => app.page.getByTestId('appuntamento-riga');
const expectTotal = async (n: number) => expect.poll(totale).toBe(`${n} ${n === 1 ? 'appuntamento' : 'appuntamenti'}`);

describe('appointment search in the browser host', () => {
  it('lists every appointment of the office, virtualised', async () => {
    const all = await api<Pagina>(app.host, 'appuntamenti.cerca', {});
    expect(all.totale).toBeGreaterThan(50);
    await expectTotal(all.totale);
    // Only the rows in view (plus a margin) are in the page, not all of them.
    expect(await rows().count()).toBeLessThan(all.totale);
    await expect.poll(() => rows().first().textContent()).toContain(all.righe[0]!.codiceRapporto);
  });

  it('filters by several stati', async () => {
    await app.page.getByTestId('filtro-stato-cancellato').check();
    await app.page.getByTestId('filtro-stato-chiuso_definito').check();
    const expected = await api<Pagina>(app.host, 'appuntamenti.cerca', { stati: ['cancellato', 'chiuso_definito'] });
    await expectTotal(expected.totale);
    for (const text of await rows().allTextContents()) if (!text.includes('Caricamento')) expect(text).toMatch(/Cancellato|Chiuso e Definito/);
  });

  it('filters by codice rapporto, date range and gestione, and keeps the filters between visits', async () => {
    await app.page.getByTestId('filtri-azzera').click();
    const sample = (await api<Pagina>(app.host, 'appuntamenti.cerca', { limite: 30 })).righe[12]!;
    await app.page.getByTestId('filtro-rapporto').fill(sample.codiceRapporto);
    const byRapporto = await api<Pagina>(app.host, 'appuntamenti.cerca', { codiceRapporto: sample.codiceRapporto });
    await expectTotal(byRapporto.totale);
    await app.page.getByTestId('filtri-azzera').click();
    await app.page.getByTestId('filtro-dal').fill('2026-01-01');
    await app.page.getByTestId('filtro-al').fill('2026-06-30');
    await app.page.getByTestId('filtro-gestito').selectOption('no');
    const expected = await api<Pagina>(app.host, 'appuntamenti.cerca', { dal: '2026-01-01', al: '2026-06-30', gestitoDaIntermediario: false });
    await expectTotal(expected.totale);
    await app.page.getByRole('link', { name: 'Clienti' }).click();
    await app.page.reload();
    await app.page.getByRole('link', { name: 'Appuntamenti' }).click();
    expect(await app.page.getByTestId('filtro-gestito').inputValue()).toBe('no');
    expect(await app.page.getByTestId('filtro-dal').inputValue()).toBe('2026-01-01');
    await expectTotal(expected.totale);
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('filters by sede and by operator, and by client name', async () => {
    const sedi = await api<{ id: string; nome: string }[]>(app.host, 'sedi.elenco', {});
    const operatori = await api<{ id: string; appuntamenti: number }[]>(app.host, 'operatori.elenco', {});
    expect(operatori.length).toBeGreaterThan(0);
    const sede = sedi[0]!;
    await app.page.getByTestId('filtro-sede').selectOption(sede.id);
    await expectTotal((await api<Pagina>(app.host, 'appuntamenti.cerca', { sedeId: sede.id })).totale);
    const operatore = operatori[0]!;
    await app.page.getByTestId('filtro-operatore').selectOption(operatore.id);
    await expectTotal((await api<Pagina>(app.host, 'appuntamenti.cerca', { sedeId: sede.id, operatoreId: operatore.id })).totale);
    await app.page.getByTestId('filtro-sede').selectOption('');
    await expectTotal(operatore.appuntamenti);
    await app.page.getByTestId('filtri-azzera').click();
    const uno = (await api<{ righe: { datoreNominativo: string }[] }>(app.host, 'appuntamenti.cerca', { limite: 1 })).righe[0]!;
    const cognome = uno.datoreNominativo.split(' ')[0]!;
    await app.page.getByTestId('filtro-cliente').fill(cognome);
    await expectTotal((await api<Pagina>(app.host, 'appuntamenti.cerca', { testo: cognome })).totale);
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('shows the operators by name, not by the service’s ids (#15)', async () => {
    const operatori = await api<{ id: string; nominativo: string | null; appuntamenti: number }[]>(app.host, 'operatori.elenco', {});
    const giulia = operatori.find((o) => o.id === 'op-001');
    expect(giulia?.nominativo).toBe('Giulia Ferri');
    const voci = await app.page.getByTestId('filtro-operatore').locator('option').allTextContents();
    expect(voci.map((v) => v.trim())).toContain(`Giulia Ferri (${giulia!.appuntamenti})`);
    expect(voci.join(' ')).not.toMatch(/op-\d{3}/);
    // The details of an appointment Giulia booked say so by name.
    const sua = await api<Pagina>(app.host, 'appuntamenti.cerca', { operatoreId: 'op-001', limite: 1 });
    await app.page.goto(`${app.host.origin}/#/appuntamenti/${sua.righe[0]!.id}`);
    await expect.poll(() => app.page.getByTestId('dettaglio-gestione').textContent()).toContain('Giulia Ferri');
    expect(await app.page.getByTestId('dettaglio-gestione').textContent()).not.toContain('op-001');
    await app.page.goto(`${app.host.origin}/#/appuntamenti`);
    await app.page.getByTestId('appuntamenti-totale').waitFor();
  });

  it('sorts by date both ways and moves through rows by keyboard', async () => {
    const desc = await api<Pagina>(app.host, 'appuntamenti.cerca', { ordine: '-data', limite: 5 });
    await app.page.getByTestId('ordina-data').click();
    await expect.poll(() => rows().first().textContent()).toContain(desc.righe[0]!.codiceRapporto);
    const list = app.page.getByTestId('appuntamenti-lista');
    await list.focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    expect(await list.getAttribute('aria-activedescendant')).toBe('app-row-2');
    await app.page.keyboard.press('End');
    const all = await api<Pagina>(app.host, 'appuntamenti.cerca', {});
    expect(await list.getAttribute('aria-activedescendant')).toBe(`app-row-${all.totale - 1}`);
    await expect.poll(() => app.page.locator(`#app-row-${all.totale - 1}`).textContent()).not.toContain('Caricamento');
    await app.page.getByTestId('ordina-data').click();
  });

  it('treats SQL-looking text as plain text', async () => {
    await app.page.getByTestId('filtro-cliente').fill("' OR 1=1 --");
    await expectTotal(0);
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('opens the details by keyboard and cancels a Confermato appointment after confirming', async () => {
    await app.page.getByTestId('filtro-stato-confermato').check();
    const confermati = await api<Pagina>(app.host, 'appuntamenti.cerca', { stati: ['confermato'] });
    await expectTotal(confermati.totale);
    const target = confermati.righe[0]!;
    const list = app.page.getByTestId('appuntamenti-lista');
    await list.focus();
    await app.page.keyboard.press('Home');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.page.getByTestId('dettaglio-stato').textContent()).toContain('Confermato');
    expect(app.page.url()).toContain(`/appuntamenti/${target.id}`);
    await app.page.getByTestId('cancella').click();
    await app.page.getByTestId('cancella-dialog').waitFor();
    await app.page.getByTestId('cancella-conferma').click();
    await expect.poll(() => app.page.getByTestId('dettaglio-stato').textContent(), { timeout: 15_000 }).toContain('Cancellato');
    expect(await app.page.getByTestId('cancella').isDisabled()).toBe(true);
    expect(await app.page.getByTestId('perche-no').textContent()).toMatch(/già cancellato/);
    await app.page.getByRole('link', { name: 'Appuntamenti', exact: true }).first().click();
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('shows Cancella disabled, with the reason, for an appointment that is not Confermato', async () => {
    const chiuso = (await api<Pagina>(app.host, 'appuntamenti.cerca', { stati: ['chiuso_definito'] })).righe[0]!;
    await app.page.goto(`${app.host.origin}/#/appuntamenti/${chiuso.id}`);
    await expect.poll(() => app.page.getByTestId('dettaglio-stato').textContent()).toContain('Chiuso e Definito');
    expect(await app.page.getByTestId('cancella').isDisabled()).toBe(true);
    expect(await app.page.getByTestId('perche-no').textContent()).toMatch(/chiuso e definito/i);
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/dettaglio.png') });
    await app.page.getByRole('navigation').getByRole('link', { name: 'Appuntamenti' }).click();
  });

  it('exports the filtered agenda to CSV and ICS as downloads', async () => {
    await app.page.getByTestId('filtro-stato-confermato').check();
    const expected = await api<Pagina>(app.host, 'appuntamenti.cerca', { stati: ['confermato'] });
    await expectTotal(expected.totale);
    const [csv] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('esporta-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^agenda-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.trim().split('\r\n')).toHaveLength(expected.totale + 1);
    const [ics] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('esporta-ics').click()]);
    const cal = fs.readFileSync((await ics.path())!, 'utf8');
    expect(cal.match(/BEGIN:VEVENT/g)).toHaveLength(expected.totale);
    const [xlsx] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('esporta-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    let righe = 0;
    workbook.getWorksheet('Agenda')!.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value) righe += 1;
    });
    expect(righe).toBe(expected.totale);
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('prints the whole filtered agenda by day and sede, not only the rows on screen', async () => {
    const dal = '2026-01-01';
    await app.page.getByTestId('filtro-dal').fill(dal);
    await app.page.getByTestId('filtro-stato-confermato').check();
    const expected = await api<Pagina>(app.host, 'appuntamenti.cerca', { stati: ['confermato'], dal, limite: 5 });
    await expectTotal(expected.totale);
    await app.page.evaluate(() => {
      (window as unknown as { stampato: number }).stampato = 0;
      window.print = () => {
        (window as unknown as { stampato: number }).stampato += 1;
      };
    });
    await app.page.getByTestId('stampa').click();
    await expect.poll(() => app.page.evaluate(() => (window as unknown as { stampato: number }).stampato)).toBe(1);
    await app.page.emulateMedia({ media: 'print' });
    const agenda = app.page.getByTestId('agenda-stampa');
    expect(await agenda.isVisible()).toBe(true);
    expect(await agenda.locator('tbody tr').count()).toBe(Math.min(expected.totale, 3000));
    const primoGiorno = expected.righe[0]!.data.split('-').reverse().join('/');
    expect(await agenda.locator('h2').first().textContent()).toBe(primoGiorno);
    expect(await app.page.getByTestId('appuntamenti-totale').isVisible()).toBe(false);
    await app.page.emulateMedia({ media: 'screen' });
    expect(await agenda.isVisible()).toBe(false);
    await app.page.getByTestId('filtri-azzera').click();
  });

  it('ran without page errors and saves a screenshot', async () => {
    await rows().first().waitFor();
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/appuntamenti.png') });
    expect(app.errors).toEqual([]);
  });
});
