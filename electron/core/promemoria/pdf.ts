import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontPromemoria, type Peso } from './font';
import type { PromemoriaTesto } from './testo';

// The promemoria as a PDF: one A4 page per appointment, Open Sans embedded (subset) so accented
// Italian prints right everywhere. pdf-lib writes the file in memory (no streams, no files of its
// own to find at run time), which is all a one-page letter needs.

const A4: [number, number] = [595.28, 841.89];
const MARGINE = 56;
const LARGHEZZA = A4[0] - 2 * MARGINE;
const ETICHETTA = 96;
const PIEDE = 90;
const NERO = rgb(0.1, 0.1, 0.12);
const GRIGIO = rgb(0.38, 0.38, 0.42);
const ROSSO = rgb(0.7, 0.1, 0.1);
/** A quesito's subject comes from the service: a very long one is cut on the page (the e-mail keeps it). */
const MAX_RIGA = 240;

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * No OpenType shaping: Italian needs none (text is NFC-normalised, so accents are one glyph each),
 * and shaping each line is most of the time of a large batch.
 */
const SENZA_SHAPING = { liga: false, kern: false, calt: false, clig: false, rlig: false, ccmp: false, locl: false, mark: false, mkmk: false };

/**
 * fontkit, with each font remembering the lines it has laid out: a batch writes the same lines
 * (headings, what to bring, the office) on every page, and pdf-lib lays out every line it draws.
 */
const fontkitConMemoria: Fontkit = {
  create(data, name) {
    const font = fontkit.create(data, name);
    const layout = font.layout.bind(font);
    const memo = new Map<string, ReturnType<typeof layout>>();
    font.layout = (text, features) => {
      let run = memo.get(text);
      if (!run) {
        run = layout(text, features);
        memo.set(text, run);
      }
      return run;
    };
    return font;
  },
};

/** An embedded font and its advance widths per character (what pdf-lib measures, without laying out). */
class Carattere {
  readonly #avanzamenti = new Map<number, number>();
  readonly #metriche: ReturnType<Fontkit['create']>;

  constructor(
    readonly pdf: PDFFont,
    bytes: Uint8Array,
  ) {
    this.#metriche = fontkit.create(bytes);
  }

  larghezza(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = this.#avanzamenti.get(cp);
      if (w === undefined) {
        w = this.#metriche.glyphForCodePoint(cp).advanceWidth;
        this.#avanzamenti.set(cp, w);
      }
      units += w;
    }
    return (units * size) / this.#metriche.unitsPerEm;
  }
}

type Fonts = Record<Peso, Carattere>;

interface Stile {
  size: number;
  font?: Peso;
  color?: ReturnType<typeof rgb>;
  x?: number;
  width?: number;
}

