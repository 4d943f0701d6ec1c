import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { api } from './support/host';

interface DaFare {
  quesitiIdonei: { datoreNominativo: string }[];
  quesitiInArrivo: unknown[];
  prossimi: { sedeNome: string; appuntamenti: { id: string }[] }[];
  deleghe: { daAttivare: { datoreNominativo: string }[] };
}

const app = useApp([], { width: 1366, height: 900 });

describe('Da fare (home)', () => {
  it('opens on the worklist with what the core reports', async () => {
    const expected = await api<DaFare>(app.host, 'dafare.riepilogo', {});
    await app.page.getByTestId('dafare-idonei').waitFor();
    const idonei = await app.page.getByTestId('dafare-idonei').locator('li').count();
    expect(idonei).toBe(expected.quesitiIdonei.length);
    const prossimi = app.page.getByTestId('dafare-prossimi');
    for (const sede of expected.prossimi) expect(await prossimi.textContent()).toContain(sede.sedeNome);
    for (const d of expected.deleghe.daAttivare) expect(await app.page.getByTestId('dafare-deleghe').textContent()).toContain(d.datoreNominativo);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/dafare.png'), fullPage: true });
  });

  it('links an upcoming appointment to its details', async () => {
    const expected = await api<DaFare>(app.host, 'dafare.riepilogo', {});
    const first = expected.prossimi[0]?.appuntamenti[0];
    expect(first).toBeDefined();
    await app.page.getByTestId('dafare-prossimi').getByRole('link').first().click();
    await app.page.getByTestId('dettaglio-stato').waitFor();
    expect(app.page.url()).toContain(`/appuntamenti/${first!.id}`);
  });
});
