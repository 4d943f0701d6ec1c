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
async function heic(bytes, maxPixel) {
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
  if (prima.width * prima.height > maxPixel) return { esito: 'troppi_pixel', larghezza: prima.width, altezza: prima.height };
  try {
    const img = await prima.decode();
    const data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    return { esito: 'ok', larghezza: img.width, altezza: img.height, data };
  } catch (error) {
    return { esito: 'illeggibile', motivo: String((error && error.message) || error) };
  }
}
parentPort.on('message', async (richiesta) => {
  try {
    const risposta = richiesta.compito === 'pdf' ? await pdf(richiesta.bytes) : await heic(richiesta.bytes, richiesta.maxPixel);
    parentPort.postMessage(risposta, risposta.data ? [risposta.data.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ esito: error instanceof RangeError ? 'troppo_complesso' : 'illeggibile', motivo: String((error && error.message) || error) });
  }
});
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

/**
 * One worker, kept warm between files (starting one and loading pdf-lib costs about 300 ms, twice
 * the budget of a whole PDF check): requests run one at a time; a request over its deadline
 * terminates the worker, as does the heap cap, and the next request starts a new one.
 */
class Lavoratore {
  #worker: Worker | null = null;
  #coda: Promise<unknown> = Promise.resolve();
  readonly #limiti: Limiti;

  constructor(limiti: Limiti) {
    this.#limiti = limiti;
  }

  #avvia(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { moduli: percorsiModuli(), maxOggetti: this.#limiti.maxOggetti },
      resourceLimits: { maxOldGenerationSizeMb: this.#limiti.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: this.#limiti.stackMb },
      stdout: true,
      stderr: true,
    });
    // A warm worker never keeps the app, the CLI or a test run alive.
    worker.unref();
    const dimentica = () => {
      if (this.#worker === worker) this.#worker = null;
    };
    // Always listened to: an 'error' with no listener would bring the core down.
    worker.on('error', dimentica);
    worker.once('exit', dimentica);
    return worker;
  }

  /**
   * `poiChiudi`: the worker ends after this request. libheif's wasm memory grows to a few hundred
   * MB for a 12 MP photo and never shrinks, so a HEIC's worker is not kept; pdf-lib's heap is.
   */
  esegui<T>(compito: 'pdf' | 'heic', bytes: Uint8Array, ms: number, maxPixel: number, poiChiudi = false): Promise<T | { esito: 'scaduto' | 'memoria' }> {
    const turno = this.#coda.then(async () => {
      try {
        return await this.#uno<T>(compito, bytes, ms, maxPixel);
      } finally {
        if (poiChiudi) await this.chiudi();
      }
    });
    this.#coda = turno.catch(() => undefined);
    return turno;
  }

  async chiudi(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #uno<T>(compito: 'pdf' | 'heic', bytes: Uint8Array, ms: number, maxPixel: number): Promise<T | { esito: 'scaduto' | 'memoria' }> {
    const worker = (this.#worker ??= this.#avvia());
    return new Promise((resolve, reject) => {
      const fine = (esito: () => void): void => {
        clearTimeout(timer);
        worker.off('message', suMessaggio);
        worker.off('error', suErrore);
        worker.off('exit', suUscita);
        esito();
      };
      const suMessaggio = (risposta: T) => fine(() => resolve(risposta));
      const suErrore = (error: Error & { code?: string }) =>
        fine(() => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ esito: 'memoria' }) : reject(error)));
      const suUscita = () => fine(() => resolve({ esito: 'memoria' }));
      const timer = setTimeout(
        () =>
          fine(() => {
            this.#worker = null;
            void worker.terminate().then(() => resolve({ esito: 'scaduto' }));
          }),
        ms,
      );
      worker.on('message', suMessaggio);
      worker.once('error', suErrore);
      worker.once('exit', suUscita);
      // A copy: the caller keeps its bytes.
      worker.postMessage({ compito, bytes: new Uint8Array(bytes), maxPixel });
    });
  }
}

/** One worker per set of bounds and task (the app has one of each; tests lower the bounds on their own). */
const lavoratori = new WeakMap<Limiti, Record<'pdf' | 'heic', Lavoratore>>();
function lavoratore(limiti: Limiti, compito: 'pdf' | 'heic'): Lavoratore {
  let l = lavoratori.get(limiti);
  if (!l) lavoratori.set(limiti, (l = { pdf: new Lavoratore(limiti), heic: new Lavoratore(limiti) }));
  return l[compito];
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
  return lavoratore(limiti, 'pdf').esegui<EsitoPdf>('pdf', bytes, limiti.pdfMs, 0);
}

/** Decodes the primary image of a HEIC/HEIF to RGBA on a worker, refusing one that declares more than `maxPixel`. */
export function decodificaHeic(bytes: Uint8Array, maxPixel: number, limiti: Limiti = LIMITI_LAVORATORE): Promise<EsitoHeic> {
  return lavoratore(limiti, 'heic').esegui<EsitoHeic>('heic', bytes, limiti.heicMs, maxPixel, true);
}
