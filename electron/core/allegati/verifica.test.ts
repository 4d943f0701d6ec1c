import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { apriPdf, LIMITI_LAVORATORE, oggettiDichiarati } from './lavoratore';
import {
  campione,
  htmlTravestitoDaPdf,
  jpegDiProva,
  pdfDiProva,
  pdfMilioneDiOggetti,
  pdfMinimo,
  pdfRicorsivo,
  pngBomba,
  pngDanneggiato,
  pngDiProva,
  tiffCiclico,
  tiffDiProva,
  zipTravestitoDaPdf,
} from './prova';
import { catenaTiff, verificaAllegato } from './verifica';

async function rifiuto(nome: string, bytes: Uint8Array): Promise<{ code: string; message: string; ms: number }> {
  const t0 = performance.now();
  try {
    await verificaAllegato(nome, bytes);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, message: error.message, ms: performance.now() - t0 };
  }
  throw new Error(`${nome} was accepted`);
}

describe('validation by decoding', () => {
  it('accepts real files of each type, with their pages', async () => {
    expect(await verificaAllegato('mav.pdf', await pdfDiProva(3))).toMatchObject({ mime: 'application/pdf', pagine: 3 });
    expect(await verificaAllegato('minimo.pdf', pdfMinimo())).toMatchObject({ mime: 'application/pdf', pagine: 1 });
    expect(await verificaAllegato('foto.jpg', await jpegDiProva(640, 480, { exif: true }))).toMatchObject({
      mime: 'image/jpeg',
      larghezza: 640,
      metadati: { orientamento: 6, exif: true },
    });
    expect(await verificaAllegato('scan.png', await pngDiProva())).toMatchObject({ mime: 'image/png', pagine: 1, metadati: { exif: false } });
    expect(await verificaAllegato('scan.tif', await tiffDiProva(3))).toMatchObject({ mime: 'image/tiff', pagine: 3 });
    expect(await verificaAllegato('IMG_0001.HEIC', campione('foto.heic'))).toMatchObject({ mime: 'image/heic' });
  });

  it('refuses a PNG whose chunk is damaged behind a valid header and trailer', async () => {
    const r = await rifiuto('scan.png', await pngDanneggiato());
    expect(r).toMatchObject({ code: 'FILE_DANNEGGIATO', message: expect.stringContaining('«scan.png» è danneggiato: il PNG non si apre fino in fondo') });
  });

  it.each([
    ['an HTML page', htmlTravestitoDaPdf()],
    ['a ZIP', zipTravestitoDaPdf()],
  ])('refuses %s wrapped in the PDF header and trailer', async (_label, bytes) => {
    const r = await rifiuto('ricevuta.pdf', bytes);
    expect(r.code).toBe('FILE_DANNEGGIATO');
    expect(r.message).toContain('«ricevuta.pdf» non è un PDF leggibile');
  });

  it('refuses a password-protected PDF with the way forward', async () => {
    const r = await rifiuto('estratto.pdf', campione('protetto.pdf'));
    expect(r).toEqual(
      expect.objectContaining({ code: 'PDF_PROTETTO', message: '«estratto.pdf» è protetto da password: chiedi al cliente la versione senza password.' }),
    );
  });

  it('keeps the truncation messages', async () => {
    const pdf = await pdfDiProva(1);
    expect(await rifiuto('tronco.pdf', pdf.subarray(0, pdf.length - 200))).toMatchObject({
      code: 'FILE_TRONCATO',
      message: expect.stringContaining('PDF troncato'),
    });
    const jpeg = await jpegDiProva();
    expect(await rifiuto('tronco.jpg', jpeg.subarray(0, jpeg.length / 2))).toMatchObject({
      code: 'FILE_TRONCATO',
      message: expect.stringContaining('JPEG troncato'),
    });
    expect(await rifiuto('vuoto.pdf', new Uint8Array(0))).toMatchObject({ code: 'FILE_VUOTO' });
    expect(await rifiuto('setup.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 7)]))).toMatchObject({ code: 'TIPO_NON_AMMESSO' });
  });
});

// Bounds stated in the README (attachments): each refusal within these on the 2-core machine.
describe('hostile files, refused within bounds', () => {
  it('a decompression bomb: 16 × 16 PNG declaring 20000 × 20000, refused from its header', async () => {
    const rss0 = process.memoryUsage().rss;
    const r = await rifiuto('bomba.png', await pngBomba());
    expect(r).toMatchObject({ code: 'IMMAGINE_TROPPO_GRANDE', message: expect.stringContaining('20000 × 20000 pixel (400 megapixel)') });
    expect(r.ms).toBeLessThan(500);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 * 1024);
  });

  it('a TIFF whose IFD chain loops back, refused before libtiff reads it', async () => {
    const tif = await tiffCiclico();
    expect(catenaTiff(tif)).toBe('ciclica');
    const r = await rifiuto('scan.tif', tif);
    expect(r).toMatchObject({ code: 'FILE_DANNEGGIATO', message: expect.stringContaining('rimandano l’una all’altra in cerchio') });
    expect(r.ms).toBeLessThan(100);
  });

  it('a PDF whose page tree contains itself, refused (stack bound on the worker)', async () => {
    const r = await rifiuto('ricorsivo.pdf', await pdfRicorsivo());
    expect(r).toMatchObject({ code: 'FILE_TROPPO_COMPLESSO', message: expect.stringContaining('struttura troppo complessa') });
    expect(r.ms).toBeLessThan(2000);
  });

  it('a PDF of a million objects, refused within the worker’s time and heap bounds', async () => {
    const bytes = pdfMilioneDiOggetti();
    // 4.4 MB: read (a file up to 40 MB is read, to be reduced), so it is the parser that must be bounded.
    expect(bytes.byteLength).toBeLessThan(8 * 1024 * 1024);
    const rss0 = process.memoryUsage().rss;
    const r = await rifiuto('milione.pdf', bytes);
    expect(r).toMatchObject({ code: 'FILE_TROPPO_COMPLESSO' });
    // Refused from the objects it declares, before the parser sees it.
    expect(oggettiDichiarati(bytes)).toBeGreaterThan(LIMITI_LAVORATORE.maxOggetti);
    expect(r.ms).toBeLessThan(200);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 * 1024);
  });

  it('past the count, the parser’s worker is stopped at its deadline or its heap cap', async () => {
    const bytes = pdfMilioneDiOggetti(300_000);
    const breve = { ...LIMITI_LAVORATORE, maxOggetti: Infinity, pdfMs: 400 };
    let t0 = performance.now();
    expect(await apriPdf(bytes, breve)).toEqual({ esito: 'scaduto' });
    expect(performance.now() - t0).toBeLessThan(1500);
    // The worker stopped is replaced at the next file.
    expect(await apriPdf(await pdfDiProva(2), breve)).toEqual({ esito: 'ok', pagine: 2 });
    t0 = performance.now();
    expect(await apriPdf(bytes, { ...LIMITI_LAVORATORE, maxOggetti: Infinity, heapMb: 16 })).toEqual({ esito: 'memoria' });
    expect(performance.now() - t0).toBeLessThan(LIMITI_LAVORATORE.pdfMs);
  }, 30_000);

  it('a 1 GB file is refused from its size, without reading it', async () => {
    // A view claiming 1 GB over a small buffer would be a lie; the size check runs first and reads nothing.
    const grande = { byteLength: 1024 ** 3 } as Uint8Array;
    const r = await rifiuto('video.pdf', grande);
    expect(r).toMatchObject({
      code: 'FILE_TROPPO_GRANDE',
      message: expect.stringContaining('«video.pdf» pesa 1024 MB: è troppo grande anche per essere ridotto'),
    });
    expect(r.ms).toBeLessThan(5);
  });
});
