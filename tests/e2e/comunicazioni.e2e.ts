import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { seriousViolations } from './support/axe';
import { api } from './support/host';

// «Rispondi alla sede» in the browser host: written while the service is unreachable, shown
// «In invio», then sent after «Sincronizza ora».
const app = useApp(['--sandbox-admin'], { width: 1366, height: 900 });

afterEach(async () => {
  await faults(0);
});

const faults = (resetRate: number) =>
  fetch(`${app.host.sandbox}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ errorRate: 0, latencyMs: 0, resetRate, timeoutRate: 0, duplicateRate: 0, seed: 1 }),
  });

/** A Confermato appointment of a client whose delega is active (the n-th one). */
async function confermato(n = 0): Promise<string> {
  const clienti = await api<{ righe: { codiceFiscale: string }[] }>(app.host, 'clienti.cerca', { delega: ['attiva'], limite: 500 });
  const attivi = new Set(clienti.righe.map((c) => c.codiceFiscale));
  const pagina = await api<{ righe: { id: string; datoreCf: string }[] }>(app.host, 'appuntamenti.cerca', { stati: ['confermato'], limite: 500 });
  const a = pagina.righe.filter((r) => attivi.has(r.datoreCf))[n];
  if (!a) throw new Error('no Confermato appointment of an active-delega client in the demo data');
  return a.id;
}

describe('a reply to the sede', () => {
  it('is written on a Confermato appointment, shown «In invio» while the service is unreachable, and sent after a sync', async () => {
    const id = await confermato();
    const page = app.page;
    await page.goto(`${app.host.origin}/#/appuntamenti/${id}`);
    const form = page.getByTestId('rispondi');
    await form.waitFor();

    // An empty reply is refused with the Italian message, and nothing is queued.
    await page.getByTestId('rispondi-invia').click();
    await expect.poll(() => page.getByTestId('rispondi-errore').textContent()).toBe('Scrivi il testo della comunicazione.');

    expect((await faults(1)).status).toBe(200);
    const testo = 'Il cliente porterà il modello F24 e la delega firmata.';
    await page.getByTestId('rispondi-testo').fill(testo);
    expect(await page.getByTestId('rispondi-rimasti').textContent()).toBe(`Restano ${2000 - testo.length} caratteri (massimo 2000).`);
    await page.getByTestId('rispondi-invia').click();
    await expect.poll(() => page.getByTestId('rispondi-esito').textContent()).toContain('parte appena il servizio è raggiungibile');
    expect(await page.getByTestId('rispondi-testo').inputValue()).toBe('');
    const inInvio = page.getByTestId('comunicazione-in_invio');
    await expect.poll(() => inInvio.textContent()).toContain(testo);
    expect(await inInvio.textContent()).toContain('In invio');
    await expect.poll(() => page.getByTestId('sync-fase').textContent()).toBe('Servizio non raggiungibile');

    expect((await faults(0)).status).toBe(200);
    await page.getByTestId('sync-ora').click();
    const inviata = page.getByTestId('comunicazione-inviata').filter({ hasText: testo });
    // The retry falls due within seconds (backoff): the scheduler sends it if this sync came too early.
    await expect.poll(() => inviata.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('comunicazione-in_invio').count()).toBe(0);
    // The one 400 is the empty reply the core refused on purpose above.
    expect(app.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });

  it('the sede cancelled the appointment meanwhile: the reply is refused, kept as «Non inviata» with the reason, and the form goes', async () => {
    const id = await confermato(1);
    const page = app.page;
    await page.goto(`${app.host.origin}/#/appuntamenti/${id}`);
    await page.getByTestId('rispondi').waitFor();
    expect((await faults(1)).status).toBe(200);
    const testo = 'Possiamo anticipare alle 9?';
    await page.getByTestId('rispondi-testo').fill(testo);
    await page.getByTestId('rispondi-invia').click();
    await expect.poll(() => page.getByTestId('comunicazione-in_invio').textContent()).toContain(testo);
    const disdetta = await fetch(`${app.host.sandbox}/admin/appuntamenti/${id}/disdetta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ motivo: 'Sede chiusa per lavori' }),
    });
    expect(disdetta.status).toBe(200);
    expect((await faults(0)).status).toBe(200);
    await page.getByTestId('sync-ora').click();
    const rifiutata = page.getByTestId('comunicazione-non_inviata');
    await expect.poll(() => rifiutata.textContent(), { timeout: 15_000 }).toMatch(/Non inviata: .*non è più confermato/);
    expect(await rifiutata.textContent()).toContain(testo);
    await expect.poll(() => page.getByTestId('dettaglio-stato').textContent()).toBe('Cancellato');
    expect(await page.getByTestId('rispondi').count()).toBe(0);
  });

  it('the thread and the form have no serious accessibility violation', async () => {
    await app.page.goto(`${app.host.origin}/#/appuntamenti/${await confermato()}`);
    await app.page.getByTestId('comunicazione-inviata').first().waitFor();
    expect(await seriousViolations(app.page)).toEqual([]);
  });
});
