import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The two decoders that run JavaScript over a hostile file — pdf-lib's parser (a PDF with a
// million objects, a page tree that points to itself) and libheif's wasm — run on a worker
// thread with a heap cap, a stack cap and a deadline: the worker is terminated when it goes over,
// so the core's own thread never waits on them nor runs out of memory. Images go through sharp
// (libvips, on its own threads) with a pixel cap instead.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
async function pdf(bytes) {
  const { PDFDocument } = require(workerData.moduli.pdfLib);
  let doc;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false, parseSpeed: Infinity });
  } catch (error) {
    const testo = String((error && error.message) || error);
    if ((error && error.constructor && error.constructor.name === 'EncryptedPDFError') || /is encrypted/.test(testo)) return { esito: 'protetto' };
    if (error instanceof RangeError) return { esito: 'troppo_complesso', motivo: testo };
    return { esito: 'illeggibile', motivo: testo };
  }
  const oggetti = doc.context.largestObjectNumber;
  if (oggetti > workerData.maxOggetti) return { esito: 'troppo_complesso', motivo: 'objects ' + oggetti };
  let pagine;
  try {
    pagine = doc.getPages().length;
  } catch (error) {
    if (error instanceof RangeError) return { esito: 'troppo_complesso', motivo: String(error.message) };
    return { esito: 'illeggibile', motivo: String((error && error.message) || error) };
  }
  return pagine > 0 ? { esito: 'ok', pagine } : { esito: 'senza_pagine' };
}
async function heic(bytes) {
  const decode = require(workerData.moduli.heic);
  let immagini;
  try {
    immagini = await decode.all({ buffer: bytes });
  } catch (error) {
    return { esito: 'illeggibile', motivo: String((error && error.message) || error) };
  }
  const prima = immagini[0];
  if (!prima) return { esito: 'illeggibile', motivo: 'no image' };
  // The declared size, before a single pixel is decoded.
  if (prima.width * prima.height > workerData.maxPixel) return { esito: 'troppi_pixel', larghezza: prima.width, altezza: prima.height };
  try {
    const img = await prima.decode();
    const data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    return { esito: 'ok', larghezza: img.width, altezza: img.height, data };
  } catch (error) {
    return { esito: 'illeggibile', motivo: String((error && error.message) || error) };
  }
}
(async () => {
  try {
    const risposta = workerData.compito === 'pdf' ? await pdf(workerData.bytes) : await heic(workerData.bytes);
    parentPort.postMessage(risposta, risposta.data ? [risposta.data.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ esito: error instanceof RangeError ? 'troppo_complesso' : 'illeggibile', motivo: String((error && error.message) || error) });
  }
})();
`;

/** The bounds of one decode on the worker: measured in allegati/verifica.test.ts and stated in the README. */
export const LIMITI_LAVORATORE = {
  /** pdf-lib's heap: a 3 MB PDF of text and images needs under 40 MB; a million objects need more than this. */
  heapMb: 192,
  /** A page tree nested deeper than this many frames is refused, not followed. */
  stackMb: 4,
  pdfMs: 8_000,
  /** libheif's wasm takes about 1.5 s for 12 MP on this project's 2-core machine. */
  heicMs: 20_000,
  /** Objects a PDF may declare: real documents have thousands (a 300-page scan about 2,000), 200,000 is a forged one. */
  maxOggetti: 200_000,
} as const;

/** The bounds, as a type: tests lower them to see the deadline and the heap cap at work. */
export interface Limiti {
  heapMb: number;
  stackMb: number;
  pdfMs: number;
  heicMs: number;
  maxOggetti: number;
}

export type EsitoPdf =
  | { esito: 'ok'; pagine: number }
  | { esito: 'protetto' | 'senza_pagine' }
  | { esito: 'illeggibile' | 'troppo_complesso'; motivo: string }
  | { esito: 'scaduto' | 'memoria' };

export type EsitoHeic =
  | { esito: 'ok'; larghezza: number; altezza: number; data: Uint8Array }
  | { esito: 'troppi_pixel'; larghezza: number; altezza: number }
  | { esito: 'illeggibile' | 'troppo_complesso'; motivo: string }
  | { esito: 'scaduto' | 'memoria' };

let moduli: { pdfLib: string; heic: string } | null = null;
function percorsiModuli(): { pdfLib: string; heic: string } {
  const require = createRequire(import.meta.url);
  moduli ??= { pdfLib: require.resolve('pdf-lib'), heic: require.resolve('heic-decode') };
  return moduli;
}

function esegui<T>(compito: 'pdf' | 'heic', bytes: Uint8Array, ms: number, maxPixel: number, limiti: Limiti): Promise<T | { esito: 'scaduto' | 'memoria' }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { compito, bytes, moduli: percorsiModuli(), maxPixel, maxOggetti: limiti.maxOggetti },
      resourceLimits: { maxOldGenerationSizeMb: limiti.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: limiti.stackMb },
      stdout: true,
      stderr: true,
    });
    let fatto = false;
    const fine = (esito: () => void): void => {
      if (fatto) return;
      fatto = true;
      clearTimeout(timer);
      esito();
    };
    const timer = setTimeout(() => fine(() => void worker.terminate().then(() => resolve({ esito: 'scaduto' }))), ms);
    worker.once('message', (risposta: T) => fine(() => resolve(risposta)));
    worker.once('error', (error: Error & { code?: string }) =>
      fine(() => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ esito: 'memoria' }) : reject(error))),
    );
    worker.once('exit', () => fine(() => resolve({ esito: 'memoria' })));
  });
}

/**
 * The objects a PDF declares, counted without parsing it: each `obj` keyword and each object
 * stream's /N (object streams cannot nest, so their dictionaries are always in the clear).
 * pdf-lib needs about 1 s per 100,000 objects: a forged file is refused from this count at once.
 */
export function oggettiDichiarati(bytes: Uint8Array): number {
  const testo = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let n = 0;
  for (const dizionario of testo.matchAll(/<<[^<>]{0,400}\/ObjStm[^<>]{0,400}>>/g)) n += Number(/\/N\s+(\d{1,9})/.exec(dizionario[0])?.[1] ?? 0);
  for (const _m of testo.matchAll(/\d\s+obj\b/g)) n += 1;
  return n;
}

/** Opens a PDF with pdf-lib on a worker: pages, password, structure. */
export async function apriPdf(bytes: Uint8Array, limiti: Limiti = LIMITI_LAVORATORE): Promise<EsitoPdf> {
  const oggetti = oggettiDichiarati(bytes);
  if (oggetti > limiti.maxOggetti) return { esito: 'troppo_complesso', motivo: `declares ${oggetti} objects` };
  return esegui<EsitoPdf>('pdf', bytes, limiti.pdfMs, 0, limiti);
}

/** Decodes the primary image of a HEIC/HEIF to RGBA on a worker, refusing one that declares more than `maxPixel`. */
export function decodificaHeic(bytes: Uint8Array, maxPixel: number, limiti: Limiti = LIMITI_LAVORATORE): Promise<EsitoHeic> {
  return esegui<EsitoHeic>('heic', bytes, limiti.heicMs, maxPixel, limiti);
}
