import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { openApp, type AppSession } from './support/app';
import { api } from './support/host';

let session: AppSession | null = null;
let page: Page;
afterAll(async () => {
  await session?.stop();
});

describe('backups, restore and diagnostics in Impostazioni', () => {
  it('makes a backup, exports the diagnostics without the database, and restores with confirmation', async () => {
    session = await openApp();
    page = session.page;
    await page.goto(`${session.host.origin}/#/impostazioni`);
    await page.getByTestId('backup-crea').click();
    await expect.poll(() => page.getByTestId('backup-esito').textContent()).toBe('Backup completato.');
    expect(await page.getByTestId('backup-elenco').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('backup-elenco').textContent()).toContain('Manuale');

    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostica-esporta').click()]);
    const entries = unzipSync(fs.readFileSync((await zip.path())!));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['versions.json', 'log/cassetto.log']));
    expect(Object.keys(entries).some((n) => n.endsWith('.sqlite'))).toBe(false);
    expect(JSON.parse(strFromU8(entries['versions.json']!)).versions.servizio).toBe('sandbox');

    const clienti = (await api<{ totale: number }>(session.host, 'clienti.cerca', {})).totale;
    await page.getByTestId('backup-ripristina').first().click();
    expect(await page.getByTestId('ripristina-dialog').textContent()).toContain('messo da parte');
    await page.getByTestId('ripristina-conferma').click();
    await expect.poll(() => page.getByTestId('backup-esito').textContent(), { timeout: 15_000 }).toMatch(/conservato in .*ripristino-precedente-/);
    expect((await api<{ totale: number }>(session.host, 'clienti.cerca', {})).totale).toBe(clienti);
    expect(await seriousViolations(page)).toEqual([]);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/screenshots/impostazioni.png'), fullPage: true });
  });

  it('offers the latest good backup when the database is damaged at the next start', async () => {
    const dataDir = session!.host.dataDir;
    await session!.stop({ keepData: true });
    session = null;
    const database = path.join(dataDir, 'cassetto.sqlite');
    // Garbage after the header: the database's pages are unreadable.
    const bytes = fs.readFileSync(database);
    bytes.fill(0x5a, 100);
    fs.writeFileSync(database, bytes);
    for (const extra of ['-wal', '-shm']) fs.rmSync(`${database}${extra}`, { force: true });

    session = await openApp([], { width: 1366, height: 900 }, { dataDir });
    page = session.page;
    await page.getByTestId('ripristino-messaggio').waitFor();
    expect(page.url()).toContain('#/ripristino');
    expect(await page.getByTestId('ripristino-messaggio').textContent()).toMatch(/danneggiato/);
    await page.getByTestId('ripristino-ultimo').click();
    await page.getByTestId('dafare-idonei').waitFor({ timeout: 15_000 });
    expect((await api<{ totale: number }>(session.host, 'clienti.cerca', {})).totale).toBeGreaterThan(0);
  });
});
