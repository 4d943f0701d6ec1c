import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { api, type HostProcess } from './support/host';

interface Pagina {
  totale: number;
  righe: { id: string; codiceRapporto: string; data: string; stato: string }[];
}

let session: AppSession;
let host: HostProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openApp([], { width: 1366, height: 820 });
  ({ host, browser, page } = session);
  await page.getByRole('link', { name: 'Appuntamenti' }).click();
});
afterAll(async () => {
  await session?.stop();
});

const totale = () => page.getByTestId('appuntamenti-totale').textContent();
const rows = () => page.getByTestId('appuntamento-riga');
const expectTotal = async (n: number) => expect.poll(totale).toBe(`${n} ${n === 1 ? 'appuntamento' : 'appuntamenti'}`);

describe('appointment search in the browser host', () => {
  it('lists every appointment of the office, virtualised', async () => {
    const all = await api<Pagina>(host, 'appuntamenti.cerca', {});
    expect(all.totale).toBeGreaterThan(50);
    await expectTotal(all.totale);
    // Only the rows in view (plus a margin) are in the page, not all of them.
    expect(await rows().count()).toBeLessThan(all.totale);
    await expect.poll(() => rows().first().textContent()).toContain(all.righe[0]!.codiceRapporto);
  });

  it('filters by several stati', async () => {
    await page.getByTestId('filtro-stato-cancellato').check();
    await page.getByTestId('filtro-stato-chiuso_definito').check();
    const expected = await api<Pagina>(host, 'appuntamenti.cerca', { stati: ['cancellato', 'chiuso_definito'] });
    await expectTotal(expected.totale);
    for (const text of await rows().allTextContents()) if (!text.includes('Caricamento')) expect(text).toMatch(/Cancellato|Chiuso e Definito/);
  });

  it('filters by codice rapporto, date range and gestione, and keeps the filters between visits', async () => {
    await page.getByTestId('filtri-azzera').click();
    const sample = (await api<Pagina>(host, 'appuntamenti.cerca', { limite: 30 })).righe[12]!;
    await page.getByTestId('filtro-rapporto').fill(sample.codiceRapporto);
    const byRapporto = await api<Pagina>(host, 'appuntamenti.cerca', { codiceRapporto: sample.codiceRapporto });
    await expectTotal(byRapporto.totale);
    await page.getByTestId('filtri-azzera').click();
    await page.getByTestId('filtro-dal').fill('2026-01-01');
    await page.getByTestId('filtro-al').fill('2026-06-30');
    await page.getByTestId('filtro-gestito').selectOption('no');
    const expected = await api<Pagina>(host, 'appuntamenti.cerca', { dal: '2026-01-01', al: '2026-06-30', gestitoDaIntermediario: false });
    await expectTotal(expected.totale);
    await page.getByRole('link', { name: 'Clienti' }).click();
    await page.reload();
    await page.getByRole('link', { name: 'Appuntamenti' }).click();
    expect(await page.getByTestId('filtro-gestito').inputValue()).toBe('no');
    expect(await page.getByTestId('filtro-dal').inputValue()).toBe('2026-01-01');
    await expectTotal(expected.totale);
    await page.getByTestId('filtri-azzera').click();
  });

  it('filters by sede and by operator, and by client name', async () => {
    const sedi = await api<{ id: string; nome: string }[]>(host, 'sedi.elenco', {});
    const operatori = await api<{ id: string; appuntamenti: number }[]>(host, 'operatori.elenco', {});
    expect(operatori.length).toBeGreaterThan(0);
    const sede = sedi[0]!;
    await page.getByTestId('filtro-sede').selectOption(sede.id);
    await expectTotal((await api<Pagina>(host, 'appuntamenti.cerca', { sedeId: sede.id })).totale);
    const operatore = operatori[0]!;
    await page.getByTestId('filtro-operatore').selectOption(operatore.id);
    await expectTotal((await api<Pagina>(host, 'appuntamenti.cerca', { sedeId: sede.id, operatoreId: operatore.id })).totale);
    await page.getByTestId('filtro-sede').selectOption('');
    await expectTotal(operatore.appuntamenti);
    await page.getByTestId('filtri-azzera').click();
    const uno = (await api<{ righe: { datoreNominativo: string }[] }>(host, 'appuntamenti.cerca', { limite: 1 })).righe[0]!;
    const cognome = uno.datoreNominativo.split(' ')[0]!;
    await page.getByTestId('filtro-cliente').fill(cognome);
    await expectTotal((await api<Pagina>(host, 'appuntamenti.cerca', { testo: cognome })).totale);
    await page.getByTestId('filtri-azzera').click();
  });

  it('sorts by date both ways and moves through rows by keyboard', async () => {
    const desc = await api<Pagina>(host, 'appuntamenti.cerca', { ordine: '-data', limite: 5 });
    await page.getByTestId('ordina-data').click();
    await expect.poll(() => rows().first().textContent()).toContain(desc.righe[0]!.codiceRapporto);
    const list = page.getByTestId('appuntamenti-lista');
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await list.getAttribute('aria-activedescendant')).toBe('app-row-2');
    await page.keyboard.press('End');
    const all = await api<Pagina>(host, 'appuntamenti.cerca', {});
    expect(await list.getAttribute('aria-activedescendant')).toBe(`app-row-${all.totale - 1}`);
    await expect.poll(() => page.locator(`#app-row-${all.totale - 1}`).textContent()).not.toContain('Caricamento');
    await page.getByTestId('ordina-data').click();
  });

  it('treats SQL-looking text as plain text', async () => {
    await page.getByTestId('filtro-cliente').fill("' OR 1=1 --");
    await expectTotal(0);
    await page.getByTestId('filtri-azzera').click();
  });

  it('opens the details by keyboard and cancels a Confermato appointment after confirming', async () => {
    await page.getByTestId('filtro-stato-confermato').check();
    const confermati = await api<Pagina>(host, 'appuntamenti.cerca', { stati: ['confermato'] });
    await expectTotal(confermati.totale);
    const target = confermati.righe[0]!;
    const list = page.getByTestId('appuntamenti-lista');
    await list.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dettaglio-stato').textContent()).toContain('Confermato');
    expect(page.url()).toContain(`/appuntamenti/${target.id}`);
    await page.getByTestId('cancella').click();
    await page.getByTestId('cancella-dialog').waitFor();
    await page.getByTestId('cancella-conferma').click();
    await expect.poll(() => page.getByTestId('dettaglio-stato').textContent(), { timeout: 15_000 }).toContain('Cancellato');
    expect(await page.getByTestId('cancella').isDisabled()).toBe(true);
    expect(await page.getByTestId('perche-no').textContent()).toMatch(/già cancellato/);
    await page.getByRole('link', { name: 'Appuntamenti', exact: true }).first().click();
    await page.getByTestId('filtri-azzera').click();
  });

  it('shows Cancella disabled, with the reason, for an appointment that is not Confermato', async () => {
    const chiuso = (await api<Pagina>(host, 'appuntamenti.cerca', { stati: ['chiuso_definito'] })).righe[0]!;
    await page.goto(`${host.origin}/#/appuntamenti/${chiuso.id}`);
    await expect.poll(() => page.getByTestId('dettaglio-stato').textContent()).toContain('Chiuso e Definito');
    expect(await page.getByTestId('cancella').isDisabled()).toBe(true);
    expect(await page.getByTestId('perche-no').textContent()).toMatch(/chiuso e definito/i);
    await page.screenshot({ path: path.resolve('test-results/screenshots/dettaglio.png') });
    await page.getByRole('navigation').getByRole('link', { name: 'Appuntamenti' }).click();
  });

  it('exports the filtered agenda to CSV and ICS as downloads', async () => {
    await page.getByTestId('filtro-stato-confermato').check();
    const expected = await api<Pagina>(host, 'appuntamenti.cerca', { stati: ['confermato'] });
    await expectTotal(expected.totale);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^agenda-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.trim().split('\r\n')).toHaveLength(expected.totale + 1);
    const [ics] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-ics').click()]);
    const cal = fs.readFileSync((await ics.path())!, 'utf8');
    expect(cal.match(/BEGIN:VEVENT/g)).toHaveLength(expected.totale);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    let righe = 0;
    workbook.getWorksheet('Agenda')!.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value) righe += 1;
    });
    expect(righe).toBe(expected.totale);
    await page.getByTestId('filtri-azzera').click();
  });

  it('prints the whole filtered agenda by day and sede, not only the rows on screen', async () => {
    const dal = '2026-01-01';
    await page.getByTestId('filtro-dal').fill(dal);
    await page.getByTestId('filtro-stato-confermato').check();
    const expected = await api<Pagina>(host, 'appuntamenti.cerca', { stati: ['confermato'], dal, limite: 5 });
    await expectTotal(expected.totale);
    await page.evaluate(() => {
      (window as unknown as { stampato: number }).stampato = 0;
      window.print = () => {
        (window as unknown as { stampato: number }).stampato += 1;
      };
    });
    await page.getByTestId('stampa').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { stampato: number }).stampato)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const agenda = page.getByTestId('agenda-stampa');
    expect(await agenda.isVisible()).toBe(true);
    expect(await agenda.locator('tbody tr').count()).toBe(Math.min(expected.totale, 3000));
    const primoGiorno = expected.righe[0]!.data.split('-').reverse().join('/');
    expect(await agenda.locator('h2').first().textContent()).toBe(primoGiorno);
    expect(await page.getByTestId('appuntamenti-totale').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await agenda.isVisible()).toBe(false);
    await page.getByTestId('filtri-azzera').click();
  });

  it('ran without page errors and saves a screenshot', async () => {
    await rows().first().waitFor();
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/screenshots/appuntamenti.png') });
    expect(session.errors).toEqual([]);
  });
});
