import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { openApp, type AppSession } from './support/app';
import { api, type HostProcess } from './support/host';

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

async function screens(): Promise<[string, string, string][]> {
  const cliente = (await api<{ righe: { codiceFiscale: string }[] }>(host, 'clienti.cerca', { delega: ['attiva'], limite: 1 })).righe[0]!;
  const dettaglio = await api<{ rapporti: { codice: string }[] }>(host, 'cliente.dettaglio', { codiceFiscale: cliente.codiceFiscale });
  const appuntamento = (await api<{ righe: { id: string }[] }>(host, 'appuntamenti.cerca', { limite: 1 })).righe[0]!;
  return [
    ['Da fare', '#/da-fare', '[data-testid="dafare-idonei"]'],
    ['Clienti', '#/clienti', '[data-testid="cliente-riga"]'],
    ['Cliente', `#/clienti/${cliente.codiceFiscale}`, '[data-testid="rapporto-riga"]'],
    ['Nuovo appuntamento', `#/nuovo/${dettaglio.rapporti[0]!.codice}`, '[data-testid="nuovo-sede"]'],
    ['Appuntamenti', '#/appuntamenti', '[data-testid="appuntamento-riga"]'],
    ['Dettaglio', `#/appuntamenti/${appuntamento.id}`, '[data-testid="dettaglio-stato"]'],
    ['Revisione stati', '#/revisione', '[data-testid="revisione-vuota"], [data-testid="revisione-tutti"]'],
    ['Impostazioni', '#/impostazioni', 'dl.facts'],
  ];
}

describe('accessibility (axe-core)', () => {
  it('no screen has a serious or critical violation', async () => {
    const found: Record<string, unknown> = {};
    for (const [name, hash, ready] of await screens()) {
      await page.goto(`${host.origin}/${hash}`);
      await page.locator(ready).first().waitFor();
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    }
    expect(found).toEqual({});
  });
});
