import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { formatMb, sanitizeFileName, type AllegatoMime } from '../../common/domain/allegati';
import { AppError } from '../../common/errors';
import { decodificaHeic } from './lavoratore';
import { MAX_PIXEL, OPZIONI_SHARP, verificaAllegato, type MimeLetto, type Verificato } from './verifica';

// Made to fit, never silently changed (#14). Every function here takes bytes already checked by
// verificaAllegato and returns new bytes: the operator's file is never written to, and what is
// stored is the result, under its own SHA-256. Each change comes with a note in Italian.

export interface Adattato {
  bytes: Buffer;
  mime: AllegatoMime;
  nomeFile: string;
  pagine: number;
  note: string[];
}

const NOTA_METADATI = 'Tolti i dati nascosti della foto (posizione GPS, dispositivo, proprietario).';
const NOTA_ORIENTAMENTO = 'Foto raddrizzata secondo l’orientamento della fotocamera.';
/** JPEG quality for a photo re-encoded only to remove its metadata or convert it: visually the same. */
const QUALITA_NORMALIZZA = 90;

function conEstensione(nomeFile: string, estensione: string): string {
  const nome = sanitizeFileName(nomeFile);
  const punto = nome.lastIndexOf('.');
  return `${punto > 0 ? nome.slice(0, punto) : nome}${estensione}`;
}

function rifiuta(code: string, message: string): never {
  throw new AppError(code, message, [{ path: 'allegati', message }]);
}

/** HEIC/HEIF → JPEG through libheif (wasm, on the bounded worker), then sharp; nothing of the original's metadata is copied. */
async function daHeic(nomeFile: string, bytes: Uint8Array): Promise<Adattato> {
  const nome = `«${sanitizeFileName(nomeFile)}»`;
  const esito = await decodificaHeic(bytes, MAX_PIXEL);
  if (esito.esito === 'troppi_pixel') {
    rifiuta(
      'IMMAGINE_TROPPO_GRANDE',
      `${nome} dichiara ${esito.larghezza} × ${esito.altezza} pixel: oltre ${MAX_PIXEL / 1_000_000} megapixel un’immagine non viene aperta, per sicurezza.`,
    );
  }
  if (esito.esito !== 'ok') {
    rifiuta(
      'FILE_DANNEGGIATO',
      `${nome} è una foto HEIC che non si riesce a convertire (danneggiata o di un tipo non supportato): chiedi al cliente di inviarla come JPEG.`,
    );
  }
  // libheif applies the HEIF rotation (irot/imir) while decoding: the pixels are already upright.
  const jpeg = await sharp(esito.data, { raw: { width: esito.larghezza, height: esito.altezza, channels: 4 }, limitInputPixels: MAX_PIXEL })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: QUALITA_NORMALIZZA })
    .toBuffer();
  return {
    bytes: jpeg,
    mime: 'image/jpeg',
    nomeFile: conEstensione(nomeFile, '.jpg'),
    pagine: 1,
    note: ['Foto HEIC convertita in JPEG (il Cassetto non accetta HEIC).', NOTA_METADATI],
  };
}

/**
 * What is stored for a checked file: HEIC converted to JPEG; a JPEG or PNG with EXIF, XMP, IPTC
 * or text chunks re-encoded upright and without them (sharp copies no metadata unless asked);
 * anything else as it is. PDF and TIFF are stored unchanged (a scan's own tags stay: see the README).
 */
export async function normalizza(nomeFile: string, bytes: Uint8Array, verificato: Verificato): Promise<Adattato> {
  const nome = sanitizeFileName(nomeFile);
  if (verificato.mime === 'image/heic') return daHeic(nomeFile, bytes);
  const meta = verificato.metadati;
  const daPulire = meta !== null && (meta.exif || meta.altri || meta.orientamento !== 1);
  if ((verificato.mime !== 'image/jpeg' && verificato.mime !== 'image/png') || !daPulire) {
    return { bytes: Buffer.from(bytes), mime: verificato.mime, nomeFile: nome, pagine: verificato.pagine, note: [] };
  }
  const immagine = sharp(bytes, OPZIONI_SHARP).rotate();
  const pulito = verificato.mime === 'image/jpeg' ? await immagine.jpeg({ quality: QUALITA_NORMALIZZA }).toBuffer() : await immagine.png().toBuffer();
  const note = meta.orientamento !== 1 ? [NOTA_ORIENTAMENTO, NOTA_METADATI] : [NOTA_METADATI];
  return { bytes: pulito, mime: verificato.mime, nomeFile: nome, pagine: 1, note };
}

/** Checks then normalises one file: what the booking form stores for each file the operator adds. */
export async function prepara(nomeFile: string, bytes: Uint8Array): Promise<Adattato & { mimeOriginale: MimeLetto }> {
  const verificato = await verificaAllegato(nomeFile, bytes);
  return { ...(await normalizza(nomeFile, bytes, verificato)), mimeOriginale: verificato.mime };
}

