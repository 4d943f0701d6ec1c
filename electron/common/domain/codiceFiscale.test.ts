import { describe, expect, it } from 'vitest';
import {
  CODICE_FISCALE_MESSAGES,
  buildCodiceFiscale,
  codiceFiscaleCheckChar,
  codiceFiscaleProblem,
  codiceFiscaleSchema,
  decodeOmocodia,
  isValidCodiceFiscale,
  normalizeCodiceFiscale,
} from './codiceFiscale';

// Check characters below were also worked out by hand with the DM 23/12/1976 tables, e.g.
// RSSMRA80A01H501: odd positions R8+S12+R8+'8'19+A1+'1'0+'5'13+'1'0 = 61,
// even positions S18+M12+A0+0+0+H7+0 = 37; 98 mod 26 = 20 → 'U'.
const ROSSI_MARIO = 'RSSMRA80A01H501U';
const MORETTI_MATTEO = 'MRTMTT25D09F205Z'; // the textbook example: Milano, 9 April 1925
const ROSSI_MARIA = 'RSSMRA80A41H501Y'; // day 01 + 40: even position 10 gains 4 → 102 mod 26 = 24 → 'Y'

describe('normalizeCodiceFiscale', () => {
  it('trims, removes inner blanks and uppercases', () => {
    expect(normalizeCodiceFiscale('  rssmra 80a01 h501u\t')).toBe(ROSSI_MARIO);
  });
});

describe('codiceFiscaleCheckChar', () => {
  it('computes the official check character', () => {
    expect(codiceFiscaleCheckChar('RSSMRA80A01H501')).toBe('U');
    expect(codiceFiscaleCheckChar('MRTMTT25D09F205')).toBe('Z');
    expect(codiceFiscaleCheckChar('RSSMRA80A41H501')).toBe('Y');
  });

  it('covers the omocode letters as written', () => {
    // Position 15: '1' (odd value 0) → 'M' (odd value 18): 116 mod 26 = 12 → 'M'.
    expect(codiceFiscaleCheckChar('RSSMRA80A01H50M')).toBe('M');
    // Then position 14: '0' → 'L' (even value 11): 127 mod 26 = 23 → 'X'.
    expect(codiceFiscaleCheckChar('RSSMRA80A01H5LM')).toBe('X');
  });

  it('refuses anything but 15 characters', () => {
    expect(() => codiceFiscaleCheckChar('RSSMRA80A01H50')).toThrow(RangeError);
  });
});

describe('codiceFiscaleProblem', () => {
  it('accepts valid codes, in any case and spacing', () => {
    for (const cf of [ROSSI_MARIO, MORETTI_MATTEO, ROSSI_MARIA, 'rssmra80a01h501u', ' RSSMRA 80A01 H501U ']) {
      expect(codiceFiscaleProblem(cf)).toBeNull();
      expect(isValidCodiceFiscale(cf)).toBe(true);
    }
  });

  it('accepts omocodia variants', () => {
    // All seven digits replaced: odd R8+S12+R8+U16+A1+M18+R8+M18 = 89, even S18+M12+A0+L11+L11+H7+L11 = 70 → 'D'.
    for (const cf of ['RSSMRA80A01H50MM', 'RSSMRA80A01H5LMX', 'RSSMRAULALMHRLMD']) {
      expect(codiceFiscaleProblem(cf)).toBeNull();
    }
  });

  it('finds each problem', () => {
    expect(codiceFiscaleProblem('')).toBe('vuoto');
    expect(codiceFiscaleProblem('   ')).toBe('vuoto');
    expect(codiceFiscaleProblem('RSSMRA80A01H501')).toBe('lunghezza');
    expect(codiceFiscaleProblem('RSSMRA80A01H501UX')).toBe('lunghezza');
    expect(codiceFiscaleProblem('12345678901')).toBe('lunghezza'); // a partita IVA is not a person's code
    expect(codiceFiscaleProblem('RSSMRA8XA01H501U')).toBe('formato'); // X is not an omocodia letter
    expect(codiceFiscaleProblem('RSSMR480A01H501U')).toBe('formato');
    expect(codiceFiscaleProblem('RSSMRA80A01H5019')).toBe('formato');
    expect(codiceFiscaleProblem('RSSMRA80A01H501-')).toBe('formato');
    expect(codiceFiscaleProblem('RSSMRA80A01H501A')).toBe('carattere_controllo');
    expect(codiceFiscaleProblem('RSSMRA80A01H50MU')).toBe('carattere_controllo'); // omocode with the base check char
  });

  it('checks month letter and day, after decoding omocodia', () => {
    const withCheck = (first15: string): string => first15 + codiceFiscaleCheckChar(first15);
    expect(codiceFiscaleProblem(withCheck('RSSMRA80F01H501'))).toBe('data'); // F is no month
    expect(codiceFiscaleProblem(withCheck('RSSMRA80A32H501'))).toBe('data');
    expect(codiceFiscaleProblem(withCheck('RSSMRA80A00H501'))).toBe('data');
    expect(codiceFiscaleProblem(withCheck('RSSMRA80A40H501'))).toBe('data');
    expect(codiceFiscaleProblem(withCheck('RSSMRA80A72H501'))).toBe('data');
    // Omocode day digits: Q M = 4 1 (a woman, valid); U L = 8 0 (invalid).
    expect(codiceFiscaleProblem(withCheck('RSSMRA80AQMH501'))).toBeNull();
    expect(codiceFiscaleProblem(withCheck('RSSMRA80AULH501'))).toBe('data');
  });
});

