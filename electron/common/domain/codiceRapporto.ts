// INPS codice rapporto: exactly 10 digits, a new one for every contract
// (even between the same employer and worker).
import { z } from 'zod';

export const CODICE_RAPPORTO_MESSAGE = 'Il codice rapporto deve avere esattamente 10 cifre.';

// ASCII digits only: \d would do too in JS, but spell it out (no Unicode digits, no signs).
const CODICE_RAPPORTO = /^[0-9]{10}$/;

/** A codice rapporto or its first digits (what the search filters take while the operator types). */
export function isCodiceRapportoPrefix(s: string): boolean {
  return /^[0-9]{0,10}$/.test(s.trim());
}

export function isValidCodiceRapporto(s: string): boolean {
  return CODICE_RAPPORTO.test(s.trim());
}

/** Trims surrounding blanks; keeps leading zeros (it is a code, not a number). */
export const codiceRapportoSchema = z.string({ error: CODICE_RAPPORTO_MESSAGE }).trim().regex(CODICE_RAPPORTO, { error: CODICE_RAPPORTO_MESSAGE });
