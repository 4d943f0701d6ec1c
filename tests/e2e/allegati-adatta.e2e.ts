import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import type { Locator } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTERMEDIARIO_ID, DEMO_OPERATORI, DEMO_PASSWORD } from '../../electron/common/demo/index';
import { jpegDiProva, pdfDiProva } from '../../electron/core/allegati/prova';
import { useApp } from './support/app';
import { bookables, type Bookable } from './support/data';
import { api } from './support/host';

// Attachments made to fit in the booking form (#14): phone photos over the caps reduced, a
// document photographed page by page merged into one PDF, and the attachment of an appointment
// booked elsewhere downloaded on request. Photos are made by sharp, as the core's tests do.

const app = useApp(['--sandbox-admin'], { width: 1366, height: 900 });
let targets: Bookable[];
beforeAll(async () => {
  targets = await bookables(app.host, 10);
});
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

interface BozzaAllegati {
  id: string;
  codiceRapporto: string;
  allegati: { sha256: string; nomeFile: string; mime: string; dimensione: number }[];
}
const bozzaDi = async (target: Bookable) => (await api<BozzaAllegati[]>(app.host, 'bozze.elenco', {})).find((b) => b.codiceRapporto === target.rapporto)!;
const contenuto = async (sha256: string) =>
  Buffer.from((await api<{ contenutoBase64: string }>(app.host, 'allegato.contenuto', { sha256 })).contenutoBase64, 'base64');
const MB3 = 3 * 1024 * 1024;

/** The colour at the centre of a thumbnail, each channel as 'c' (bright) or '0'. */
const centro = (img: Locator) =>
  img.evaluate((el) => {
    const i = el as HTMLImageElement;
    if (!i.complete || i.naturalWidth === 0) return 'not drawn';
    const c = document.createElement('canvas');
    c.width = i.naturalWidth;
    c.height = i.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(i, 0, 0);
    const [r, gr, b] = g.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
    return [r, gr, b].map((v) => (v! > 128 ? 'c' : '0')).join('');
  });

