// Tests only: a generated PDF read back with pdf.js (its legacy build runs under plain Node), as
// a PDF viewer extracts it — so a test sees the text the client will see, accents included.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLetto {
  /** Per page, its text lines in drawing order. */
  pagine: string[][];
  /** Per page, its lines joined by one space (for phrases that wrap). */
  testi: string[];
}

export async function leggiPdf(bytes: Uint8Array): Promise<PdfLetto> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pagine: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pagine.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str] : [])));
    }
    return { pagine, testi: pagine.map((righe) => righe.join(' ')) };
  } finally {
    await doc.destroy();
  }
}

/** The bytes of a FileEsportato's base64 content. */
export function bytesDi(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
