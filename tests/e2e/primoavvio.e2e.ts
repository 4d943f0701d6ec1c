import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { openApp, type AppSession } from './support/app';
import type { HostProcess } from './support/host';

let session: AppSession;
let host: HostProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // A fresh data folder and no --demo: what an office sees the first time it opens the app.
  session = await openApp([], { width: 1366, height: 900 }, { demo: false });
  ({ host, browser, page } = session);
});
afterAll(async () => {
  await session?.stop();
});

const configFile = () => path.join(host.dataDir, 'impostazioni.json');

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('first run in the browser host', () => {
  it('leads to the welcome page, whatever screen was asked for', async () => {
    await page.goto(`${host.origin}/#/appuntamenti`);
    // The address changes at once; the router then asks the core and sends it back.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('#/benvenuto');
    await page.getByTestId('servizio-form').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a URL that is not http(s), and one that does not answer, at the field, changing nothing', async () => {
    await page.getByTestId('servizio-remoto').check();
    await page.getByTestId('servizio-url').fill('ftp://cassetto.esempio.it');
    await page.getByTestId('servizio-conferma').click();
    await expect.poll(() => page.getByTestId('servizio-errore').textContent()).toContain('https://');
    expect(await page.getByTestId('servizio-url').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('servizio-url').fill(`http://127.0.0.1:${await closedPort()}`);
    await page.getByTestId('servizio-conferma').click();
    await expect.poll(() => page.getByTestId('servizio-errore').textContent(), { timeout: 15_000 }).toContain('non risponde');
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it('chooses the demo sandbox, shows the data folder, and opens the worklist with data', async () => {
    await page.getByTestId('servizio-sandbox').check();
    await page.getByTestId('servizio-conferma').click();
    await page.getByTestId('benvenuto-pronto').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('benvenuto-cartella').textContent()).toBe(host.dataDir);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/screenshots/benvenuto.png'), fullPage: true });
    await page.getByTestId('benvenuto-inizia').click();
    await page.getByTestId('dafare-idonei').waitFor();
    await expect.poll(() => page.getByTestId('sync-fase').textContent(), { timeout: 30_000 }).toBe('Sincronizzato');
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toMatchObject({ servizio: { tipo: 'sandbox' } });
  });

  it('shows the same choices in Impostazioni, and keeps the service after a reload', async () => {
    await page.goto(`${host.origin}/#/impostazioni`);
    await page.reload();
    await page.getByTestId('impostazioni-servizio').waitFor();
    expect(await page.getByTestId('impostazioni-servizio').textContent()).toContain('Sandbox dimostrativa');
    expect(await page.getByTestId('impostazioni-cartella').textContent()).toBe(host.dataDir);
    expect(await page.getByTestId('impostazioni-database').textContent()).toBe(path.join(host.dataDir, 'cassetto.sqlite'));
    expect(page.url()).toContain('#/impostazioni');
    await page.getByTestId('impostazioni-cambia-servizio').click();
    await page.getByTestId('servizio-remoto').check();
    await page.getByTestId('servizio-url').fill('https://utente:segreta@cassetto.esempio.it');
    await page.getByTestId('servizio-conferma').click();
    await expect.poll(() => page.getByTestId('servizio-errore').textContent()).toContain('nome utente o password');
    expect(await page.getByTestId('impostazioni-servizio').textContent()).toContain('Sandbox dimostrativa');
  });
});
