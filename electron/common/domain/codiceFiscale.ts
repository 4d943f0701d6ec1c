// Codice fiscale of a natural person (DM 23/12/1976): 16 characters,
// 6 letters (cognome, nome) · 2 digits (year) · 1 letter (month) · 2 digits (day, +40 for women)
// · 1 letter + 3 digits (codice catastale / Belfiore) · 1 check letter.
// Omocodia: when two people would share a code, the Agenzia delle Entrate replaces digits
// (right to left) with letters L…V, so every "digit" position may also hold one of those letters.
import { z } from 'zod';
import type { IsoDate } from '../model';
import { isIsoDate } from './calendario';

export type CodiceFiscaleProblem = 'vuoto' | 'lunghezza' | 'formato' | 'carattere_controllo' | 'data';

export const CODICE_FISCALE_MESSAGES: Record<CodiceFiscaleProblem, string> = {
  vuoto: 'Inserisci il codice fiscale.',
  lunghezza: 'Il codice fiscale deve avere 16 caratteri.',
  formato: 'Il codice fiscale non ha il formato corretto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre e 1 lettera finale.',
  carattere_controllo: "Il codice fiscale non è corretto: l'ultimo carattere (di controllo) non corrisponde. Verifica di averlo trascritto bene.",
  data: 'Il codice fiscale non è corretto: il mese o il giorno di nascita non sono validi.',
};

/** Letters that stand for digits 0–9 in omocode codes. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 0-based positions that hold digits (or their omocodia letters). */
const DIGIT_POSITIONS: readonly number[] = [6, 7, 9, 10, 12, 13, 14];
const MONTH_LETTERS = 'ABCDEHLMPRST';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Values for characters in odd (1st, 3rd, …) positions, indexed by digit or letter ordinal.
const ODD_VALUES: readonly number[] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

// Letters, digits and omocodia letters, position by position.
const FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Ordinal of a character: '0'–'9' → 0–9, 'A'–'Z' → 0–25. */
function ordinal(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 65;
  throw new RangeError(`Carattere non ammesso nel codice fiscale: «${ch}»`);
}

/** Check character of the first 15 characters (official odd/even tables). */
export function codiceFiscaleCheckChar(first15: string): string {
  const s = first15.toUpperCase();
  if (s.length !== 15) throw new RangeError('Servono i primi 15 caratteri del codice fiscale.');
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const n = ordinal(s.charAt(i));
    // Position i is 0-based: i even = odd position in the official (1-based) numbering.
    sum += i % 2 === 0 ? (ODD_VALUES[n] ?? 0) : n;
  }
  return ALPHABET.charAt(sum % 26);
}

/** The base (non-omocode) form, with its check character recomputed. */
export function decodeOmocodia(cf: string): string {
  const normalized = normalizeCodiceFiscale(cf);
  // Not a code at all: give it back normalized rather than throw.
  if (!/^[A-Z0-9]{16}$/.test(normalized)) return normalized;
  const chars = normalized.split('');
  for (const pos of DIGIT_POSITIONS) {
    const idx = OMOCODIA_LETTERS.indexOf(chars[pos] ?? '-');
    if (idx >= 0) chars[pos] = String(idx);
  }
  const first15 = chars.slice(0, 15).join('');
  return first15 + codiceFiscaleCheckChar(first15);
}

export function codiceFiscaleProblem(input: string): CodiceFiscaleProblem | null {
  const cf = normalizeCodiceFiscale(input);
  if (cf === '') return 'vuoto';
  if (cf.length !== 16) return 'lunghezza';
  if (!FORMAT.test(cf)) return 'formato';
  const base = decodeOmocodia(cf);
  if (!MONTH_LETTERS.includes(base.charAt(8))) return 'data';
  const day = Number(base.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return 'data';
  // The check character covers the code as written (omocode letters included).
  if (codiceFiscaleCheckChar(cf.slice(0, 15)) !== cf.charAt(15)) return 'carattere_controllo';
  return null;
}

export function isValidCodiceFiscale(input: string): boolean {
  return codiceFiscaleProblem(input) === null;
}

/** Accepts any spacing/case; outputs the normalized code; fails with the Italian message. */
export const codiceFiscaleSchema = z
  .string({ error: CODICE_FISCALE_MESSAGES.vuoto })
  .overwrite(normalizeCodiceFiscale)
  .superRefine((cf, ctx) => {
    const problem = codiceFiscaleProblem(cf);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: CODICE_FISCALE_MESSAGES[problem] });
  });

/** Uppercase A–Z only: accents folded (È → E), apostrophes, spaces and anything else dropped. */
function lettersOnly(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function splitLetters(name: string): { consonants: string; vowels: string } {
  const letters = lettersOnly(name);
  return { consonants: letters.replace(/[AEIOU]/g, ''), vowels: letters.replace(/[^AEIOU]/g, '') };
}

function codeCognome(cognome: string): string {
  const { consonants, vowels } = splitLetters(cognome);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

function codeNome(nome: string): string {
  const { consonants, vowels } = splitLetters(nome);
  // With 4 or more consonants the nome takes the 1st, 3rd and 4th.
  if (consonants.length >= 4) return consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
  return (consonants + vowels + 'XXX').slice(0, 3);
}

export function buildCodiceFiscale(p: { cognome: string; nome: string; dataNascita: IsoDate; sesso: 'M' | 'F'; codiceCatastale: string }): string {
  if (!isIsoDate(p.dataNascita)) throw new RangeError(`Data di nascita non valida: «${p.dataNascita}».`);
  const catastale = p.codiceCatastale.trim().toUpperCase();
  if (!/^[A-Z][0-9]{3}$/.test(catastale)) {
    throw new RangeError(`Codice catastale non valido: «${p.codiceCatastale}» (una lettera e tre cifre, es. H501).`);
  }
  const year = p.dataNascita.slice(2, 4);
  const month = MONTH_LETTERS.charAt(Number(p.dataNascita.slice(5, 7)) - 1);
  const day = Number(p.dataNascita.slice(8, 10)) + (p.sesso === 'F' ? 40 : 0);
  const first15 = codeCognome(p.cognome) + codeNome(p.nome) + year + month + String(day).padStart(2, '0') + catastale;
  return first15 + codiceFiscaleCheckChar(first15);
}
