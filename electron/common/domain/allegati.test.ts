import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLEGATI_CAPS, MAX_ALLEGATI, checkAllegati, sanitizeFileName, sniffAllegato } from './allegati';

const MIB = 1024 * 1024;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

// A real 1×1 PNG (67 bytes: signature, IHDR, IDAT, IEND, with their CRCs).
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

const PDF = ascii(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

// SOI, a JFIF APP0 segment, EOI.
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

/** A 1×1 8-bit grey TIFF: header, one IFD of 8 entries, one pixel byte after it. */
function tiff(littleEndian: boolean): Uint8Array {
  const entries: [number, number, number, number][] = [
    [256, 3, 1, 1], // ImageWidth
    [257, 3, 1, 1], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // Photometric: black is zero
    [273, 4, 1, 8 + 2 + 8 * 12 + 4], // StripOffsets: right after the IFD
    [278, 3, 1, 1], // RowsPerStrip
    [279, 4, 1, 1], // StripByteCounts
  ];
  const bytes = new Uint8Array(8 + 2 + entries.length * 12 + 4 + 1);
  const v = new DataView(bytes.buffer);
  bytes.set(littleEndian ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  v.setUint32(4, 8, littleEndian);
  v.setUint16(8, entries.length, littleEndian);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    v.setUint16(at, tag, littleEndian);
    v.setUint16(at + 2, type, littleEndian);
    v.setUint32(at + 4, count, littleEndian);
    if (type === 3) v.setUint16(at + 8, value, littleEndian);
    else v.setUint32(at + 8, value, littleEndian);
  });
  v.setUint32(10 + entries.length * 12, 0, littleEndian); // no next IFD
  bytes[bytes.length - 1] = 0x80; // the pixel
  return bytes;
}

