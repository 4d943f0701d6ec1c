import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { bookables } from './support/data';
import { api } from './support/host';

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

async function freeSlots(sedeId: string): Promise<{ data: string; ora: string }[]> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const result = await api<{ online: boolean; slot: { data: string; ora: string }[] }>(app.host, 'sedi.slot', { sedeId, dal: day(1), al: day(14) });
  expect(result.online).toBe(true);
  return result.slot;
}

async function openBooking(t: { cf: string; rapporto: string; quesito: string }): Promise<void> {
  // Through another screen, as an operator would: a fresh form even for the same rapporto.
  await app.page.goto(`${app.host.origin}/#/da-fare`);
  await app.page.getByTestId('dafare-idonei').waitFor();
  await app.page.goto(`${app.host.origin}/#/nuovo/${t.rapporto}`);
  await app.page.getByTestId(`quesito-${t.quesito}`).check();
}

async function pickSede(sedeId: string): Promise<void> {
  await app.page.getByTestId('nuovo-sede').selectOption(sedeId);
  await app.page.getByTestId('nuovo-modalita').selectOption('presenza');
}

describe('offline booking and refusals', () => {
  it('queues a booking while the service is unreachable and confirms it when it is back', async () => {
    const [target] = await bookables(app.host);
    const sede = (await api<{ id: string; modalita: string[] }[]>(app.host, 'sedi.elenco', {})).find((s) => s.modalita.includes('presenza'))!;
    const free = (await freeSlots(sede.id))[5]!;
    expect((await faults(1)).status).toBe(200);
    await app.page.getByTestId('sync-ora').click();
    await expect.poll(() => app.page.getByTestId('sync-fase').textContent()).toBe('Servizio non raggiungibile');

    await openBooking(target!);
    await pickSede(sede.id);
    await app.page.getByTestId('nuovo-offline').waitFor();
    await app.page.getByTestId('nuovo-data').fill(free.data);
    await app.page.getByTestId('nuovo-ora').fill(free.ora);
    expect(await app.page.getByTestId('nuovo-invia').textContent()).toContain('Metti in coda');
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent()).toContain('in coda');
    await expect.poll(() => app.page.getByTestId('sync-coda').textContent()).toContain('1 operazione in coda');
    // The status bar's error opens its details: advice and the waiting booking, by client.
    await app.page.getByTestId('sync-errore').click();
    const dettagli = app.page.getByTestId('sync-dettagli');
    await dettagli.waitFor();
    expect(await app.page.getByTestId('sync-dettagli-consiglio').textContent()).toMatch(/connessione/);
    expect(await app.page.getByTestId('sync-dettagli-coda').textContent()).toContain(target!.rapporto);
    await app.page.keyboard.press('Escape');
    expect(await dettagli.isVisible()).toBe(false);

    expect((await faults(0)).status).toBe(200);
    await app.page.getByTestId('sync-ora').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent(), { timeout: 15_000 }).toContain('confermata');
  });

  it('a refused booking shows the reason, keeps what was entered, and goes through once corrected', async () => {
    const [, a, b] = await bookables(app.host);
    const sede = (await api<{ id: string; modalita: string[] }[]>(app.host, 'sedi.elenco', {})).find((s) => s.modalita.includes('presenza'))!;
    // Someone books the slot first (online)…
    await openBooking(a!);
    await pickSede(sede.id);
    await app.page.getByTestId('nuovo-slot').selectOption({ index: 9 });
    const [data, ora] = (await app.page.getByTestId('nuovo-slot').inputValue()).split('T');
    const contested = { data: data!, ora: ora! };
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent(), { timeout: 15_000 }).toContain('confermata');
    // …while this one was prepared offline for the same slot.
    expect((await faults(1)).status).toBe(200);
    await openBooking(b!);
    await pickSede(sede.id);
    await app.page.getByTestId('nuovo-offline').waitFor();
    await app.page.getByTestId('nuovo-data').fill(contested.data);
    await app.page.getByTestId('nuovo-ora').fill(contested.ora);
    await app.page.getByTestId('nuovo-nota').fill('Nota da non perdere');
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent()).toContain('in coda');
    expect((await faults(0)).status).toBe(200);
    await app.page.getByTestId('sync-ora').click();
    await expect.poll(() => app.page.getByTestId('nuovo-rifiuto').textContent(), { timeout: 15_000 }).toMatch(/rifiutato.*disponibil/);
    expect(await app.page.getByTestId('nuovo-nota').inputValue()).toBe('Nota da non perdere');
    const bozze = await api<{ stato: string; errore: { codice: string } | null }[]>(app.host, 'bozze.elenco', { stati: ['da_correggere'] });
    expect(bozze.map((x) => x.errore?.codice)).toEqual(['SLOT_NON_DISPONIBILE']);

    // Corrected: another free slot, sent again.
    await app.page.getByTestId('nuovo-sede').selectOption({ index: 0 });
    await pickSede(sede.id);
    await app.page.getByTestId('nuovo-slot').selectOption({ index: 2 });
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent(), { timeout: 15_000 }).toContain('confermata');
  });
});
