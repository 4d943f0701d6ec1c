import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { useApp } from './support/app';

// A fresh data folder and no --demo: what an office sees the first time it opens the app.
const app = useApp([], { width: 1366, height: 900 }, { demo: false });

const configFile = () => path.join(app.host.dataDir, 'impostazioni.json');

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('first run in the browser host', () => {
  it('leads to the welcome page, whatever screen was asked for', async () => {
    await app.page.goto(`${app.host.origin}/#/appuntamenti`);
    // The address changes at once; the router then asks the core and sends it back.
    await expect.poll(() => app.page.url(), { timeout: 10_000 }).toContain('#/benvenuto');
    await app.page.getByTestId('servizio-form').waitFor();
    expect(await seriousViolations(app.page)).toEqual([]);
  });

  it('refuses a URL that is not http(s), and one that does not answer, at the field, changing nothing', async () => {
    await app.page.getByTestId('servizio-remoto').check();
    await app.page.getByTestId('servizio-url').fill('ftp://cassetto.esempio.it');
    await app.page.getByTestId('servizio-conferma').click();
    await expect.poll(() => app.page.getByTestId('servizio-errore').textContent()).toContain('https://');
    expect(await app.page.getByTestId('servizio-url').getAttribute('aria-invalid')).toBe('true');
    await app.page.getByTestId('servizio-url').fill(`http://127.0.0.1:${await closedPort()}`);
    await app.page.getByTestId('servizio-conferma').click();
    await expect.poll(() => app.page.getByTestId('servizio-errore').textContent(), { timeout: 15_000 }).toContain('non risponde');
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it('chooses the demo sandbox, shows the data folder, and opens the worklist with data', async () => {
    await app.page.getByTestId('servizio-sandbox').check();
    await app.page.getByTestId('servizio-conferma').click();
    await app.page.getByTestId('benvenuto-pronto').waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('benvenuto-cartella').textContent()).toBe(app.host.dataDir);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/benvenuto.png'), fullPage: true });
    await app.page.getByTestId('benvenuto-inizia').click();
    await app.page.getByTestId('dafare-idonei').waitFor();
    await expect.poll(() => app.page.getByTestId('sync-fase').textContent(), { timeout: 30_000 }).toBe('Sincronizzato');
    expect(JSON.parse(fs.readFileSync(configFile(), 'utf8'))).toMatchObject({ servizio: { tipo: 'sandbox' } });
  });

  it('shows the same choices in Impostazioni, and keeps the service after a reload', async () => {
    await app.page.goto(`${app.host.origin}/#/impostazioni`);
    await app.page.reload();
    await app.page.getByTestId('impostazioni-servizio').waitFor();
    expect(await app.page.getByTestId('impostazioni-servizio').textContent()).toContain('Sandbox dimostrativa');
    expect(await app.page.getByTestId('impostazioni-cartella').textContent()).toBe(app.host.dataDir);
    expect(await app.page.getByTestId('impostazioni-database').textContent()).toBe(path.join(app.host.dataDir, 'cassetto.sqlite'));
    expect(app.page.url()).toContain('#/impostazioni');
    await app.page.getByTestId('impostazioni-cambia-servizio').click();
    await app.page.getByTestId('servizio-remoto').check();
    await app.page.getByTestId('servizio-url').fill('https://utente:segreta@cassetto.esempio.it');
    await app.page.getByTestId('servizio-conferma').click();
    await expect.poll(() => app.page.getByTestId('servizio-errore').textContent()).toContain('nome utente o password');
    expect(await app.page.getByTestId('impostazioni-servizio').textContent()).toContain('Sandbox dimostrativa');
  });
});
