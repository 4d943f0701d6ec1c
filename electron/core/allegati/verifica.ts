import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { checkAllegati, fileIlleggibilePerDimensione, sanitizeFileName, sniffAllegato, type AllegatoMime } from '../../common/domain/allegati';
import { AppError } from '../../common/errors';
import { apriPdf } from './lavoratore';

// Validation by decoding (#14): the type from the content (file-type), the existing truncation
// checks (first and last bytes), then the file is opened as its type — a PDF by pdf-lib on a
// bounded worker, an image decoded to its last pixel by sharp (libvips) — so a PNG damaged behind
// a valid header and trailer, an HTML page or a ZIP wrapped in %PDF-…%%EOF are refused here, in
// the core that IPC, the browser host and the CLI share.

/** What the app reads: the four types the Cassetto takes, and HEIC/HEIF photos, converted to JPEG before storing. */
export type MimeLetto = AllegatoMime | 'image/heic';

export interface Verificato {
  mime: MimeLetto;
  pagine: number;
  larghezza: number | null;
  altezza: number | null;
  /** sharp's view of an image's metadata: what normalisation has to remove or apply. */
  metadati: { orientamento: number; exif: boolean; altri: boolean } | null;
}

// libvips keeps recent operations and their pixels (50 MB by default) for reuse: a client's
// documents are decoded once each, so nothing is gained by keeping their pixels in memory.
sharp.cache(false);

/** Decompression bombs: an image declaring more pixels than this is never decoded (a 12 MP phone photo is 12). */
export const MAX_PIXEL = 100_000_000;
/** A multi-page scan; a longer IFD chain is refused. Sharp counts pages itself; this bound comes first. */
export const MAX_PAGINE_TIFF = 256;

const HEIC_MIME = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

/** The options every sharp input of the attachments takes: the pixel cap, errors fatal, read once front to back. */
export const OPZIONI_SHARP = { limitInputPixels: MAX_PIXEL, failOn: 'error', sequentialRead: true } as const;

function nomeDi(nomeFile: string): string {
  return `«${sanitizeFileName(nomeFile)}»`;
}

function rifiuta(code: string, message: string): never {
  throw new AppError(code, message, [{ path: 'allegati', message }]);
}

const danneggiato = (nome: string, tipo: string): never =>
  rifiuta(
    'FILE_DANNEGGIATO',
    `${nome} è danneggiato: il ${tipo} non si apre fino in fondo. Salvalo o scaricalo di nuovo (o chiedilo di nuovo al cliente) e riallegalo.`,
  );

/** The type by content; null for anything the app does not read. */
async function tipo(bytes: Uint8Array): Promise<MimeLetto | null> {
  const rilevato = await fileTypeFromBuffer(bytes);
  if (!rilevato) return null;
  // Illustrator files are PDFs with private data; file-type names them apart.
  if (rilevato.mime === 'application/pdf' || rilevato.ext === 'ai') return 'application/pdf';
  if (rilevato.mime === 'image/jpeg' || rilevato.mime === 'image/png' || rilevato.mime === 'image/tiff') return rilevato.mime;
  if (HEIC_MIME.has(rilevato.mime)) return 'image/heic';
  return null;
}

/**
 * A TIFF's chain of image directories, walked by offset only: a chain that comes back to an IFD
 * already seen (a loop libtiff would follow or stop silently) or longer than MAX_PAGINE_TIFF.
 */
export function catenaTiff(bytes: Uint8Array): 'ciclica' | 'troppo_lunga' | 'ok' {
  if (bytes.length < 8) return 'ok';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const visti = new Set<number>();
  let ifd = view.getUint32(4, le);
  while (ifd !== 0 && ifd + 2 <= bytes.length) {
    if (visti.has(ifd)) return 'ciclica';
    if (visti.size >= MAX_PAGINE_TIFF) return 'troppo_lunga';
    visti.add(ifd);
    const next = ifd + 2 + view.getUint16(ifd, le) * 12;
    if (next + 4 > bytes.length) return 'ok'; // truncated: the truncation check names it
    ifd = view.getUint32(next, le);
  }
  return 'ok';
}

function megapixel(larghezza: number, altezza: number): string {
  return `${Math.round((larghezza * altezza) / 1_000_000)} megapixel`;
}

function troppiPixel(nome: string, larghezza: number, altezza: number): never {
  return rifiuta(
    'IMMAGINE_TROPPO_GRANDE',
    `${nome} dichiara ${larghezza} × ${altezza} pixel (${megapixel(larghezza, altezza)}): oltre ${MAX_PIXEL / 1_000_000} megapixel un’immagine non viene aperta, per sicurezza. Chiedi al cliente una foto o una scansione a risoluzione normale.`,
  );
}

