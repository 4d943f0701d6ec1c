// Attachment rules, checked on the operator's PC before anything is sent.
// The type comes from the content (magic bytes), never from the file name: a renamed .exe is refused.
// The caps are data: the service advertises them, DEFAULT_ALLEGATI_CAPS mirrors the Cassetto's.

export const ALLEGATO_MIME = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type AllegatoMime = (typeof ALLEGATO_MIME)[number];

export const MAX_ALLEGATI = 3;

export interface AllegatiCaps {
  maxCount: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_ALLEGATI_CAPS: AllegatiCaps = {
  maxCount: MAX_ALLEGATI,
  maxFileBytes: 3 * MIB,
  maxTotalBytes: 3 * MIB,
};

const MIME_LABELS: Record<AllegatoMime, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
};

// ---------------------------------------------------------------- sniffing

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The IEND chunk is always the same 12 bytes: length 0, type, CRC.
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00]; // II*\0
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a]; // MM\0*
/** Trailers (%%EOF, IEND) must sit this close to the end; writers may add a few bytes after them. */
const TRAILER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function indexOfBytes(bytes: Uint8Array, needle: readonly number[], from: number): number {
  outer: for (let i = Math.max(0, from); i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function hasTrailer(bytes: Uint8Array, trailer: readonly number[]): boolean {
  return indexOfBytes(bytes, trailer, bytes.length - TRAILER_WINDOW) >= 0;
}

function jpegComplete(bytes: Uint8Array): boolean {
  // Some scanners pad the file with zeros after the EOI marker (FF D9).
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

const TIFF_MAX_IFDS = 256; // multi-page scans; also stops a cyclic IFD chain
const TIFF_TYPE_SIZES: Readonly<Record<number, number>> = { 3: 2, 4: 4 }; // SHORT, LONG
const TIFF_DATA_TAGS: readonly (readonly [number, number])[] = [
  [273, 279], // StripOffsets, StripByteCounts
  [324, 325], // TileOffsets, TileByteCounts
];

/** Every IFD, its entries and the image data it points to lie inside the file. */
function tiffComplete(bytes: Uint8Array, littleEndian: boolean): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  const u16 = (at: number): number => view.getUint16(at, littleEndian);
  const u32 = (at: number): number => view.getUint32(at, littleEndian);

  // Values of an entry of type SHORT/LONG; null when they lie outside the file or the type is odd.
  const values = (entry: number): number[] | null => {
    const size = TIFF_TYPE_SIZES[u16(entry + 2)];
    const count = u32(entry + 4);
    if (size === undefined) return null;
    const at = size * count <= 4 ? entry + 8 : u32(entry + 8);
    if (at + size * count > len) return null;
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(size === 2 ? u16(at + 2 * i) : u32(at + 4 * i));
    return out;
  };

  const seen = new Set<number>();
  let ifd = u32(4);
  if (ifd === 0) return false; // a TIFF has at least one image
  while (ifd !== 0) {
    if (ifd < 8 || ifd + 2 > len || seen.has(ifd) || seen.size >= TIFF_MAX_IFDS) return false;
    seen.add(ifd);
    const entries = u16(ifd);
    const tableEnd = ifd + 2 + entries * 12;
    if (entries === 0 || tableEnd + 4 > len) return false;
    const tags = new Map<number, number>();
    for (let i = 0; i < entries; i++) tags.set(u16(ifd + 2 + i * 12), ifd + 2 + i * 12);
    for (const [offsetsTag, countsTag] of TIFF_DATA_TAGS) {
      const offsetsEntry = tags.get(offsetsTag);
      const countsEntry = tags.get(countsTag);
      if (offsetsEntry === undefined && countsEntry === undefined) continue;
      if (offsetsEntry === undefined || countsEntry === undefined) return false;
      const offsets = values(offsetsEntry);
      const counts = values(countsEntry);
      if (offsets === null || counts === null || offsets.length !== counts.length) return false;
      if (offsets.some((o, i) => o + (counts[i] ?? 0) > len)) return false;
    }
    ifd = u32(tableEnd);
  }
  return true;
}

/** The type by magic bytes, and whether the file looks whole; null for any other content. */
export function sniffAllegato(bytes: Uint8Array): { mime: AllegatoMime; complete: boolean } | null {
  if (startsWith(bytes, PDF_MAGIC)) return { mime: 'application/pdf', complete: hasTrailer(bytes, PDF_EOF) };
  if (startsWith(bytes, PNG_MAGIC)) return { mime: 'image/png', complete: hasTrailer(bytes, PNG_IEND) };
  if (startsWith(bytes, JPEG_MAGIC)) return { mime: 'image/jpeg', complete: jpegComplete(bytes) };
  if (startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) {
    const complete = bytes.length >= 8 && tiffComplete(bytes, bytes[0] === 0x49);
    return { mime: 'image/tiff', complete };
  }
  return null;
}

// ---------------------------------------------------------------- file names

const MAX_NAME_LENGTH = 120;
const FALLBACK_NAME = 'allegato';
// C0/C1 controls, plus invisible and bidi-override characters (used to disguise 'fdp.exe' as 'exe.pdf').
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const WINDOWS_RESERVED_CHARS = /[<>:"|?*]/g;
const WINDOWS_RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const EXTENSION = /^\.[\p{L}\p{N}]{1,10}$/u;

function trimDotsAndBlanks(s: string): string {
  return s.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/** A name safe to show and to save on any OS: last path segment, no control or reserved characters. */
export function sanitizeFileName(name: string): string {
  const lastSegment = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = trimDotsAndBlanks(lastSegment.replace(INVISIBLE, '').replace(WINDOWS_RESERVED_CHARS, '_'));
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && EXTENSION.test(cleaned.slice(dot)) ? cleaned.slice(dot) : '';
  let base = cleaned.slice(0, cleaned.length - ext.length);
  // Windows refuses CON, NUL, COM1… whatever the extension ('CON.pdf', 'nul.tar.gz').
  const stem = (base.split('.')[0] ?? '').trimEnd();
  if (WINDOWS_RESERVED_NAMES.test(stem)) base = `_${base}`;
  // Count code points so an emoji is never cut in half.
  const room = MAX_NAME_LENGTH - ext.length;
  base = trimDotsAndBlanks(Array.from(base).slice(0, room).join(''));
  if (base === '') base = FALLBACK_NAME;
  return base + ext;
}

// ---------------------------------------------------------------- checks

export type AllegatoProblemCode = 'TROPPI_ALLEGATI' | 'TIPO_NON_AMMESSO' | 'FILE_VUOTO' | 'FILE_TRONCATO' | 'FILE_TROPPO_GRANDE' | 'TOTALE_TROPPO_GRANDE';

export interface AllegatoProblem {
  /** Index of the file in the list, null for problems of the whole set. */
  index: number | null;
  code: AllegatoProblemCode;
  message: string;
}

/** Megabytes with an Italian decimal comma ('3 MB', '4,2 MB'); sizes round up, limits down,
 * so a file just over the limit never reads as equal to it. */
export function formatMb(bytes: number, round: (x: number) => number = Math.ceil): string {
  const tenths = round((bytes * 10) / MIB);
  const whole = Math.floor(tenths / 10);
  const decimal = tenths % 10;
  return decimal === 0 ? `${whole} MB` : `${whole},${decimal} MB`;
}

/**
 * The largest file the app reads at all (#14): a phone photo or a scan over the service's caps is
 * still read, to be reduced or merged; anything larger is refused from its size, before a byte is
 * read (the renderer asks before reading the file, the core before reading a path or decoding).
 */
export const MAX_LETTURA_BYTES = 40 * MIB;

export function fileIlleggibilePerDimensione(nomeFile: string, dimensione: number): { code: 'FILE_TROPPO_GRANDE'; message: string } | null {
  if (dimensione <= MAX_LETTURA_BYTES) return null;
  return {
    code: 'FILE_TROPPO_GRANDE',
    message: `«${sanitizeFileName(nomeFile)}» pesa ${formatMb(dimensione, Math.ceil)}: è troppo grande anche per essere ridotto (si leggono file fino a ${formatMb(MAX_LETTURA_BYTES, Math.floor)}). Chiedi al cliente una foto o una scansione a risoluzione più bassa.`,
  };
}

/**
 * The per-file cap alone: the renderer asks it before reading a file into memory, so a 500 MB
 * scan is refused at once with the same words the core's preflight would use.
 */
export function fileTooBig(
  nomeFile: string,
  dimensione: number,
  caps: AllegatiCaps = DEFAULT_ALLEGATI_CAPS,
): { code: 'FILE_TROPPO_GRANDE'; message: string } | null {
  if (dimensione <= caps.maxFileBytes) return null;
  return {
    code: 'FILE_TROPPO_GRANDE',
    message: `«${sanitizeFileName(nomeFile)}» pesa ${formatMb(dimensione, Math.ceil)}: il massimo per ciascun file è ${formatMb(caps.maxFileBytes, Math.floor)}. Riducine la dimensione (ad esempio scansionando a risoluzione più bassa).`,
  };
}

/** Every problem of a set of attachments, each with an Italian message naming the file. */
export function checkAllegati(files: { nome: string; dimensione: number; sniff: ReturnType<typeof sniffAllegato> }[], caps: AllegatiCaps): AllegatoProblem[] {
  const problems: AllegatoProblem[] = [];
  if (files.length > caps.maxCount) {
    const noun = caps.maxCount === 1 ? 'allegato' : 'allegati';
    problems.push({
      index: null,
      code: 'TROPPI_ALLEGATI',
      message: `Al massimo ${caps.maxCount} ${noun} per appuntamento.`,
    });
  }
  files.forEach((file, index) => {
    const nome = `«${sanitizeFileName(file.nome)}»`;
    if (file.dimensione <= 0) {
      // An empty file has no type to check: one message is enough.
      problems.push({ index, code: 'FILE_VUOTO', message: `${nome} è vuoto (0 byte): scegli il file corretto.` });
      return;
    }
    if (file.sniff === null) {
      problems.push({
        index,
        code: 'TIPO_NON_AMMESSO',
        message: `${nome} non è un PDF, JPEG, PNG o TIFF: il contenuto non corrisponde a un tipo ammesso.`,
      });
    } else if (!file.sniff.complete) {
      problems.push({
        index,
        code: 'FILE_TRONCATO',
        message: `${nome} è incompleto o danneggiato (${MIME_LABELS[file.sniff.mime]} troncato): salvalo o scaricalo di nuovo e riallegalo.`,
      });
    }
    const tooBig = fileTooBig(file.nome, file.dimensione, caps);
    if (tooBig) problems.push({ index, ...tooBig });
  });
  const total = files.reduce((sum, f) => sum + Math.max(0, f.dimensione), 0);
  if (total > caps.maxTotalBytes) {
    problems.push({
      index: null,
      code: 'TOTALE_TROPPO_GRANDE',
      message: `Gli allegati pesano in tutto ${formatMb(total, Math.ceil)}: il massimo è ${formatMb(caps.maxTotalBytes, Math.floor)}. Rimuovi un allegato o riducine la dimensione.`,
    });
  }
  return problems;
}