describe('sniffAllegato', () => {
  it('recognises whole files by their content', () => {
    expect(sniffAllegato(PDF)).toEqual({ mime: 'application/pdf', complete: true });
    expect(sniffAllegato(JPEG)).toEqual({ mime: 'image/jpeg', complete: true });
    expect(sniffAllegato(PNG)).toEqual({ mime: 'image/png', complete: true });
    expect(sniffAllegato(tiff(true))).toEqual({ mime: 'image/tiff', complete: true });
    expect(sniffAllegato(tiff(false))).toEqual({ mime: 'image/tiff', complete: true });
  });

  it('detects truncated files', () => {
    expect(sniffAllegato(PDF.slice(0, PDF.length - 8))).toEqual({ mime: 'application/pdf', complete: false });
    expect(sniffAllegato(PDF.slice(0, 5))).toEqual({ mime: 'application/pdf', complete: false });
    expect(sniffAllegato(JPEG.slice(0, JPEG.length - 1))).toEqual({ mime: 'image/jpeg', complete: false });
    expect(sniffAllegato(JPEG.slice(0, 3))).toEqual({ mime: 'image/jpeg', complete: false });
    expect(sniffAllegato(PNG.slice(0, PNG.length - 12))).toEqual({ mime: 'image/png', complete: false });
    expect(sniffAllegato(PNG.slice(0, 8))).toEqual({ mime: 'image/png', complete: false });
    for (const le of [true, false]) {
      const whole = tiff(le);
      expect(sniffAllegato(whole.slice(0, whole.length - 1))?.complete).toBe(false); // pixel data cut
      expect(sniffAllegato(whole.slice(0, 60))?.complete).toBe(false); // IFD table cut
      expect(sniffAllegato(whole.slice(0, 8))?.complete).toBe(false); // header only
      expect(sniffAllegato(whole.slice(0, 6))).toEqual({ mime: 'image/tiff', complete: false });
    }
  });

  it('tolerates zero padding after a JPEG and a few bytes after %%EOF', () => {
    expect(sniffAllegato(concat(JPEG, new Uint8Array(16)))?.complete).toBe(true);
    expect(sniffAllegato(concat(PDF, ascii('\r\n\0')))?.complete).toBe(true);
    // %%EOF far from the end is not the end of this file.
    expect(sniffAllegato(concat(PDF, new Uint8Array(2048).fill(0x20)))?.complete).toBe(false);
  });

  it('rejects a TIFF whose IFD chain loops or points outside the file', () => {
    const loop = tiff(true);
    new DataView(loop.buffer).setUint32(10 + 8 * 12, 8, true); // next IFD = itself
    expect(sniffAllegato(loop)?.complete).toBe(false);
    const outside = tiff(true);
    new DataView(outside.buffer).setUint32(4, 10_000, true);
    expect(sniffAllegato(outside)?.complete).toBe(false);
  });

  it('returns null for anything else', () => {
    const mz = concat(ascii('MZ'), Uint8Array.from([0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]), ascii('This program cannot be run in DOS mode.'));
    expect(sniffAllegato(mz)).toBeNull();
    expect(sniffAllegato(new Uint8Array(0))).toBeNull();
    expect(sniffAllegato(ascii('%PDF'))).toBeNull(); // not even the header
    expect(sniffAllegato(ascii('PK\x03\x04'))).toBeNull(); // a zip / docx
    expect(sniffAllegato(ascii('GIF89a'))).toBeNull();
    expect(sniffAllegato(ascii('II+\0'))).toBeNull(); // BigTIFF is not accepted
  });

  it('reads a view inside a larger buffer correctly', () => {
    const big = concat(new Uint8Array(7), tiff(false), new Uint8Array(5));
    expect(sniffAllegato(big.subarray(7, 7 + tiff(false).length))).toEqual({ mime: 'image/tiff', complete: true });
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\op\\Desktop\\fattura.pdf')).toBe('fattura.pdf');
    expect(sanitizeFileName('..\\..\\boot.ini')).toBe('boot.ini');
  });

  it('defuses reserved Windows names, whatever the extension or case', () => {
    expect(sanitizeFileName('C:\\x\\CON.pdf')).toBe('_CON.pdf');
    expect(sanitizeFileName('nul')).toBe('_nul');
    expect(sanitizeFileName('com1.tar.gz')).toBe('_com1.tar.gz');
    expect(sanitizeFileName('LPT9 .txt')).toBe('_LPT9.txt');
    expect(sanitizeFileName('console.pdf')).toBe('console.pdf');
  });

  it('drops control and invisible characters, replaces reserved ones', () => {
    expect(sanitizeFileName('fat\u0000tura\u001f\u007f.pdf')).toBe('fattura.pdf');
    expect(sanitizeFileName('riga1\nriga2.png')).toBe('riga1riga2.png');
    expect(sanitizeFileName('foto\u202egpj.exe')).toBe('fotogpj.exe'); // a right-to-left override disguise
    expect(sanitizeFileName('a<b>c:d"e|f?g*.pdf')).toBe('a_b_c_d_e_f_g_.pdf');
  });

  it('drops leading dots and trailing dots or blanks', () => {
    expect(sanitizeFileName('...nascosto')).toBe('nascosto');
    expect(sanitizeFileName('.pdf')).toBe('pdf');
    expect(sanitizeFileName(' ricevuta.pdf. ')).toBe('ricevuta.pdf');
  });

  it('keeps ordinary Italian names as they are', () => {
    expect(sanitizeFileName('Ricevuta MAV – marzo 2026 (copia).pdf')).toBe('Ricevuta MAV – marzo 2026 (copia).pdf');
    expect(sanitizeFileName('Perché è così.JPG')).toBe('Perché è così.JPG');
  });

  it('never returns an empty name', () => {
    for (const empty of ['', '   ', '../', '..', '\u0000\u0001', '/']) expect(sanitizeFileName(empty)).toBe('allegato');
    expect(sanitizeFileName('....pdf')).toBe('pdf');
  });

  it('shortens to 120 characters keeping the extension', () => {
    const long = sanitizeFileName(`${'a'.repeat(300)}.pdf`);
    expect(long).toBe(`${'a'.repeat(116)}.pdf`);
    const emoji = sanitizeFileName(`${'😀'.repeat(200)}.tiff`);
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji.endsWith('😀.tiff')).toBe(true); // no half surrogate left behind
  });
});