async function verificaPdf(nome: string, bytes: Uint8Array): Promise<number> {
  const esito = await apriPdf(bytes);
  switch (esito.esito) {
    case 'ok':
      return esito.pagine;
    case 'protetto':
      return rifiuta('PDF_PROTETTO', `${nome} è protetto da password: chiedi al cliente la versione senza password.`);
    case 'senza_pagine':
      return rifiuta('PDF_SENZA_PAGINE', `${nome} è un PDF senza pagine: chiedi al cliente il documento completo.`);
    case 'illeggibile':
      return rifiuta(
        'FILE_DANNEGGIATO',
        `${nome} non è un PDF leggibile: inizia e finisce come un PDF ma il contenuto non è un documento. Chiedi al cliente di salvarlo o esportarlo di nuovo in PDF.`,
      );
    case 'troppo_complesso':
    case 'scaduto':
    case 'memoria':
      return rifiuta(
        'FILE_TROPPO_COMPLESSO',
        `${nome} ha una struttura troppo complessa per essere controllata (troppi oggetti o pagine annidate senza fine): non viene allegato. Chiedi al cliente di stamparlo di nuovo in PDF o di scansionarlo.`,
      );
  }
}

/** Every pixel of every page decoded (to statistics only, so memory stays a few rows of pixels). */
async function verificaImmagine(nome: string, bytes: Uint8Array, mime: 'image/jpeg' | 'image/png' | 'image/tiff'): Promise<Verificato> {
  const etichetta = mime === 'image/tiff' ? 'TIFF' : mime === 'image/png' ? 'PNG' : 'JPEG';
  let meta: Metadata;
  try {
    // Header only; the pixel cap is applied by hand just below, with the operator's message.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return danneggiato(nome, etichetta);
  }
  const pagine = mime === 'image/tiff' ? (meta.pages ?? 1) : 1;
  for (let pagina = 0; pagina < pagine; pagina++) {
    let dimensioni = { width: meta.width, height: meta.height };
    if (pagina > 0) {
      try {
        dimensioni = await sharp(bytes, { limitInputPixels: false, page: pagina }).metadata();
      } catch {
        return danneggiato(nome, etichetta);
      }
    }
    if (dimensioni.width * dimensioni.height > MAX_PIXEL) return troppiPixel(nome, dimensioni.width, dimensioni.height);
    try {
      await sharp(bytes, { ...OPZIONI_SHARP, page: pagina }).stats();
    } catch {
      return danneggiato(nome, etichetta);
    }
  }
  return {
    mime,
    pagine,
    larghezza: meta.width,
    altezza: meta.height,
    metadati: {
      orientamento: meta.orientation ?? 1,
      exif: meta.exif !== undefined,
      altri: meta.xmp !== undefined || meta.iptc !== undefined || (meta.comments?.length ?? 0) > 0,
    },
  };
}

/**
 * Checks one file by decoding it. Throws the operator's AppError (code and Italian message naming
 * the file) for an empty, oversized, unknown, truncated, damaged, protected or hostile file.
 * The service's caps are not checked here: a file over them may still be reduced or merged.
 */
export async function verificaAllegato(nomeFile: string, bytes: Uint8Array): Promise<Verificato> {
  const nome = nomeDi(nomeFile);
  const grande = fileIlleggibilePerDimensione(nomeFile, bytes.byteLength);
  if (grande) rifiuta(grande.code, grande.message);
  const mime = bytes.byteLength > 0 ? await tipo(bytes) : null;
  if (mime === 'image/heic') {
    // Decoded when it is converted (allegati/adatta.ts), with the same bounds.
    return { mime, pagine: 1, larghezza: null, altezza: null, metadati: null };
  }
  const sniff = mime === null ? null : sniffAllegato(bytes);
  if (mime === 'image/tiff') {
    const catena = catenaTiff(bytes);
    if (catena === 'ciclica') {
      rifiuta('FILE_DANNEGGIATO', `${nome} è un TIFF danneggiato: le sue pagine rimandano l’una all’altra in cerchio. Scansiona di nuovo il documento.`);
    }
    if (catena === 'troppo_lunga') {
      rifiuta('FILE_TROPPO_COMPLESSO', `${nome} ha più di ${MAX_PAGINE_TIFF} pagine: dividi la scansione in più file o salvala in PDF.`);
    }
  }
  // Empty, unknown type, truncated: the preflight's existing words, one file at a time.
  const problema = checkAllegati([{ nome: nomeFile, dimensione: bytes.byteLength, sniff: mime === null ? null : sniff }], {
    maxCount: 1,
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    maxTotalBytes: Number.MAX_SAFE_INTEGER,
  })[0];
  if (problema) rifiuta(problema.code, problema.message);
  if (mime === null || sniff === null || sniff.mime !== mime) {
    return rifiuta('TIPO_NON_AMMESSO', `${nome} non è un PDF, JPEG, PNG o TIFF: il contenuto non corrisponde a un tipo ammesso.`);
  }
  if (mime === 'application/pdf') {
    const pagine = await verificaPdf(nome, bytes);
    return { mime, pagine, larghezza: null, altezza: null, metadati: null };
  }
  return verificaImmagine(nome, bytes, mime);
}