describe('made to fit in the booking form', () => {
  it('Riduci: three phone photos over the caps, reduced with before/after and previews, then attached under 3 MB', async () => {
    const target = nextTarget();
    await openBooking(target);
    // Each over the 3 MB per-file cap, yet under the browser host's request limit.
    const foto = await Promise.all([1, 2, 3].map(() => jpegDiProva(3400, 2550, { rumore: 28 })));
    for (const f of foto) expect(f.byteLength).toBeGreaterThan(MB3);
    const input = app.page.getByTestId('nuovo-file');
    for (const [i, f] of foto.entries()) await input.setInputFiles({ name: `IMG_000${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: f });
    const attesa = app.page.getByTestId('allegati-da-adattare');
    await expect.poll(() => attesa.getByTestId('da-adattare-voce').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => app.page.getByTestId('errore-allegati').textContent()).toMatch(/il massimo per ciascun file è 3 MB/);
    expect(await app.page.getByTestId('nuovo-allegati').locator('li').count()).toBe(0);

    await app.page.getByTestId('allegati-riduci').click();
    await expect.poll(() => attesa.getByTestId('da-adattare-dimensioni').count(), { timeout: 30_000 }).toBe(3);
    expect(await app.page.getByTestId('riduzione-totale').textContent()).toMatch(/In tutto \d+,\d MB prima, [0-2],\d MB dopo \(massimo 3 MB\)/);
    expect(await attesa.getByTestId('da-adattare-dimensioni').first().textContent()).toMatch(/Prima \d,\d MB, dopo 0,\d MB/);
    // Each result has its preview, decoded.
    await expect
      .poll(() => attesa.getByTestId('allegato-anteprima').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0)), {
        timeout: 15_000,
      })
      .toEqual([true, true, true]);

    await app.page.getByTestId('allegati-allega').click();
    await expect.poll(() => app.page.getByTestId('nuovo-allegati').locator('li').count(), { timeout: 15_000 }).toBe(3);
    expect(await attesa.count()).toBe(0);
    const bozza = await bozzaDi(target);
    expect(bozza.allegati.reduce((s, a) => s + a.dimensione, 0)).toBeLessThanOrEqual(MB3);
    for (const a of bozza.allegati) expect((await sharp(await contenuto(a.sha256)).metadata()).format).toBe('jpeg');
  }, 120_000);

  it('Unisci in un PDF: six photos of a document’s pages, reordered, become one PDF attachment of six pages', async () => {
    const target = nextTarget();
    await openBooking(target);
    const colori = ['#c00000', '#00a000', '#0000c0', '#c0c000', '#00c0c0', '#c000c0'];
    const pagine = await Promise.all(
      colori.map((c) =>
        sharp({ create: { width: 1200, height: 1600, channels: 3, background: c } })
          .jpeg({ quality: 80 })
          .toBuffer(),
      ),
    );
    // Chosen all at once: more than the draft can take, so they all wait together.
    await app.page.getByTestId('nuovo-file').setInputFiles(pagine.map((buffer, i) => ({ name: `pagina${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
    const attesa = app.page.getByTestId('allegati-da-adattare');
    await expect.poll(() => attesa.getByTestId('da-adattare-voce').count(), { timeout: 30_000 }).toBe(6);
    expect(await app.page.getByTestId('nuovo-allegati').locator('li').count()).toBe(0);
    // The last photo was the cover: moved to the front, one step at a time.
    for (let i = 0; i < 5; i++) await attesa.getByRole('button', { name: 'Sposta pagina6.jpg prima' }).click();
    await expect.poll(() => attesa.getByTestId('da-adattare-voce').first().textContent()).toContain('pagina6.jpg');

    await app.page.getByTestId('allegati-unisci').click();
    await expect.poll(() => attesa.getByTestId('da-adattare-voce').count(), { timeout: 30_000 }).toBe(1);
    expect(await attesa.textContent()).toContain('6 pagine');
    expect(await app.page.getByTestId('allegati-note').textContent()).toMatch(/Uniti 6 file in un PDF di 6 pagine/);
    // The merged PDF is paged through in its preview: page 1 is the cover (magenta), page 2 the first photo (red).
    await expect.poll(() => attesa.getByTestId('allegato-pagine').textContent(), { timeout: 15_000 }).toBe('Pagina 1 di 6');
    await expect.poll(() => centro(attesa.getByTestId('allegato-anteprima')), { timeout: 15_000 }).toBe('c0c');
    await attesa.getByTestId('allegato-pagina-succ').click();
    await expect.poll(() => attesa.getByTestId('allegato-pagine').textContent()).toBe('Pagina 2 di 6');
    await expect.poll(() => centro(attesa.getByTestId('allegato-anteprima')), { timeout: 15_000 }).toBe('c00');
    await app.page.getByTestId('allegati-allega').click();
    await expect.poll(() => app.page.getByTestId('nuovo-allegati').locator('li').count(), { timeout: 15_000 }).toBe(1);

    const [allegato] = (await bozzaDi(target)).allegati;
    expect(allegato).toMatchObject({ nomeFile: 'pagina6-unito.pdf', mime: 'application/pdf' });
    const doc = await PDFDocument.load(await contenuto(allegato!.sha256));
    expect(doc.getPageCount()).toBe(6);
  }, 120_000);
});

/** Another PC of the office: another operator logs in at the service and books with an attachment. */
async function prenotaAltrove(target: Bookable, pdf: Buffer): Promise<string> {
  const ufficio = DEMO_OPERATORI.filter((o) => o.intermediarioId === DEMO_INTERMEDIARIO_ID);
  const altro = ufficio[1] ?? ufficio[0]!;
  const base = app.host.sandbox!;
  const login = await fetch(`${base}/v1/sessione`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: altro.username, password: DEMO_PASSWORD }),
  });
  const auth = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  expect(
    (await fetch(`${base}/v1/allegati/${sha256}`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/pdf' }, body: new Uint8Array(pdf) }))
      .status,
  ).toBe(201);
  const giorno = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const sedi = await api<{ id: string; modalita: string[] }[]>(app.host, 'sedi.elenco', {});
  for (const sede of sedi.filter((x) => x.modalita.includes('presenza'))) {
    const { slot } = (await (await fetch(`${base}/v1/sedi/${sede.id}/slot?dal=${giorno(7)}&al=${giorno(20)}`, { headers: auth })).json()) as {
      slot: { data: string; ora: string }[];
    };
    const libero = slot.at(-1);
    if (!libero) continue;
    const booked = await fetch(`${base}/v1/appuntamenti`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `altrove-${sha256.slice(0, 20)}` },
      body: JSON.stringify({
        codiceRapporto: target.rapporto,
        quesitiIds: [target.quesito],
        sedeId: sede.id,
        ...libero,
        modalita: 'presenza',
        nota: null,
        allegati: [{ sha256, nomeFile: 'delega firmata.pdf' }],
      }),
    });
    expect(booked.status).toBe(201);
    return ((await booked.json()) as { id: string }).id;
  }
  throw new Error('no free slot at any sede');
}

describe('attachments of appointments booked elsewhere', () => {
  it('are listed in Dettaglio and downloaded on request, then previewed and saved like any other', async () => {
    const target = nextTarget();
    const pdf = await pdfDiProva(2, 'Delega firmata');
    const id = await prenotaAltrove(target, pdf);
    await api(app.host, 'sync.ora', {});
    await app.page.goto(`${app.host.origin}/#/appuntamenti/${id}`);
    const elenco = app.page.getByTestId('dettaglio-allegati');
    await elenco.waitFor();
    expect(await elenco.textContent()).toContain('delega firmata.pdf');
    await expect.poll(() => elenco.getByTestId('allegato-senza-anteprima').textContent()).toContain('non è ancora su questo computer');
    await elenco.getByTestId('allegato-scarica-remoto').click();
    await expect.poll(() => elenco.getByTestId('allegato-anteprima').count(), { timeout: 15_000 }).toBe(1);
    expect(await elenco.getByTestId('allegato-scarica-remoto').count()).toBe(0);
    const [download] = await Promise.all([app.page.waitForEvent('download'), elenco.getByTestId('allegato-apri').click()]);
    expect(download.suggestedFilename()).toBe('delega firmata.pdf');
    expect(fs.readFileSync((await download.path())!).equals(pdf)).toBe(true);
  }, 60_000);
});
