import fs from 'node:fs';
import path from 'node:path';
import { apriConChiave } from '../../db/cifratura';
import { chiaveDelDatabase } from '../../electron/core/chiave/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './support/app';
import { bookables, type Bookable } from './support/data';
import { makePdf, makePng, makeTiff } from './support/files';
import { api } from './support/host';

const app = useApp(['--sandbox-admin'], { width: 1366, height: 900 });
let targets: Bookable[];

beforeAll(async () => {
  targets = await bookables(app.host, 40);
});

/** A bookable quesito of a client not used by an earlier test (each test revokes or books). */
const used = new Set<string>();
function nextTarget(): Bookable {
  const t = targets.find((b) => !used.has(b.cf));
  if (!t) throw new Error('not enough bookable clients in the demo data');
  used.add(t.cf);
  return t;
}

async function openBooking(target: Bookable): Promise<void> {
  await app.page.goto(`${app.host.origin}/#/clienti/${target.cf}`);
  await app.page.getByTestId(`nuovo-${target.rapporto}`).click();
  await app.page.getByTestId('nuovo-sede').waitFor();
}

/** The id of the client's active delega, read from the app's own database (the UI never shows it). */
async function delegaAttiva(cf: string): Promise<string> {
  const file = path.join(app.host.dataDir, 'cassetto.sqlite');
  const db = apriConChiave(file, await chiaveDelDatabase(file, app.host.dataDir), { readonly: true });
  try {
    return db.prepare("SELECT id FROM deleghe WHERE datore_cf = ? AND stato = 'attiva'").pluck().get(cf) as string;
  } finally {
    db.close();
  }
}

async function revoca(cf: string): Promise<void> {
  const response = await fetch(`${app.host.sandbox}/admin/deleghe/${await delegaAttiva(cf)}/fine`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ stato: 'revocata', motivo: 'Delega conferita ad altro intermediario' }),
  });
  expect(response.status).toBe(200);
}

