import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataLungaIt } from '../../electron/core/promemoria/testo';
import { leggiPdf } from '../../electron/core/promemoria/testing';
import { useApp } from './support/app';
import { api } from './support/host';

// The client's promemoria as an operator makes it: the office's contact set in Impostazioni, then
// from an appointment's page a PDF (read back with pdf.js) and the e-mail text.
interface Dettaglio {
  id: string;
  data: string;
  ora: string;
  datoreNominativo: string;
  sede: { nome: string; indirizzo: string; comune: string; provincia: string };
}

const app = useApp(['--sandbox-admin']);
let appuntamento: Dettaglio;

beforeAll(async () => {
  const { righe } = await api<{ righe: { id: string }[] }>(app.host, 'appuntamenti.cerca', { stati: ['confermato'], limite: 1 });
  appuntamento = await api<Dettaglio>(app.host, 'appuntamento.dettaglio', { id: righe[0]!.id });
});

describe('promemoria per il cliente', () => {
  it('sets the office’s name and contact in Impostazioni, refusing a bad e-mail in Italian', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByTestId('ufficio-nome').fill('Patronato Santa Lucìa — Roma Eur');
    await page.getByTestId('ufficio-telefono').fill('06 5550123');
    await page.getByTestId('ufficio-email').fill('eur@patronato');
    await page.getByTestId('ufficio-salva').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Indirizzo e-mail non valido (es. ufficio@esempio.it).');
    await page.getByTestId('ufficio-email').fill('eur@patronato.example.it');
    await page.getByTestId('ufficio-salva').click();
    await expect.poll(() => page.getByTestId('ufficio-salvato').textContent()).toBe('Dati dell’ufficio salvati.');
    const stato = await api<{ ufficio: unknown }>(app.host, 'configurazione.stato', {});
    expect(stato.ufficio).toEqual({ nome: 'Patronato Santa Lucìa — Roma Eur', telefono: '06 5550123', email: 'eur@patronato.example.it', indirizzo: null });
  });

  it('downloads from an appointment a PDF whose text holds the date, time and sede address', async () => {
    const { page } = app;
    await page.goto(`${app.host.origin}/#/appuntamenti/${appuntamento.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('promemoria-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`promemoria-${appuntamento.data}.pdf`);
    const letto = await leggiPdf(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(letto.pagine).toHaveLength(1);
    const testo = letto.testi[0]!;
    expect(testo).toContain(`${dataLungaIt(appuntamento.data)}, ore ${appuntamento.ora}`);
    expect(testo).toContain(appuntamento.sede.nome);
    expect(testo).toContain(`${appuntamento.sede.indirizzo}, ${appuntamento.sede.comune} (${appuntamento.sede.provincia})`);
    expect(testo).toContain('Per qualsiasi dubbio: Patronato Santa Lucìa — Roma Eur');
    await expect.poll(() => page.getByTestId('promemoria-esito').textContent()).toBe('Promemoria scaricato: 1 pagina.');
  });

  it('shows the e-mail text to copy, and a mailto: link the app lets open', async () => {
    const { page } = app;
    await page.getByTestId('promemoria-email').click();
    const testo = await page.getByTestId('promemoria-email-testo').locator('textarea').inputValue();
    expect(testo).toContain(`Quando: ${dataLungaIt(appuntamento.data)}, ore ${appuntamento.ora}`);
    expect(testo).toContain(`Dove: ${appuntamento.sede.nome} — ${appuntamento.sede.indirizzo}`);
    const href = (await page.getByTestId('promemoria-mailto').getAttribute('href'))!;
    expect(href).toMatch(/^mailto:[^?]*\?subject=Promemoria/);
    expect(decodeURIComponent(new URL(href).searchParams.get('body') ?? '').replace(/\r\n/g, '\n')).toBe(testo.replace(/\r\n/g, '\n'));
    // The one refusal of the first test (a bad e-mail) is an HTTP 400 the browser logs; nothing else.
    expect(app.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  it('makes one PDF for the selected Confermato appointments in Revisione stati, a page each', async () => {
    const { page } = app;
    const { righe } = await api<{ righe: { id: string; data: string; ora: string }[] }>(app.host, 'appuntamenti.cerca', { stati: ['confermato'], limite: 3 });
    const scelti = righe.slice(1, 3);
    for (const r of scelti) {
      const risposta = await fetch(`${app.host.sandbox}/admin/appuntamenti/${r.id}/comunicazioni`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ testo: 'Si prega di portare la lettera ricevuta.' }),
      });
      expect(risposta.status).toBe(201);
    }
    await page.getByTestId('sync-ora').click();
    await expect.poll(async () => (await api<unknown[]>(app.host, 'revisione.elenco', {})).length).toBe(2);
    await page.getByRole('navigation').getByRole('link', { name: 'Revisione stati' }).click();
    await page.getByTestId('revisione-comunicazione').waitFor();
    await page.getByTestId('revisione-tutti').click();
    await expect.poll(() => page.getByTestId('revisione-promemoria-pdf').textContent()).toContain('Promemoria PDF (2)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('revisione-promemoria-pdf').click()]);
    const letto = await leggiPdf(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(letto.pagine).toHaveLength(2);
    for (const r of scelti) expect(letto.testi.some((t) => t.includes(`${dataLungaIt(r.data)}, ore ${r.ora}`))).toBe(true);
  });
});
