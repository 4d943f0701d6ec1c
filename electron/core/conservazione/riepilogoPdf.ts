import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontPromemoria } from '../promemoria/font';

// The readable half of «Esporta i dati del cliente»: an A4 document of sections and lines, text
// flowing over as many pages as it takes, in the promemoria's embedded font (accents print right).

export interface Sezione {
  titolo: string;
  /** One paragraph per line; an empty list prints «Nessun dato.». */
  righe: string[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGINE = 56;
const LARGHEZZA = A4[0] - 2 * MARGINE;
const NERO = rgb(0.1, 0.1, 0.12);
const GRIGIO = rgb(0.38, 0.38, 0.42);

class Scrittore {
  #page: PDFPage;
  #y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly normale: PDFFont,
    private readonly grassetto: PDFFont,
  ) {
    this.#page = this.#nuova();
  }

  #nuova(): PDFPage {
    const page = this.doc.addPage(A4);
    this.#y = A4[1] - MARGINE;
    return page;
  }

  testo(text: string, size: number, font: 'normale' | 'grassetto' = 'normale', color = NERO, rientro = 0): void {
    const f = font === 'grassetto' ? this.grassetto : this.normale;
    for (const line of aCapo(text, f, size, LARGHEZZA - rientro)) {
      if (this.#y - size < MARGINE) this.#page = this.#nuova();
      this.#page.drawText(line, { x: MARGINE + rientro, y: this.#y - size, size, font: f, color });
      this.#y -= size * 1.38;
    }
  }

  spazio(pt: number): void {
    this.#y -= pt;
  }
}

/** Lines that fit `width`: by words, and a word longer than a line by characters. */
function aCapo(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const word of text.normalize('NFC').replace(/\s+/g, ' ').trim().split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line) && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function riepilogoPdf(o: { titolo: string; sottotitolo: string; sezioni: Sezione[]; creatoIl: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const normale = await doc.embedFont(fontPromemoria('normale'), { subset: true });
  const grassetto = await doc.embedFont(fontPromemoria('grassetto'), { subset: true });
  doc.setTitle(o.titolo);
  doc.setLanguage('it-IT');
  doc.setCreator('Cassetto Desk');
  doc.setProducer('Cassetto Desk (pdf-lib)');
  doc.setCreationDate(o.creatoIl);
  doc.setModificationDate(o.creatoIl);
  const s = new Scrittore(doc, normale, grassetto);
  s.testo(o.titolo, 18, 'grassetto');
  s.testo(o.sottotitolo, 9, 'normale', GRIGIO);
  for (const sezione of o.sezioni) {
    s.spazio(14);
    s.testo(sezione.titolo, 13, 'grassetto');
    s.spazio(4);
    if (sezione.righe.length === 0) s.testo('Nessun dato.', 10, 'normale', GRIGIO);
    for (const riga of sezione.righe) {
      s.testo(riga, 10, 'normale', NERO, 8);
      s.spazio(2);
    }
  }
  return doc.save();
}