async function jpegFromCanvas(): Promise<Buffer> {
  const base64 = await app.page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 80;
    c.height = 60;
    const g = c.getContext('2d')!;
    g.fillStyle = '#3366cc';
    g.fillRect(0, 0, 80, 60);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

const thumbnails = () => app.page.getByTestId('nuovo-allegati').getByTestId('allegato-anteprima');

describe('attachments in the booking form', () => {
  it('previews a PDF (first page), a TIFF, a PNG, and downloads the stored bytes', async () => {
    const target = nextTarget();
    await openBooking(target);
    const input = app.page.getByTestId('nuovo-file');
    await input.setInputFiles({ name: 'ricevuta.pdf', mimeType: 'application/pdf', buffer: makePdf() });
    await input.setInputFiles({ name: 'scansione.tif', mimeType: 'image/tiff', buffer: makeTiff() });
    await input.setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: makePng() });
    await expect.poll(() => thumbnails().count(), { timeout: 15_000 }).toBe(3);
    // Three files picked in quick succession: one draft, not one per file.
    const drafts = (await api<{ codiceRapporto: string; allegati: unknown[] }[]>(app.host, 'bozze.elenco', {})).filter(
      (b) => b.codiceRapporto === target.rapporto,
    );
    expect(drafts.map((b) => b.allegati.length)).toEqual([3]);
    // Every thumbnail is a decoded image, not a broken icon.
    await expect
      .poll(() => thumbnails().evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)))
      .toEqual([true, true, true]);
    // The PDF's first page is drawn: the rectangle's blue is in the thumbnail.
    const blue = await thumbnails()
      .first()
      .evaluate((img) => {
        const i = img as HTMLImageElement;
        const c = document.createElement('canvas');
        c.width = i.naturalWidth;
        c.height = i.naturalHeight;
        const g = c.getContext('2d')!;
        g.drawImage(i, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        for (let p = 0; p < d.length; p += 4) if (d[p + 2]! > 150 && d[p]! < 90) return true;
        return false;
      });
    expect(blue).toBe(true);
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByTestId('nuovo-allegati').getByTestId('allegato-apri').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('ricevuta.pdf');
    expect(fs.readFileSync((await download.path())!).equals(makePdf())).toBe(true);
    fs.mkdirSync(path.resolve('test-results/screenshots'), { recursive: true });
    await app.page.screenshot({ path: path.resolve('test-results/screenshots/allegati.png'), fullPage: true });
  });

  it('previews a JPEG and shows the attachments with their previews in the appointment once booked', async () => {
    const target = nextTarget();
    await openBooking(target);
    await app.page.getByTestId(`quesito-${target.quesito}`).check();
    const sede = app.page.getByTestId('nuovo-sede');
    await sede.selectOption({ index: 1 });
    await app.page.getByTestId('nuovo-modalita').selectOption({ index: 1 });
    await app.page.getByTestId('nuovo-slot').selectOption({ index: 1 });
    await app.page.getByTestId('nuovo-file').setInputFiles({ name: 'documento.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCanvas() });
    await expect.poll(() => thumbnails().count(), { timeout: 15_000 }).toBe(1);
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-esito').textContent(), { timeout: 15_000 }).toContain('confermata');
    const found = await api<{ righe: { id: string }[] }>(app.host, 'appuntamenti.cerca', { codiceRapporto: target.rapporto, stati: ['confermato'] });
    const id = found.righe[0]!.id;
    await app.page.goto(`${app.host.origin}/#/appuntamenti/${id}`);
    const shown = app.page.getByTestId('dettaglio-allegati').getByTestId('allegato-anteprima');
    await expect.poll(() => shown.count(), { timeout: 15_000 }).toBe(1);
    expect(await app.page.getByTestId('dettaglio-allegati').textContent()).toContain('documento.jpg');
  });

  it.each([
    ['a truncated PDF', 'tronco.pdf', 'application/pdf', () => makePdf().subarray(0, 120), /tronco\.pdf.*incompleto o danneggiato/],
    ['a truncated TIFF', 'tronca.tif', 'image/tiff', () => makeTiff().subarray(0, 300), /tronca\.tif.*incompleto o danneggiato/],
    [
      'a file over the 3 MB cap',
      'enorme.pdf',
      'application/pdf',
      () => Buffer.concat([makePdf(), Buffer.alloc(3 * 1024 * 1024 + 10, 32)]),
      /enorme\.pdf.*il massimo per ciascun file è 3 MB/,
    ],
  ])('refuses %s at the attachments field, storing and queuing nothing', async (_label, name, mimeType, bytes, message) => {
    const target = nextTarget();
    await openBooking(target);
    const before = await api<{ inCoda: number }>(app.host, 'sync.stato', {});
    await app.page.getByTestId('nuovo-file').setInputFiles({ name, mimeType, buffer: bytes() });
    await expect.poll(() => app.page.getByTestId('errore-allegati').textContent()).toMatch(message);
    expect(await app.page.getByTestId('nuovo-allegati').locator('li').count()).toBe(0);
    expect((await api<{ inCoda: number }>(app.host, 'sync.stato', {})).inCoda).toBe(before.inCoda);
  });
});