// ---------------------------------------------------------------- Riduci

export interface DaRidurre {
  nomeFile: string;
  mime: AllegatoMime;
  bytes: Uint8Array;
}

export interface Riduzione {
  voci: { nomeFile: string; prima: number; dopo: Adattato }[];
  totalePrima: number;
  totaleDopo: number;
  /** True when the results fit the budget and the per-file cap. */
  entra: boolean;
  /** Why it does not fit (Italian), naming the files that cannot be reduced and by how much they are over. */
  messaggio: string | null;
}

/** Longest side and JPEG quality, from gentle to strong: A4 at 300 dpi is 3508 px, at 150 dpi 1754. */
export const GRADINI: readonly { lato: number; qualita: number }[] = [
  { lato: 3000, qualita: 85 },
  { lato: 2480, qualita: 82 },
  { lato: 2000, qualita: 80 },
  { lato: 1754, qualita: 76 },
  { lato: 1500, qualita: 72 },
  { lato: 1240, qualita: 68 },
  { lato: 1024, qualita: 64 },
  { lato: 800, qualita: 60 },
];

/** A single-page image that can be scaled down; a PDF or a multi-page TIFF cannot (named with how much over it is). */
async function riducibile(voce: DaRidurre): Promise<boolean> {
  if (voce.mime === 'image/jpeg' || voce.mime === 'image/png') return true;
  if (voce.mime === 'image/tiff') return ((await sharp(voce.bytes, { limitInputPixels: MAX_PIXEL }).metadata()).pages ?? 1) === 1;
  return false;
}

/**
 * Scales and recompresses the images, all at the same step of GRADINI, down to the first step at
 * which everything fits `budget` bytes in all and `maxFile` each. Each image is decoded once
 * (upright, at most 3000 px) and re-encoded from that at each step. PDFs and multi-page TIFFs stay.
 */
export async function riduci(voci: DaRidurre[], budget: number, maxFile: number): Promise<Riduzione> {
  const totalePrima = voci.reduce((s, v) => s + v.bytes.byteLength, 0);
  const quali = await Promise.all(voci.map(riducibile));
  const fissi = voci.filter((_v, i) => !quali[i]);
  const pesoFissi = fissi.reduce((s, v) => s + v.bytes.byteLength, 0);
  const basi = await Promise.all(
    voci.map(async (v, i) =>
      quali[i]
        ? sharp(v.bytes, OPZIONI_SHARP)
            .rotate()
            .flatten({ background: '#ffffff' })
            .resize({ width: GRADINI[0]!.lato, height: GRADINI[0]!.lato, fit: 'inside', withoutEnlargement: true })
            .raw()
            .toBuffer({ resolveWithObject: true })
        : null,
    ),
  );
  const codifica = (gradino: { lato: number; qualita: number }) =>
    Promise.all(
      basi.map(async (base) =>
        base
          ? sharp(base.data, { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } })
              .resize({ width: gradino.lato, height: gradino.lato, fit: 'inside', withoutEnlargement: true })
              .jpeg({ quality: gradino.qualita })
              .toBuffer()
          : null,
      ),
    );
  const entrano = (r: (Buffer | null)[]) =>
    pesoFissi + r.reduce((s, b) => s + (b?.byteLength ?? 0), 0) <= budget && r.every((b) => b === null || b.byteLength <= maxFile);
  // Sizes fall step after step: a binary search finds the gentlest step that fits in 3–4 rounds, not 8.
  let basso = 0;
  let alto = GRADINI.length - 1;
  let risultati = await codifica(GRADINI[alto]!);
  if (entrano(risultati)) {
    while (basso < alto) {
      const medio = Math.floor((basso + alto) / 2);
      const prova = await codifica(GRADINI[medio]!);
      if (entrano(prova)) {
        alto = medio;
        risultati = prova;
      } else basso = medio + 1;
    }
  }
  const adattati = voci.map((v, i): { nomeFile: string; prima: number; dopo: Adattato } => {
    const r = risultati[i];
    const dopo: Adattato = r
      ? {
          bytes: r,
          mime: 'image/jpeg',
          nomeFile: conEstensione(v.nomeFile, '.jpg'),
          pagine: 1,
          note: [`Ridotto da ${formatMb(v.bytes.byteLength)} a ${formatMb(r.byteLength)}.`],
        }
      : { bytes: Buffer.from(v.bytes), mime: v.mime, nomeFile: sanitizeFileName(v.nomeFile), pagine: 1, note: [] };
    return { nomeFile: sanitizeFileName(v.nomeFile), prima: v.bytes.byteLength, dopo };
  });
  const totaleDopo = adattati.reduce((s, v) => s + v.dopo.bytes.byteLength, 0);
  const entra = totaleDopo <= budget && adattati.every((v) => v.dopo.bytes.byteLength <= maxFile);
  return { voci: adattati, totalePrima, totaleDopo, entra, messaggio: entra ? null : perche(fissi, budget, maxFile, totaleDopo) };
}

