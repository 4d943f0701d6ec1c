import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app';
import { api, type HostProcess } from './support/host';

interface DaFare {
  quesitiIdonei: { datoreNominativo: string }[];
  quesitiInArrivo: unknown[];
  prossimi: { sedeNome: string; appuntamenti: { id: string }[] }[];
  deleghe: { daAttivare: { datoreNominativo: string }[] };
}

let session: AppSession;
let host: HostProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openApp([], { width: 1366, height: 900 });
  ({ host, browser, page } = session);
});
afterAll(async () => {
  await session?.stop();
});

describe('Da fare (home)', () => {
  it('opens on the worklist with what the core reports', async () => {
    const expected = await api<DaFare>(host, 'dafare.riepilogo', {});
    await page.getByTestId('dafare-idonei').waitFor();
    const idonei = await page.getByTestId('dafare-idonei').locator('li').count();
    expect(idonei).toBe(expected.quesitiIdonei.length);
    const prossimi = page.getByTestId('dafare-prossimi');
    for (const sede of expected.prossimi) expect(await prossimi.textContent()).toContain(sede.sedeNome);
    for (const d of expected.deleghe.daAttivare) expect(await page.getByTestId('dafare-deleghe').textContent()).toContain(d.datoreNominativo);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve('test-results/screenshots/dafare.png'), fullPage: true });
  });

  it('links an upcoming appointment to its details', async () => {
    const expected = await api<DaFare>(host, 'dafare.riepilogo', {});
    const first = expected.prossimi[0]?.appuntamenti[0];
    expect(first).toBeDefined();
    await page.getByTestId('dafare-prossimi').getByRole('link').first().click();
    await page.getByTestId('dettaglio-stato').waitFor();
    expect(page.url()).toContain(`/appuntamenti/${first!.id}`);
  });
});