/** Lines that fit `width`: by words, and a word longer than a line by characters. */
function aCapo(text: string, font: Carattere, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.normalize('NFC').replace(/\s+/g, ' ').trim().split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.larghezza(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.larghezza(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.larghezza(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A cursor down one page; with `page` null it only measures (to pick a scale that fits). */
class Foglio {
  y = A4[1] - MARGINE;

  constructor(
    private readonly page: PDFPage | null,
    private readonly fonts: Fonts,
    private readonly scala: number,
  ) {}

  testo(text: string, stile: Stile): void {
    const size = stile.size * this.scala;
    const font = this.fonts[stile.font ?? 'normale'];
    const x = stile.x ?? MARGINE;
    for (const line of aCapo(text, font, size, stile.width ?? LARGHEZZA)) {
      this.page?.drawText(line, { x, y: this.y - size, size, font: font.pdf, color: stile.color ?? NERO });
      this.y -= size * 1.38;
    }
  }

  /** A label in the left column and, beside it, what `valore` writes. */
  voce(etichetta: string, valore: string | (() => void), stile: Partial<Stile> = {}): void {
    const top = this.y;
    this.testo(etichetta, { size: 10, font: 'grassetto', color: GRIGIO, width: ETICHETTA - 8 });
    const dopoEtichetta = this.y;
    this.y = top;
    if (typeof valore === 'function') valore();
    else this.testo(valore, { size: 11, ...stile, x: MARGINE + ETICHETTA, width: LARGHEZZA - ETICHETTA });
    this.y = Math.min(this.y, dopoEtichetta);
  }

  /** A bulleted list in the value column. */
  elenco(righe: string[]): void {
    righe.forEach((r, i) => {
      if (i > 0) this.spazio(2);
      const top = this.y;
      this.testo('•', { size: 11, x: MARGINE + ETICHETTA });
      this.y = top;
      this.testo(r.length > MAX_RIGA ? `${r.slice(0, MAX_RIGA - 1)}…` : r, { size: 11, x: MARGINE + ETICHETTA + 12, width: LARGHEZZA - ETICHETTA - 12 });
    });
  }

  spazio(pt: number): void {
    this.y -= pt * this.scala;
  }

  filetto(y = this.y): void {
    this.page?.drawLine({ start: { x: MARGINE, y }, end: { x: A4[0] - MARGINE, y }, thickness: 0.6, color: GRIGIO });
  }
}

/** The body of one page, top to bottom; returns where it ended. */
function corpo(f: Foglio, t: PromemoriaTesto): number {
  if (t.ufficio) {
    f.testo(t.ufficio.nome, { size: 12, font: 'grassetto' });
    if (t.ufficio.recapiti) f.testo(t.ufficio.recapiti, { size: 9, color: GRIGIO });
    f.spazio(6);
    f.filetto();
    f.spazio(22);
  }
  f.testo(t.titolo, { size: 20, font: 'grassetto' });
  f.spazio(12);
  f.testo(t.saluto, { size: 11 });
  f.testo(t.introduzione, { size: 11 });
  f.spazio(14);
  f.voce('Quando', t.quando, { size: 14, font: 'grassetto' });
  f.spazio(8);
  f.voce('Dove', t.sede, { font: 'grassetto' });
  f.voce('', t.indirizzo, t.indirizzoNoto ? {} : { color: ROSSO, font: 'grassetto' });
  f.spazio(8);
  f.voce('Modalità', t.modalita.nome, { font: 'grassetto' });
  f.voce('', t.modalita.spiega);
  f.spazio(12);
  if (t.quesiti.length > 0) {
    f.voce('Quesiti', () => f.elenco(t.quesiti));
    f.spazio(12);
  }
  f.voce(t.portareTitolo, () => f.elenco(t.portare));
  f.spazio(12);
  f.testo(t.chiusura, { size: 10, color: GRIGIO });
  return f.y;
}

/** The office block at the foot of the page: who to call. */
function piede(f: Foglio, t: PromemoriaTesto, preparato: string): void {
  f.y = MARGINE + PIEDE;
  f.filetto();
  f.spazio(10);
  if (t.ufficio) {
    f.testo(`Per qualsiasi dubbio: ${t.ufficio.nome}`, { size: 10, font: 'grassetto' });
    if (t.ufficio.recapiti) f.testo(t.ufficio.recapiti, { size: 10 });
  }
  f.testo(preparato, { size: 8, color: GRIGIO });
}

/** The largest scale (down to 70%) at which the body ends above the foot. */
function scalaPer(t: PromemoriaTesto, fonts: Fonts): number {
  for (const scala of [1, 0.92, 0.85, 0.78]) {
    if (corpo(new Foglio(null, fonts, scala), t) >= MARGINE + PIEDE + 8) return scala;
  }
  return 0.7;
}

export interface PdfMeta {
  creatoIl: Date;
  /** «Preparato il …» at the foot of each page. */
  preparato: string;
}

export async function promemoriaPdf(pagine: PromemoriaTesto[], meta: PdfMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitConMemoria);
  const carattere = async (peso: Peso) => {
    const bytes = fontPromemoria(peso);
    return new Carattere(await doc.embedFont(bytes, { subset: true, features: SENZA_SHAPING }), bytes);
  };
  const fonts: Fonts = { normale: await carattere('normale'), grassetto: await carattere('grassetto') };
  doc.setTitle(pagine.length === 1 ? `${pagine[0]!.titolo}: ${pagine[0]!.quando}` : `Promemoria appuntamenti INPS (${pagine.length})`);
  doc.setLanguage('it-IT');
  doc.setCreator('Cassetto Desk');
  doc.setProducer('Cassetto Desk (pdf-lib)');
  doc.setCreationDate(meta.creatoIl);
  doc.setModificationDate(meta.creatoIl);
  for (const t of pagine) {
    const page = doc.addPage(A4);
    const scala = scalaPer(t, fonts);
    corpo(new Foglio(page, fonts, scala), t);
    piede(new Foglio(page, fonts, 1), t, meta.preparato);
  }
  return doc.save();
}