function perche(fissi: DaRidurre[], budget: number, maxFile: number, totaleDopo: number): string {
  const grandi = fissi.filter((f) => f.bytes.byteLength > maxFile);
  if (grandi.length > 0) {
    return grandi
      .map(
        (f) =>
          `«${sanitizeFileName(f.nomeFile)}» (${formatMb(f.bytes.byteLength)}) non si può ridurre e supera da solo il massimo di ${formatMb(maxFile, Math.floor)} di ${formatMb(f.bytes.byteLength - maxFile)}: chiedi al cliente una scansione a risoluzione più bassa.`,
      )
      .join(' ');
  }
  const nomi = fissi.map((f) => `«${sanitizeFileName(f.nomeFile)}» (${formatMb(f.bytes.byteLength)})`).join(', ');
  const oltre = `Anche ridotti, gli allegati pesano ${formatMb(totaleDopo)}: ${formatMb(totaleDopo - budget)} oltre il massimo di ${formatMb(budget, Math.floor)}.`;
  return fissi.length > 0
    ? `${oltre} Non si possono ridurre: ${nomi}. Togline uno o chiedi al cliente una scansione più leggera.`
    : `${oltre} Togli un allegato.`;
}

// ---------------------------------------------------------------- Unisci in un PDF

const A4: [number, number] = [595.28, 841.89];
/** A page of a merged PDF: A4 at 150 dpi on its long side, so six phone photos make a PDF of about 2 MB. */
export const GRADINI_UNISCI: readonly { lato: number; qualita: number }[] = [
  { lato: 1754, qualita: 78 },
  { lato: 1400, qualita: 70 },
  { lato: 1100, qualita: 62 },
];

/** The pages of one image file as JPEGs (each TIFF page one), upright and scaled. */
async function pagineImmagine(voce: DaRidurre, lato: number, qualita: number): Promise<Buffer[]> {
  const pagine = voce.mime === 'image/tiff' ? ((await sharp(voce.bytes, { limitInputPixels: MAX_PIXEL }).metadata()).pages ?? 1) : 1;
  return Promise.all(
    Array.from({ length: pagine }, (_v, page) =>
      sharp(voce.bytes, { ...OPZIONI_SHARP, page })
        .rotate()
        .flatten({ background: '#ffffff' })
        .resize({ width: lato, height: lato, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: qualita })
        .toBuffer(),
    ),
  );
}

async function componi(voci: DaRidurre[], lato: number, qualita: number): Promise<{ bytes: Buffer; pagine: number }> {
  const doc = await PDFDocument.create();
  for (const voce of voci) {
    if (voce.mime === 'application/pdf') {
      // Checked on the bounded worker when it was added; pdf-lib copies its pages as they are.
      const sorgente = await PDFDocument.load(voce.bytes, { updateMetadata: false });
      for (const pagina of await doc.copyPages(sorgente, sorgente.getPageIndices())) doc.addPage(pagina);
      continue;
    }
    for (const jpeg of await pagineImmagine(voce, lato, qualita)) {
      const img = await doc.embedJpg(jpeg);
      // A4, turned to the picture's orientation; the picture fills it, centred, proportions kept.
      const [w, h] = img.width > img.height ? [A4[1], A4[0]] : A4;
      const scala = Math.min(w / img.width, h / img.height);
      const pagina = doc.addPage([w, h]);
      pagina.drawImage(img, { x: (w - img.width * scala) / 2, y: (h - img.height * scala) / 2, width: img.width * scala, height: img.height * scala });
    }
  }
  // No author, producer or dates of this PC in the result.
  doc.setProducer('');
  doc.setCreator('');
  return { bytes: Buffer.from(await doc.save()), pagine: doc.getPageCount() };
}

/**
 * Images and PDFs merged into one PDF, in the order given: each image one A4 page (a TIFF one
 * per page), each PDF its pages. When `budget` is given the images are scaled further
 * (GRADINI_UNISCI) until the PDF fits it.
 */
export async function unisci(voci: DaRidurre[], nomeFile: string, budget = Number.POSITIVE_INFINITY): Promise<Adattato> {
  let fatto: { bytes: Buffer; pagine: number } | null = null;
  for (const gradino of GRADINI_UNISCI) {
    fatto = await componi(voci, gradino.lato, gradino.qualita);
    if (fatto.bytes.byteLength <= budget) break;
  }
  const { bytes, pagine } = fatto!;
  return {
    bytes,
    mime: 'application/pdf',
    nomeFile: conEstensione(nomeFile, '.pdf'),
    pagine,
    note: [`Uniti ${voci.length} file in un PDF di ${pagine} ${pagine === 1 ? 'pagina' : 'pagine'} (${formatMb(bytes.byteLength)}).`],
  };
}