describe('decodeOmocodia', () => {
  it('restores the digits and recomputes the check character', () => {
    expect(decodeOmocodia('RSSMRAULALMHRLMD')).toBe(ROSSI_MARIO);
    expect(decodeOmocodia('rssmra80a01h5lmx')).toBe(ROSSI_MARIO);
    expect(decodeOmocodia(ROSSI_MARIO)).toBe(ROSSI_MARIO);
  });

  it('gives malformed input back normalized instead of throwing', () => {
    expect(decodeOmocodia(' rss-mra ')).toBe('RSS-MRA');
  });

  it('leaves the letter positions alone', () => {
    // M, L… in the name, month and Belfiore positions are not omocodia.
    expect(decodeOmocodia('MLLMRA80L01L219P').slice(0, 15)).toBe('MLLMRA80L01L219');
  });
});

describe('codiceFiscaleSchema', () => {
  it('outputs the normalized code', () => {
    expect(codiceFiscaleSchema.parse(' rssmra80a01h501u ')).toBe(ROSSI_MARIO);
  });

  it('fails with the Italian message of the problem', () => {
    const cases: [unknown, string][] = [
      ['RSSMRA80A01H501', CODICE_FISCALE_MESSAGES.lunghezza],
      ['RSSMRA80A01H501A', CODICE_FISCALE_MESSAGES.carattere_controllo],
      ['', CODICE_FISCALE_MESSAGES.vuoto],
      [undefined, CODICE_FISCALE_MESSAGES.vuoto],
    ];
    for (const [input, message] of cases) {
      const result = codiceFiscaleSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
    }
    expect(CODICE_FISCALE_MESSAGES.lunghezza).toBe('Il codice fiscale deve avere 16 caratteri.');
  });
});

describe('buildCodiceFiscale', () => {
  it('builds the textbook codes', () => {
    expect(buildCodiceFiscale({ cognome: 'Rossi', nome: 'Mario', dataNascita: '1980-01-01', sesso: 'M', codiceCatastale: 'H501' })).toBe(ROSSI_MARIO);
    expect(buildCodiceFiscale({ cognome: 'Moretti', nome: 'Matteo', dataNascita: '1925-04-09', sesso: 'M', codiceCatastale: 'F205' })).toBe(MORETTI_MATTEO);
    expect(buildCodiceFiscale({ cognome: 'Rossi', nome: 'Maria', dataNascita: '1980-01-01', sesso: 'F', codiceCatastale: 'h501' })).toBe(ROSSI_MARIA);
  });

  it('applies the name rules', () => {
    const first6 = (cognome: string, nome: string): string =>
      buildCodiceFiscale({ cognome, nome, dataNascita: '1990-12-31', sesso: 'F', codiceCatastale: 'L219' }).slice(0, 6);
    expect(first6('Bianchi', 'Gianfranco')).toBe('BNCGFR'); // ≥ 4 consonants: G N F R → 1st, 3rd, 4th
    expect(first6('Esposito', 'Niccolò')).toBe('SPSNCL'); // N C C L → N C L; the accent is dropped
    expect(first6("D'Amico", 'Anna Maria')).toBe('DMCNMR'); // apostrophe and space dropped; N N M R → N M R
    expect(first6('Fo', 'Ugo')).toBe('FOXGUO'); // consonants, then vowels, then X
    expect(first6('Li', 'Ai')).toBe('LIXAIX');
    expect(first6('De Luca', 'Lùcia')).toBe('DLCLCU');
  });

  it('encodes date, sex and Belfiore code, with a valid check character', () => {
    const cf = buildCodiceFiscale({ cognome: 'Verdi', nome: 'Giuseppa', dataNascita: '2003-12-31', sesso: 'F', codiceCatastale: 'Z404' });
    expect(cf.slice(6, 15)).toBe('03T71Z404');
    expect(isValidCodiceFiscale(cf)).toBe(true);
  });

  it('refuses an impossible date or a malformed Belfiore code', () => {
    const p = { cognome: 'Rossi', nome: 'Mario', sesso: 'M' as const };
    expect(() => buildCodiceFiscale({ ...p, dataNascita: '1980-02-30', codiceCatastale: 'H501' })).toThrow(RangeError);
    expect(() => buildCodiceFiscale({ ...p, dataNascita: '1980-01-01', codiceCatastale: 'H50' })).toThrow(RangeError);
  });
});