describe('checkAllegati', () => {
  const pdf = { mime: 'application/pdf' as const, complete: true };
  const caps = DEFAULT_ALLEGATI_CAPS;

  it('has the Cassetto defaults', () => {
    expect(MAX_ALLEGATI).toBe(3);
    expect(caps).toEqual({ maxCount: 3, maxFileBytes: 3 * MIB, maxTotalBytes: 3 * MIB });
  });

  it('finds nothing wrong with a good set', () => {
    const files = [
      { nome: 'a.pdf', dimensione: MIB, sniff: pdf },
      { nome: 'b.png', dimensione: MIB, sniff: { mime: 'image/png' as const, complete: true } },
      { nome: 'c.jpg', dimensione: MIB, sniff: { mime: 'image/jpeg' as const, complete: true } },
    ];
    expect(checkAllegati(files, caps)).toEqual([]);
    expect(checkAllegati([], caps)).toEqual([]);
  });

  it('refuses more than the allowed count', () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ nome: `${i}.pdf`, dimensione: 100, sniff: pdf }));
    expect(checkAllegati(files, caps)).toEqual([{ index: null, code: 'TROPPI_ALLEGATI', message: 'Al massimo 3 allegati per appuntamento.' }]);
    expect(checkAllegati(files.slice(0, 2), { ...caps, maxCount: 1 })[0]?.message).toBe('Al massimo 1 allegato per appuntamento.');
  });

  it('names the file whose content is not an allowed type', () => {
    expect(checkAllegati([{ nome: 'fattura.pdf', dimensione: 2048, sniff: null }], caps)).toEqual([
      {
        index: 0,
        code: 'TIPO_NON_AMMESSO',
        message: '«fattura.pdf» non è un PDF, JPEG, PNG o TIFF: il contenuto non corrisponde a un tipo ammesso.',
      },
    ]);
  });

  it('reports empty and truncated files', () => {
    const problems = checkAllegati(
      [
        { nome: 'vuoto.pdf', dimensione: 0, sniff: null },
        { nome: 'C:\\scansioni\\contratto.tif', dimensione: 5000, sniff: { mime: 'image/tiff', complete: false } },
      ],
      caps,
    );
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'FILE_VUOTO'],
      [1, 'FILE_TRONCATO'],
    ]);
    expect(problems[0]?.message).toContain('«vuoto.pdf» è vuoto');
    expect(problems[1]?.message).toContain('«contratto.tif»');
    expect(problems[1]?.message).toContain('TIFF troncato');
  });

  it('reports sizes in MB with a decimal comma, never rounding a file down to the limit', () => {
    const problems = checkAllegati(
      [
        { nome: 'scansione.pdf', dimensione: 4.2 * MIB, sniff: pdf },
        { nome: 'quasi.pdf', dimensione: 3 * MIB + 1, sniff: pdf },
      ],
      caps,
    );
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [0, 'FILE_TROPPO_GRANDE'],
      [1, 'FILE_TROPPO_GRANDE'],
      [null, 'TOTALE_TROPPO_GRANDE'],
    ]);
    expect(problems[0]?.message).toMatch(/^«scansione\.pdf» pesa 4,2 MB: il massimo per ciascun file è 3 MB\./);
    expect(problems[1]?.message).toContain('pesa 3,1 MB');
    expect(problems[2]?.message).toMatch(/^Gli allegati pesano in tutto 7,3 MB: il massimo è 3 MB\./);
  });

  it('reports the total even when each file fits, and every problem at once', () => {
    const total = checkAllegati(
      [
        { nome: 'a.pdf', dimensione: 2 * MIB, sniff: pdf },
        { nome: 'b.pdf', dimensione: 1.5 * MIB, sniff: pdf },
      ],
      caps,
    );
    expect(total).toEqual([
      {
        index: null,
        code: 'TOTALE_TROPPO_GRANDE',
        message: 'Gli allegati pesano in tutto 3,5 MB: il massimo è 3 MB. Rimuovi un allegato o riducine la dimensione.',
      },
    ]);
    const many = checkAllegati(
      [
        { nome: 'a.exe', dimensione: 10, sniff: null },
        { nome: 'b.pdf', dimensione: 0, sniff: null },
        { nome: 'c.pdf', dimensione: 10, sniff: pdf },
        { nome: 'd.pdf', dimensione: 4 * MIB, sniff: { mime: 'application/pdf', complete: false } },
      ],
      caps,
    );
    expect(many.map((p) => p.code)).toEqual([
      'TROPPI_ALLEGATI',
      'TIPO_NON_AMMESSO',
      'FILE_VUOTO',
      'FILE_TRONCATO',
      'FILE_TROPPO_GRANDE',
      'TOTALE_TROPPO_GRANDE',
    ]);
  });
});
