import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { zipSync } from 'fflate';
import { pdfMinimo } from './pdfMinimo';

// Test files (#14), made by the same libraries the app decodes with; the few that need an
// encoder this machine's npm packages do not have are in campioni/ (how each was made: its README).

export { pdfMinimo } from './pdfMinimo';

export const CAMPIONI = path.join(path.dirname(new URL(import.meta.url).pathname), 'campioni');
export const campione = (nome: 'foto.heic' | 'foto12.heic' | 'protetto.pdf'): Buffer => fs.readFileSync(path.join(CAMPIONI, nome));

/** A PDF written by pdf-lib: `pagine` pages with a line of text each. */
export async function pdfDiProva(pagine = 1, testo = 'Ricevuta'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pagine; i++) doc.addPage([595, 842]).drawText(`${testo} pagina ${i + 1}`, { x: 72, y: 760, size: 18, font });
  return Buffer.from(await doc.save());
}

/** A page tree whose /Kids contains itself: pdf-lib follows it until the stack runs out. */
export async function pdfRicorsivo(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const pagesRef = doc.catalog.get(PDFName.of('Pages'));
  doc.catalog.Pages().set(PDFName.of('Kids'), doc.context.obj([pagesRef!]));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * A forged PDF of `oggetti` objects: one real page, then object streams (Flate, as any writer
 * makes them) of 100,000 `null` objects each — about 4.4 MB for a million.
 * The parser has to build every object before it can look for the pages.
 */
export function pdfMilioneDiOggetti(oggetti = 1_000_000): Buffer {
  const parti: Buffer[] = [
    Buffer.from(
      pdfMinimo('molti oggetti')
        .toString('latin1')
        .replace(/xref[\s\S]*$/, ''),
      'latin1',
    ),
  ];
  const perFlusso = 100_000;
  let numero = 10;
  for (let fatti = 0; fatti < oggetti; fatti += perFlusso) {
    const n = Math.min(perFlusso, oggetti - fatti);
    const tabella: string[] = [];
    for (let i = 0; i < n; i++) tabella.push(`${numero + 1 + i} ${i * 5}`);
    const intestazione = `${tabella.join(' ')}\n`;
    const dati = zlib.deflateSync(Buffer.from(intestazione + 'null '.repeat(n)), { level: 9 });
    parti.push(
      Buffer.from(`${numero} 0 obj\n<< /Type /ObjStm /N ${n} /First ${intestazione.length} /Filter /FlateDecode /Length ${dati.length} >>\nstream\n`, 'latin1'),
      dati,
      Buffer.from('\nendstream\nendobj\n'),
    );
    numero += n + 1;
  }
  parti.push(Buffer.from(`trailer\n<< /Size ${numero} /Root 1 0 R >>\n%%EOF\n`));
  return Buffer.concat(parti);
}

/** An HTML page and a ZIP wrapped in the PDF header and trailer (the two impostors). */
export function htmlTravestitoDaPdf(): Buffer {
  return Buffer.from('%PDF-1.7\n<!doctype html><html><head><title>Ricevuta</title></head><body><p>Pagamento eseguito</p></body></html>\n%%EOF\n');
}
export function zipTravestitoDaPdf(): Buffer {
  const zip = zipSync({ 'ricevuta.txt': new TextEncoder().encode('Pagamento eseguito '.repeat(50)) });
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(zip), Buffer.from('\n%%EOF\n')]);
}

/** A photo-like picture: a gradient with some noise, so JPEG sizes are realistic. */
export function fotoSvg(larghezza: number, altezza: number, scritta = 'DOCUMENTO'): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${larghezza}" height="${altezza}"><defs><linearGradient id="g"><stop offset="0" stop-color="#c33" stop-opacity="0.55"/><stop offset="1" stop-color="#36c" stop-opacity="0.55"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><rect x="5%" y="5%" width="40%" height="15%" fill="#fff"/><text x="6%" y="16%" font-size="${Math.round(altezza / 12)}" fill="#000">${scritta}</text></svg>`,
  );
}

