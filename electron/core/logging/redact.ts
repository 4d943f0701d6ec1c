import os from 'node:os';
import type { LogFields } from './types';

// The safety net under "logs carry codes and counts, never personal data": whatever a caller
// passes by mistake, values that look like personal identifiers are replaced before a line
// is written. It cannot recognise a name or a note in free text, so fields whose *key* says
// they hold one are dropped whole.

export const REDACTED = '[redatto]';

const NOT_ALNUM_BEFORE = '(?<![A-Za-z0-9])';
const NOT_ALNUM_AFTER = '(?![A-Za-z0-9])';
// Digits of a codice fiscale, or the letters that replace them in omocodia cases.
const D = '[0-9LMNPQRSTUVlmnpqrstuv]';

const PATTERNS: RegExp[] = [
  // e-mail addresses (before the rest: a codice fiscale may be the local part)
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  // codice fiscale of a person: RSSMRA80A01H501U, any case, omocodia included
  new RegExp(`${NOT_ALNUM_BEFORE}[A-Za-z]{6}${D}{2}[A-Za-z]${D}{2}[A-Za-z]${D}{3}[A-Za-z]${NOT_ALNUM_AFTER}`, 'g'),
  // anything else of that shape: six letters and ten letters/digits with a digit among them
  new RegExp(`${NOT_ALNUM_BEFORE}[A-Za-z]{6}(?=[A-Za-z0-9]{0,9}[0-9])[A-Za-z0-9]{10}${NOT_ALNUM_AFTER}`, 'g'),
  // codice rapporto (10 digits) and numeric codice fiscale / partita IVA (11 digits)
  new RegExp(`${NOT_ALNUM_BEFORE}[0-9]{10,11}${NOT_ALNUM_AFTER}`, 'g'),
];

/** Field keys (lower case, without _ and -) whose values are personal by nature. */
const PERSONAL_KEYS = new Set([
  'codicefiscale',
  'cf',
  'datorecf',
  'nome',
  'cognome',
  'nominativo',
  'nota',
  'note',
  'testo',
  'oggetto',
  'email',
  'telefono',
  'indirizzo',
  'nomefile',
  'filename',
  'contenuto',
  'password',
  'token',
  'authorization',
]);

const HOME = os.homedir();

/** Replaces personal-looking values in a text; the user's home folder becomes `~` (it names the user). */
export function redact(text: string): string {
  let out = HOME.length > 1 ? text.split(HOME).join('~') : text;
  for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/** A copy of the fields with personal keys dropped to `[redatto]` and every value redacted. */
export function redactFields(fields: LogFields | undefined): LogFields {
  const out: LogFields = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined || typeof value === 'boolean') out[key] = value;
    else if (isPersonalKey(key)) out[key] = REDACTED;
    // A codice rapporto passed as a number is still a codice rapporto.
    else if (typeof value === 'number') out[key] = Number.isInteger(value) && /^\d{10,11}$/.test(String(value)) ? REDACTED : value;
    else out[key] = redact(value);
  }
  return out;
}
