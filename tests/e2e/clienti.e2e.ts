import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { api } from './support/host';

interface Riga {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  delegaStato: string | null;
}

const app = useApp([], { width: 1280, height: 800 });

const rows = () => app.page.getByTestId('cliente-riga');

describe('client list in the browser host', () => {
  it('opens on the home screen and moves the token out of the address bar', async () => {
    await app.page.getByRole('navigation').getByRole('link', { name: 'Clienti' }).waitFor();
    expect(app.page.url()).not.toContain('token=');
    expect(await app.page.evaluate(() => sessionStorage.getItem('cassetto.hostToken'))).toBe(app.host.token);
  });

  it('shows the demo office synced from the embedded sandbox, and syncs again on demand', async () => {
    await expect.poll(() => app.page.getByTestId('sync-fase').textContent()).toBe('Sincronizzato');
    expect(await app.page.locator('.status-bar').textContent()).toMatch(/ultimo aggiornamento \d{2}\/\d{2}\/\d{4}/);
    type Stato = { fase: string; modifiche: number; ultimoSync: string | null };
    const before = await api<Stato>(app.host, 'sync.stato', {});
    await app.page.getByTestId('sync-ora').click();
    // The label already reads Sincronizzato before the click's sync starts: wait for that sync to end.
    await expect
      .poll(async () => {
        const stato = await api<Stato>(app.host, 'sync.stato', {});
        return stato.fase === 'inattivo' && stato.ultimoSync !== before.ultimoSync ? stato.modifiche : null;
      })
      .toBe(0);
    await expect.poll(() => app.page.getByTestId('sync-fase').textContent()).toBe('Sincronizzato');
  });

  it('lists the demo clients with their delega state', async () => {
    await app.page.getByRole('link', { name: 'Clienti' }).click();
    await rows().first().waitFor();
    const all = await api<{ totale: number; righe: Riga[] }>(app.host, 'clienti.cerca', { limite: 500 });
    expect(all.totale).toBeGreaterThanOrEqual(40);
    await expect.poll(() => rows().count()).toBe(Math.min(100, all.totale));
    await expect.poll(() => app.page.getByTestId('clienti-totale').textContent()).toBe(`${all.totale} clienti`);
    const first = all.righe[0]!;
    await expect.poll(() => rows().first().textContent()).toContain(`${first.cognome} ${first.nome}`);
  });

  it('filters by name as the operator types', async () => {
    const all = await api<{ righe: Riga[] }>(app.host, 'clienti.cerca', { limite: 500 });
    const target = all.righe[7]!;
    const expected = await api<{ totale: number }>(app.host, 'clienti.cerca', { testo: target.cognome });
    await app.page.getByTestId('clienti-cerca').fill(target.cognome);
    await expect.poll(() => rows().count()).toBe(expected.totale);
    for (const text of await rows().allTextContents()) expect(text.toLowerCase()).toContain(target.cognome.toLowerCase());
  });

  it('finds a client by codice fiscale and by codice rapporto', async () => {
    const all = await api<{ righe: Riga[] }>(app.host, 'clienti.cerca', { limite: 500 });
    const target = all.righe[3]!;
    await app.page.getByTestId('clienti-cerca').fill(target.codiceFiscale.toLowerCase());
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining(target.codiceFiscale)]);

    const dettaglio = await api<{ rapporti: { codice: string }[] }>(app.host, 'cliente.dettaglio', { codiceFiscale: target.codiceFiscale });
    const codice = dettaglio.rapporti[0]!.codice;
    await app.page.getByTestId('clienti-cerca').fill(codice);
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining(target.codiceFiscale)]);
  });

  it('filters by delega state', async () => {
    await app.page.getByTestId('clienti-cerca').fill('');
    await app.page.getByTestId('clienti-delega').selectOption('revocata');
    const expected = await api<{ totale: number }>(app.host, 'clienti.cerca', { delega: ['revocata'] });
    expect(expected.totale).toBeGreaterThan(0);
    await expect.poll(() => rows().count()).toBe(expected.totale);
    for (const text of await rows().allTextContents()) expect(text).toContain('Revocata');
    await app.page.getByTestId('clienti-delega').selectOption('');
  });

  it('shows a clear empty state for SQL-looking text, and the data is intact', async () => {
    const before = await api<{ totale: number }>(app.host, 'clienti.cerca', {});
    await app.page.getByTestId('clienti-cerca').fill("'; DROP TABLE datori; --");
    await app.page.getByTestId('clienti-vuoto').waitFor();
    expect(await app.page.getByTestId('clienti-vuoto').textContent()).toContain('Nessun cliente');
    expect((await api<{ totale: number }>(app.host, 'clienti.cerca', {})).totale).toBe(before.totale);
  });

  it('a page opened without the token cannot call the API', async () => {
    const stranger = await app.browser.newPage();
    await stranger.goto(`${app.host.origin}/`);
    const status = await stranger.evaluate(
      async () => (await fetch('/api/app.info', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).status,
    );
    expect(status).toBe(401);
    await stranger.close();
  });

  it('jumps to a client from anywhere with Ctrl+K', async () => {
    const all = await api<{ righe: Riga[] }>(app.host, 'clienti.cerca', { limite: 500 });
    const target = all.righe[5]!;
    await app.page.keyboard.press('Control+k');
    await app.page.getByTestId('palette-input').fill(target.codiceFiscale.slice(0, 10));
    await expect.poll(() => app.page.getByTestId('palette-voce').first().textContent()).toContain(`${target.cognome} ${target.nome}`);
    await app.page.keyboard.press('Enter');
    await app.page.getByTestId('rapporto-riga').first().waitFor();
    expect(app.page.url()).toContain(`/clienti/${target.codiceFiscale}`);
    // The client page: every quesito of every rapporto, with its idoneità.
    const dettaglio = await api<{ rapporti: { codice: string; quesiti: number }[] }>(app.host, 'cliente.dettaglio', { codiceFiscale: target.codiceFiscale });
    const expected = dettaglio.rapporti.reduce((n, r) => n + r.quesiti, 0);
    await expect.poll(() => app.page.getByTestId('quesito-riga').count()).toBe(expected);
    if (expected > 0) expect(await app.page.getByTestId('quesito-riga').first().textContent()).toMatch(/Idoneo|idoneo|appuntamento confermato/);
    await app.page.getByRole('navigation').getByRole('link', { name: 'Clienti' }).click();
  });

  it('ran without console errors and saves a screenshot', async () => {
    await app.page.getByTestId('clienti-cerca').fill('');
    await rows().first().waitFor();
    const dir = path.resolve('test-results/screenshots');
    fs.mkdirSync(dir, { recursive: true });
    await app.page.screenshot({ path: path.join(dir, 'clienti.png') });
    expect(app.errors).toEqual([]);
  });
});