/** A JPEG like a phone's: noisy, `qualita` 92 by default; with `exif`, orientation 6, device, owner and GPS. */
export async function jpegDiProva(larghezza = 800, altezza = 600, opzioni: { exif?: boolean; rumore?: number; qualita?: number } = {}): Promise<Buffer> {
  let img = sharp({
    create: {
      width: larghezza,
      height: altezza,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: opzioni.rumore ?? 20 },
    },
  })
    .composite([{ input: fotoSvg(larghezza, altezza) }])
    .jpeg({ quality: opzioni.qualita ?? 92 });
  if (opzioni.exif) {
    img = img
      .withExifMerge({
        IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro', Artist: 'Mario Rossi', Copyright: 'Mario Rossi' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 29/1 0/1' },
      })
      .withMetadata({ orientation: 6 });
  }
  return img.toBuffer();
}

export async function pngDiProva(larghezza = 300, altezza = 200): Promise<Buffer> {
  return sharp({ create: { width: larghezza, height: altezza, channels: 3, background: '#3366cc' } })
    .composite([{ input: fotoSvg(larghezza, altezza) }])
    .png()
    .toBuffer();
}

/** A PNG whose IDAT data is damaged, its header, IHDR and IEND (and so its first and last bytes) intact. */
export async function pngDanneggiato(): Promise<Buffer> {
  const png = Buffer.from(await pngDiProva());
  const idat = png.indexOf('IDAT');
  png[idat + 12] = png[idat + 12]! ^ 0xff;
  return png;
}

/** A 16 × 16 PNG whose IHDR (CRC recomputed, so it is well-formed) declares 20000 × 20000 pixels: 400 MP. */
export async function pngBomba(): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(20000, 16);
  png.writeUInt32BE(20000, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A TIFF of `pagine` pages (sharp joins them as an animated image and libvips writes one IFD each). */
export async function tiffDiProva(pagine = 3): Promise<Buffer> {
  const colori = ['#c00', '#0a0', '#00c', '#888'];
  const immagini = await Promise.all(
    Array.from({ length: pagine }, (_v, i) =>
      sharp({ create: { width: 200, height: 280, channels: 3, background: colori[i % colori.length]! } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(immagini, { join: { animated: true } })
    .tiff()
    .toBuffer();
}

/** The TIFF's last IFD pointing back to its first: a cyclic chain. */
export async function tiffCiclico(): Promise<Buffer> {
  const tif = Buffer.from(await tiffDiProva(2));
  const le = tif[0] === 0x49;
  const u32 = (at: number) => (le ? tif.readUInt32LE(at) : tif.readUInt32BE(at));
  const primo = u32(4);
  let ifd = primo;
  for (;;) {
    const n = le ? tif.readUInt16LE(ifd) : tif.readUInt16BE(ifd);
    const nextAt = ifd + 2 + n * 12;
    const next = u32(nextAt);
    if (next === 0) {
      if (le) tif.writeUInt32LE(primo, nextAt);
      else tif.writeUInt32BE(primo, nextAt);
      return tif;
    }
    ifd = next;
  }
}

/** A scanned-like PDF of at least `minimo` bytes: pages each holding a noisy JPEG (it cannot be reduced by Riduci). */
export async function pdfPesante(minimo: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const jpeg = await jpegDiProva(1200, 1600, { rumore: 60, qualita: 95 });
  const img = await doc.embedJpg(jpeg);
  // Each page its own copy of the picture: PDF writers of scanners do not share images between pages.
  for (let i = 0; i * jpeg.byteLength < minimo; i++) {
    const copia = i === 0 ? img : await doc.embedJpg(jpeg);
    doc.addPage([595, 842]).drawImage(copia, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await doc.save());
}