describe('the note and the draft', () => {
  it('stops a note at its limit, and a note over the limit that reaches the core is refused at the field', async () => {
    const target = nextTarget();
    await openBooking(target);
    const nota = app.page.getByTestId('nuovo-nota');
    await nota.focus();
    await app.page.keyboard.insertText('a'.repeat(1200));
    expect((await nota.inputValue()).length).toBe(1000);
    expect(await app.page.getByText('1000 di 1000 caratteri').count()).toBe(1);
    // Past the browser's maxlength (e.g. a script or an old draft): the core names the field.
    await nota.evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      t.removeAttribute('maxlength');
      t.value = 'b'.repeat(1001);
      t.dispatchEvent(new Event('input'));
    });
    await app.page.getByTestId('nuovo-salva').click();
    await expect.poll(() => app.page.getByTestId('errore-nota').textContent()).toBe('La nota può avere al massimo 1000 caratteri.');
    expect(await api<unknown[]>(app.host, 'bozze.elenco', {})).not.toContainEqual(expect.objectContaining({ codiceRapporto: target.rapporto }));
  });

  it('refuses to send for a client whose delega was revoked meanwhile: the form keeps what was typed, nothing is queued', async () => {
    const target = nextTarget();
    await openBooking(target);
    await app.page.getByTestId(`quesito-${target.quesito}`).check();
    await app.page.getByTestId('nuovo-nota').fill('Scritta prima della revoca.');
    await revoca(target.cf);
    await api(app.host, 'sync.ora', {});
    const before = await api<{ inCoda: number }>(app.host, 'sync.stato', {});
    await app.page.getByTestId('nuovo-invia').click();
    await expect.poll(() => app.page.getByTestId('nuovo-errore').textContent()).toMatch(/delega del cliente non è attiva/);
    expect(await app.page.getByTestId('nuovo-nota').inputValue()).toBe('Scritta prima della revoca.');
    expect((await api<{ inCoda: number }>(app.host, 'sync.stato', {})).inCoda).toBe(before.inCoda);
    expect((await api<{ codiceRapporto: string }[]>(app.host, 'bozze.elenco', {})).filter((b) => b.codiceRapporto === target.rapporto)).toEqual([]);
  });

  it('suspends a saved draft when its delega is revoked, saying why, and keeps it', async () => {
    const target = nextTarget();
    await openBooking(target);
    await app.page.getByTestId(`quesito-${target.quesito}`).check();
    await app.page.getByTestId('nuovo-nota').fill('Preparata prima della revoca.');
    await app.page.getByTestId('nuovo-salva').click();
    await expect
      .poll(async () => (await api<{ codiceRapporto: string }[]>(app.host, 'bozze.elenco', {})).filter((b) => b.codiceRapporto === target.rapporto).length)
      .toBe(1);
    await revoca(target.cf);
    await api(app.host, 'sync.ora', {});
    await app.page.getByTestId('nuovo-esito').waitFor({ timeout: 15_000 });
    expect(await app.page.getByTestId('nuovo-esito').textContent()).toBe('Bozza sospesa: la delega del cliente non è attiva.');
    expect(await app.page.getByTestId('nuovo-invia').isDisabled()).toBe(true);
    const drafts = (await api<{ codiceRapporto: string; stato: string; nota: string | null }[]>(app.host, 'bozze.elenco', {})).filter(
      (b) => b.codiceRapporto === target.rapporto,
    );
    expect(drafts).toEqual([expect.objectContaining({ stato: 'congelata', nota: 'Preparata prima della revoca.' })]);
  });
});

describe('codice rapporto of the wrong length', () => {
  it.each([
    ['9 digits', '123456789', /10 cifre/],
    ['11 digits', '12345678901', /10 cifre/],
  ])('the appointment search explains a codice rapporto of %s at the field', async (_label, value, message) => {
    await app.page.goto(`${app.host.origin}/#/appuntamenti`);
    const field = app.page.getByTestId('filtro-rapporto');
    await field.fill('');
    await field.focus();
    await app.page.keyboard.insertText(value);
    await expect.poll(() => app.page.getByTestId('filtro-rapporto-aiuto').textContent()).toMatch(message);
    await field.fill('');
  });

  it.each([['123456789'], ['12345678901']])('the booking page refuses the codice rapporto %s in its address', async (value) => {
    await app.page.goto(`${app.host.origin}/#/nuovo/${value}`);
    await expect.poll(() => app.page.getByTestId('nuovo-errore').textContent()).toBe('Il codice rapporto deve avere esattamente 10 cifre.');
    expect(await app.page.getByTestId('nuovo-invia').isDisabled()).toBe(true);
  });
});
