import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Smoke test of the desktop app in the real Electron window (CI only: `npx vitest run --config
// vitest.desktop.config.ts` after `npx install-electron` and `npm run build`). A fresh data folder:
// on Linux a temporary XDG_CONFIG_HOME; on Windows %APPDATA%\Cassetto Desk, which must not exist
// (the test never touches an office's data).

const REPO = path.resolve(import.meta.dirname, '../..');
const electronPath = createRequire(import.meta.url)('electron') as string;
let app: ElectronApplication;
let page: Page;
let configHome: string | null = null;
const errors: string[] = [];

type Result<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

/** A command through the page's own bridge (window.cassetto), as the renderer calls it. */
async function invoke<T>(name: string, input: unknown = {}): Promise<T> {
  const result = (await page.evaluate(
    ([n, i]) => (window as unknown as { cassetto: { invoke(n: string, i: unknown): Promise<unknown> } }).cassetto.invoke(n, i),
    [name, input] as const,
  )) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** An idoneo, not yet booked quesito of a client with an active delega (as tests/e2e/support/data.ts). */
async function bookable(): Promise<{ cf: string; rapporto: string; quesito: string }> {
  const clienti = await invoke<{ righe: { codiceFiscale: string }[] }>('clienti.cerca', { delega: ['attiva'], limite: 50 });
  for (const { codiceFiscale: cf } of clienti.righe) {
    const { rapporti } = await invoke<{ rapporti: { codice: string }[] }>('cliente.dettaglio', { codiceFiscale: cf });
    for (const { codice: rapporto } of rapporti) {
      const quesiti = await invoke<{ id: string; idoneita: { idoneo: boolean }; prenotato: boolean }[]>('rapporto.quesiti', { codiceRapporto: rapporto });
      const q = quesiti.find((x) => x.idoneita.idoneo && !x.prenotato);
      if (q) return { cf, rapporto, quesito: q.id };
    }
  }
  throw new Error('no bookable quesito in the demo data');
}

beforeAll(async () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  if (process.platform === 'linux') {
    configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-desktop-'));
    env.XDG_CONFIG_HOME = configHome;
  } else if (process.platform === 'win32') {
    const existing = path.join(process.env.APPDATA ?? '', 'Cassetto Desk');
    if (fs.existsSync(existing)) throw new Error(`${existing} exists: run the desktop smoke test on a clean machine (CI), never on an office's PC`);
  }
  app = await _electron.launch({ executablePath: electronPath, args: [REPO], cwd: REPO, env, locale: 'it-IT' });
  page = await app.firstWindow();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.waitForLoadState('domcontentloaded');
});

afterAll(async () => {
  await app?.close();
  if (configHome) fs.rmSync(configHome, { recursive: true, force: true });
});

describe('the desktop app in the real Electron window', () => {
  it('loads the renderer from cassetto://app with no Node in the page and only invoke and on on the bridge', async () => {
    expect(page.url()).toMatch(/^cassetto:\/\/app\/index\.html/);
    const page_ = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { cassetto: object }).cassetto).sort(),
      secure: window.isSecureContext,
    }));
    expect(page_).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'], secure: true });
  });

  it('starts on the demo from the first-run page', async () => {
    await page.getByTestId('servizio-sandbox').check();
    await page.getByTestId('servizio-conferma').click();
    await page.getByTestId('benvenuto-pronto').waitFor({ timeout: 60_000 });
    await page.getByTestId('benvenuto-inizia').click();
    await page.getByTestId('dafare-idonei').waitFor();
    await expect.poll(() => page.getByTestId('sync-fase').textContent(), { timeout: 60_000 }).toBe('Sincronizzato');
  });

  it('renders the five sections', async () => {
    const sections: [string, string][] = [
      ['Da fare', '[data-testid="dafare-idonei"]'],
      ['Clienti', '[data-testid="cliente-riga"]'],
      ['Appuntamenti', '[data-testid="appuntamento-riga"]'],
      ['Bozze', '[data-testid="bozze-totale"]'],
      ['Revisione stati', '[data-testid="revisione-vuota"], [data-testid="revisione-tutti"]'],
    ];
    for (const [name, ready] of sections) {
      await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
    }
  });

  it('drafts a booking and finds it in Bozze', async () => {
    const { cf, rapporto, quesito } = await bookable();
    await page.getByRole('navigation').getByRole('link', { name: 'Clienti', exact: true }).click();
    await page.getByTestId('clienti-cerca').fill(cf);
    await page.locator(`a[href*="/clienti/${cf}"]`).click();
    await page.getByTestId(`nuovo-${rapporto}`).click();
    await page.getByTestId('nuovo-sede').waitFor();
    await page.getByTestId(`quesito-${quesito}`).check();
    await page.getByTestId('nuovo-nota').fill('Bozza della prova in Electron.');
    await page.getByTestId('nuovo-salva').click();
    await expect
      .poll(async () => (await invoke<{ codiceRapporto: string }[]>('bozze.elenco')).filter((b) => b.codiceRapporto === rapporto).length, { timeout: 15_000 })
      .toBe(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Bozze', exact: true }).click();
    await page.getByTestId('bozza-riga').first().waitFor();
  });

  it('met no page error and no CSP violation', () => {
    expect(errors).toEqual([]);
  });
});
