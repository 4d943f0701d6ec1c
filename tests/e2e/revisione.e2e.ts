import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { api } from './support/host';

const app = useApp(['--sandbox-admin'], { width: 1366, height: 900 });

const admin = (p: string, body: unknown) =>
  fetch(`${app.host.sandbox}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('Revisione stati', () => {
  it('shows what the sede changed, grouped, and marks it seen in one action', async () => {
    const confermati = await api<{ righe: { id: string; codiceRapporto: string }[] }>(app.host, 'appuntamenti.cerca', { stati: ['confermato'], limite: 3 });
    const [a, b, c] = confermati.righe.map((r) => r.id);
    expect((await admin(`/admin/appuntamenti/${a}/disdetta`, { motivo: 'Sede chiusa per sciopero' })).status).toBe(200);
    expect((await admin(`/admin/appuntamenti/${b}/chiusura`, { motivo: 'Quesito definito' })).status).toBe(200);
    expect((await admin(`/admin/appuntamenti/${c}/comunicazioni`, { testo: 'Si prega di portare il contratto.' })).status).toBe(201);
    await app.page.getByTestId('sync-ora').click();
    await expect
      .poll(() => app.page.getByTestId('toast').first().textContent())
      .toBe('Novità dalle sedi: 1 appuntamento disdetto, 1 chiuso e definito, 1 nuova comunicazione.');
    await app.page.getByRole('navigation').getByRole('link', { name: 'Revisione stati' }).click();
    await app.page.getByTestId('revisione-disdetto').waitFor();
    expect(await app.page.getByTestId('revisione-disdetto').textContent()).toContain('Sede chiusa per sciopero');
    expect(await app.page.getByTestId('revisione-chiuso').textContent()).toContain('Chiusi e definiti (1)');
    expect(await app.page.getByTestId('revisione-comunicazione').textContent()).toContain('Si prega di portare il contratto.');
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/revisione.png'), fullPage: true });

    // The comunicazione's appointment is still Confermato: it can be cancelled in bulk.
    await app.page.getByTestId('revisione-tutti').click();
    // The selection exported: its three appointments, day by day and sede by sede, as Excel and CSV.
    const [xlsx] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('revisione-esporta-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^agenda-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const codici: string[] = [];
    workbook.getWorksheet('Agenda')!.eachRow((row, n) => {
      if (n > 1) codici.push(String(row.getCell(6).value));
    });
    expect(codici.sort()).toEqual(confermati.righe.map((r) => r.codiceRapporto).sort());
    const [csv] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('revisione-esporta-csv').click()]);
    expect(
      fs
        .readFileSync((await csv.path())!, 'utf8')
        .trim()
        .split('\r\n'),
    ).toHaveLength(4);
    expect(await app.page.getByTestId('revisione-cancella').textContent()).toContain('(1)');
    await app.page.getByTestId('revisione-cancella').click();
    expect(await app.page.getByTestId('cancella-dialog').textContent()).toContain('Cancellare l’appuntamento confermato selezionato?');
    await app.page.getByTestId('cancella-conferma').click();
    await app.page.getByTestId('revisione-progresso').waitFor();
    await expect.poll(() => app.page.locator('[data-testid^="revisione-esito-"]').allTextContents()).toEqual([' · cancellazione in coda']);
    await app.page.getByTestId('revisione-visti').click();
    await app.page.getByTestId('revisione-vuota').waitFor();
    expect(await api<unknown[]>(app.host, 'revisione.elenco', {})).toEqual([]);
  });
});
