import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDemo, type EmbeddedDemo } from '../../sandbox/embedded';
import { openApp, type AppSession } from './support/app';
import { seriousViolations } from './support/axe';
import { api } from './support/host';

// A remote service (a sandbox in this process, as the office's real one) on a browser host without
// CASSETTO_PASSPHRASE and without an OS secret store: the office's key needs the passphrase.
delete process.env.CASSETTO_PASSPHRASE;

const PRIMA = 'il gatto dorme sul divano rosso';
const SECONDA = 'la pratica di maggio va in sede';
let sandbox: EmbeddedDemo;
let dataDir: string;
let app: AppSession | null = null;

function session(): AppSession {
  if (!app) throw new Error('app not open');
  return app;
}
const chiaveJson = () => path.join(dataDir, 'chiave.json');
const testo = (id: string) => session().page.getByTestId(id).textContent();

beforeAll(async () => {
  sandbox = await startEmbeddedDemo(null);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-e2e-passphrase-'));
  // Not a first run: the service is chosen, the office (and so its database) not known before the login.
  const servizio = { tipo: 'remoto', url: sandbox.url, intermediarioId: null };
  fs.writeFileSync(path.join(dataDir, 'impostazioni.json'), JSON.stringify({ versione: 1, servizio, backup: { intervalloOre: 24, conserva: 7 } }));
  app = await openApp([], undefined, { demo: false, dataDir });
});

afterAll(async () => {
  await app?.stop();
  await sandbox?.close();
});

describe('the office passphrase', () => {
  it('is asked before any section, and refuses a short one and two that differ, writing no key', async () => {
    const { page, host } = session();
    expect(page.url()).toContain('#/sblocco');
    await page.goto(`${host.origin}/#/clienti`);
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('#/sblocco');
    expect(await testo('sblocco-titolo')).toBe('Imposta la passphrase dell’ufficio');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('imposta-passphrase').fill('corta');
    expect(await testo('imposta-passphrase-aiuto')).toBe('Troppo corta: mancano 5 caratteri.');
    await page.getByTestId('imposta-conferma').fill('corta');
    await page.getByTestId('imposta-salva').click();
    await expect.poll(() => testo('imposta-passphrase-errore')).toContain('almeno 10 caratteri');
    expect(fs.existsSync(chiaveJson())).toBe(false);

    await page.getByTestId('imposta-passphrase').fill(PRIMA);
    await page.getByTestId('imposta-conferma').fill(`${PRIMA}!`);
    await page.getByTestId('imposta-salva').click();
    await expect.poll(() => testo('imposta-conferma-errore')).toBe('Le due passphrase non coincidono: riscrivile.');
    expect(await page.getByTestId('imposta-passphrase-errore').count()).toBe(0);
    expect(fs.existsSync(chiaveJson())).toBe(false);
    // The login is refused while the key is not open, whatever the page does.
    await expect(api(host, 'servizio.accedi', sandbox.credentials)).rejects.toThrow('apri i dati dell’ufficio');
  });

  it('once set, leads to the login and then to the office’s data, encrypted', async () => {
    const { page, host } = session();
    await page.getByTestId('imposta-conferma').fill(PRIMA);
    await page.getByTestId('imposta-salva').click();
    await page.getByTestId('accesso-form').waitFor({ timeout: 30_000 });
    expect(JSON.parse(fs.readFileSync(chiaveJson(), 'utf8'))).toMatchObject({ protezione: { metodo: 'passphrase' } });
    expect(fs.readFileSync(chiaveJson(), 'utf8')).not.toContain(PRIMA);
    await page.getByTestId('accesso-utente').fill(sandbox.credentials.username);
    await page.getByTestId('accesso-password').fill(sandbox.credentials.password);
    await page.getByTestId('accesso-entra').click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('#/da-fare');
    await expect.poll(() => testo('sync-fase'), { timeout: 60_000 }).toBe('Sincronizzato');
    const stato = await api<{ database: string | null; protezione: { stato: string } }>(host, 'configurazione.stato', {});
    expect(stato.protezione.stato).toBe('sbloccata');
    expect(stato.database).toContain(path.join(dataDir, 'servizi'));
    // SQLCipher: no SQLite header in clear.
    expect(fs.readFileSync(stato.database!).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('is changed in Impostazioni: a wrong current one refused at its field, then the new one set', async () => {
    const { page, host } = session();
    await page.goto(`${host.origin}/#/impostazioni`);
    await page.getByTestId('protezione-panel').waitFor();
    expect(await testo('protezione-metodo')).toContain('passphrase dell’ufficio');
    const prima = fs.readFileSync(chiaveJson(), 'utf8');
    await page.getByTestId('protezione-cambia').click();
    await page.getByTestId('cambia-attuale').fill('non è questa la frase');
    await page.getByTestId('cambia-nuova').fill(SECONDA);
    await page.getByTestId('cambia-conferma').fill(SECONDA);
    await page.getByTestId('cambia-salva').click();
    await expect.poll(() => testo('cambia-attuale-errore')).toContain('Passphrase non corretta. Ancora 4 tentativi');
    expect(fs.readFileSync(chiaveJson(), 'utf8')).toBe(prima);
    await page.getByTestId('cambia-attuale').fill(PRIMA);
    await page.getByTestId('cambia-salva').click();
    await expect.poll(() => testo('protezione-cambiata')).toContain('Passphrase cambiata');
    expect(fs.readFileSync(chiaveJson(), 'utf8')).not.toBe(prima);
  });

  it('after a restart is asked again: a wrong one says how many tries are left, the right one opens the data', async () => {
    await session().stop({ keepData: true });
    app = null;
    app = await openApp([], undefined, { demo: false, dataDir });
    const { page } = session();
    expect(page.url()).toContain('#/sblocco');
    await page.getByTestId('sblocco-form').waitFor();
    expect(await testo('sblocco-titolo')).toBe('Apri i dati dell’ufficio');
    expect(await testo('sblocco-persa')).toContain('chiave.json');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('sblocco-passphrase').fill(PRIMA);
    await page.getByTestId('sblocco-apri').click();
    await expect.poll(() => testo('sblocco-passphrase-errore')).toContain('Ancora 4 tentativi');
    expect(await page.getByTestId('sblocco-passphrase').inputValue()).toBe('');
    await page.getByTestId('sblocco-passphrase').fill('un’altra frase sbagliata');
    await page.getByTestId('sblocco-apri').click();
    await expect.poll(() => testo('sblocco-passphrase-errore')).toContain('Ancora 3 tentativi');
    await page.getByTestId('sblocco-passphrase').fill(SECONDA);
    await page.getByTestId('sblocco-apri').click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('#/da-fare');
    await page.goto(`${session().host.origin}/#/clienti`);
    await expect.poll(() => testo('clienti-totale'), { timeout: 15_000 }).toMatch(/^[1-9]\d* clienti$/);
    // The refused passphrases answer 422, which Chromium logs; nothing else went wrong on the page.
    expect(session().errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  });
});
