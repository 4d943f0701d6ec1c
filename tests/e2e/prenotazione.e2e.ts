import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { bookables } from './support/data';
import { api } from './support/host';
import { makePdf } from './support/files';

const app = useApp([], { width: 1366, height: 900 });
const pdf = makePdf('ricevuta MAV');

const bookable = async () => (await bookables(app.host, 1))[0]!;

async function openBooking(target: { cf: string; rapporto: string }): Promise<void> {
  await app.page.getByRole('navigation').getByRole('link', { name: 'Clienti' }).click();
  await app.page.getByTestId('clienti-cerca').fill(target.cf);
  await app.page.locator(`a[href*="/clienti/${target.cf}"]`).click();
  await app.page.getByTestId(`nuovo-${target.rapporto}`).click();
  await app.page.getByTestId('nuovo-sede').waitFor();
}

async function chooseSlot(): Promise<void> {
  const sede = app.page.getByTestId('nuovo-sede');
  // The sedi (suggested ones first) arrive after the form opens: wait for them, do not read once.
  await expect.poll(() => sede.locator('option').count()).toBeGreaterThan(1);
  await sede.selectOption({ index: 1 });
  await app.page.getByTestId('nuovo-modalita').selectOption({ index: 1 });
  await app.page.getByTestId('nuovo-slot').selectOption({ index: 1 });
}

describe('booking an appointment in the browser host', () => {
  it('books online with a note and an attachment from the filesystem', async () => {
    const target = await bookable();
    await openBooking(target);
    await app.page.getByTestId(`quesito-${target.quesito}`).check();
    await chooseSlot();
    await app.page.getByTestId('nuovo-nota').fill('Il datore porterà le ricevute dei versamenti.');
    expect(await app.page.getByTestId('nuovo-nota').getAttribute('maxlength')).toBe('1000');
    await app.page.getByTestId('nuovo-file').setInputFiles({ name: 'ricevuta.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => app.page.getByTestId('nuovo-allegati').textContent()).toContain('ricevuta.pdf');
    // The review before sending: what will reach the sede, nothing missing.
    const riepilogo = await app.page.getByTestId('nuovo-riepilogo').textContent();
    expect(riepilogo).toContain(target.rapporto);
    expect(riepilogo).toMatch(/1 quesito/);
    expect(riepilogo).toMatch(/1 allegato/);
    expect(await app.page.getByTestId('nuovo-mancano').count()).toBe(0);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/nuovo-appuntamento.png'), fullPage: true });
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent(), { timeout: 15_000 }).toContain('confermata');
    const quesiti = await api<{ id: string; prenotato: boolean }[]>(app.host, 'rapporto.quesiti', { codiceRapporto: target.rapporto });
    expect(quesiti.find((q) => q.id === target.quesito)?.prenotato).toBe(true);
  });

  it('refuses an .exe renamed .pdf, an empty file and a fourth attachment at the attachments field', async () => {
    const target = await bookable();
    await openBooking(target);
    const file = app.page.getByTestId('nuovo-file');
    await file.setInputFiles({ name: 'fattura.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 7)]) });
    await expect.poll(() => app.page.getByTestId('errore-allegati').textContent()).toMatch(/fattura\.pdf/);
    await file.setInputFiles({ name: 'vuoto.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await expect.poll(() => app.page.getByTestId('errore-allegati').textContent()).toMatch(/vuoto/i);
    for (const n of [1, 2, 3])
      await file.setInputFiles({ name: `doc${n}.pdf`, mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.from(`%${n}\n`)]) });
    await expect.poll(() => app.page.getByTestId('nuovo-allegati').locator('li').count()).toBe(3);
    await file.setInputFiles({ name: 'doc4.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.from('%4\n')]) });
    await expect.poll(() => app.page.getByTestId('errore-allegati').textContent()).toBe('Al massimo 3 allegati per appuntamento.');
    expect(await app.page.getByTestId('nuovo-allegati').locator('li').count()).toBe(3);
  });

  it('refuses to send without a quesito, naming the field, and queues nothing', async () => {
    const target = await bookable();
    await openBooking(target);
    await chooseSlot();
    expect(await app.page.getByTestId('nuovo-mancano').textContent()).toContain('un quesito');
    const queued = (await api<{ inCoda: number }>(app.host, 'sync.stato', {})).inCoda;
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.locator('#errore-quesiti').textContent()).toMatch(/almeno un quesito/);
    expect((await api<{ inCoda: number }>(app.host, 'sync.stato', {})).inCoda).toBe(queued);
  });
});
