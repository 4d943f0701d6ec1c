import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { apriConChiave } from '../../db/cifratura';
import { seriousViolations } from './support/axe';
import { openApp, type AppSession } from './support/app';
import { api } from './support/host';

// Registro attività (#12): the operator's actions in the UI show up in the registro with the login
// in use; «Verifica integrità» reports an intact chain, then the row a test altered on disk.
let session: AppSession | null = null;
let page: Page;
afterAll(async () => {
  await session?.stop();
});

interface Riga {
  id: number;
  operatore: string | null;
  azione: string;
}

/** The demo database opened from outside the app (with the demo's key once the data are encrypted at rest). */
function apriDatabase(dataDir: string) {
  const fileChiave = path.join(dataDir, 'chiave-demo.json');
  const chiave = fs.existsSync(fileChiave) ? Buffer.from((JSON.parse(fs.readFileSync(fileChiave, 'utf8')) as { chiave: string }).chiave, 'hex') : undefined;
  return apriConChiave(path.join(dataDir, 'cassetto.sqlite'), chiave);
}

describe('Registro attività', () => {
  it('shows the operator’s print and export with the login, and an intact chain', async () => {
    session = await openApp();
    page = session.page;
    // The demo logs its operator in at the first sync: from then on the registro knows who acts.
    await expect
      .poll(async () => (await api<{ operatore: string | null }>(session!.host, 'configurazione.stato', {})).operatore, { timeout: 20_000 })
      .not.toBeNull();
    await expect.poll(async () => (await api<{ fase: string }>(session!.host, 'sync.stato', {})).fase, { timeout: 20_000 }).not.toBe('in_corso');
    const { operatore } = await api<{ operatore: string }>(session.host, 'configurazione.stato', {});

    await page.getByRole('navigation').getByRole('link', { name: 'Appuntamenti' }).click();
    await page.getByTestId('esporta-csv').waitFor();
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByTestId('stampa').click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^agenda-.*\.csv$/);

    await page.getByRole('navigation').getByRole('link', { name: 'Registro attività' }).click();
    const prima = page.getByTestId('registro-riga').first();
    await expect.poll(() => prima.getByTestId('registro-azione').textContent()).toBe('Agenda esportata');
    // The login, shown by the operator's name the service gave (#15), the login itself on hover.
    expect(await prima.getByTestId('registro-operatore').textContent()).toBe('Giulia Ferri');
    expect(await prima.getByTestId('registro-operatore').getAttribute('title')).toBe(operatore);
    expect(await prima.getByTestId('registro-esito').textContent()).toBe('Riuscita');
    expect(await page.getByTestId('registro-riga').nth(1).getByTestId('registro-azione').textContent()).toBe('Agenda stampata');

    // The filters: by action, then back to everything.
    await page.getByTestId('registro-filtro-azione').selectOption('agenda.stampa');
    await expect.poll(() => page.getByTestId('registro-totale').textContent()).toBe('1 riga');
    await page.getByTestId('registro-filtri-azzera').click();

    await page.getByTestId('registro-verifica').click();
    const esito = page.getByTestId('registro-verifica-esito');
    await expect.poll(() => esito.textContent()).toMatch(/^\s*Registro integro: \d+ righe controllate, nessuna alterata o rimossa\.\s*$/);
    expect(await esito.getAttribute('data-integro')).toBe('true');

    // The registro's own export is recorded too, and shows at the top.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registro-esporta-csv').click()]);
    expect(file.suggestedFilename()).toMatch(/^registro-attivita-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(fs.readFileSync((await file.path())!, 'utf8')).toContain(`;${operatore};Agenda esportata;Riuscita;`);
    await expect.poll(() => page.getByTestId('registro-riga').first().getByTestId('registro-azione').textContent()).toBe('Registro esportato');
    expect(await seriousViolations(page)).toEqual([]);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/screenshots/registro.png') });
  });

  it('names the row altered on disk while the app was closed', async () => {
    const dataDir = session!.host.dataDir;
    const righe = await api<{ righe: Riga[] }>(session!.host, 'registro.cerca', { azioni: ['agenda.stampa'] });
    const stampata = righe.righe[0]!;
    await session!.stop({ keepData: true });
    session = null;

    const db = apriDatabase(dataDir);
    try {
      db.prepare("UPDATE audit_log SET operatore = 'qualcun.altro' WHERE id = ?").run(stampata.id);
    } finally {
      db.close();
    }

    session = await openApp([], { width: 1366, height: 900 }, { dataDir });
    page = session.page;
    await page.goto(`${session.host.origin}/#/registro`);
    await page.getByTestId('registro-verifica').click();
    const esito = page.getByTestId('registro-verifica-esito');
    await expect.poll(() => esito.getAttribute('data-integro')).toBe('false');
    expect(await esito.textContent()).toContain(`Registro non integro: la riga n. ${stampata.id} (`);
    expect(await esito.textContent()).toContain('«Agenda stampata») è stata alterata');
    expect(await esito.getAttribute('role')).toBe('alert');
  });
});
