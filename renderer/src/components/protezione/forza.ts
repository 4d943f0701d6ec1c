import { PASSPHRASE_MIN } from '@common/model';

/** The core's rule (shown before sending, enforced there). */
export { PASSPHRASE_MIN };

export type Forza = 'vuota' | 'corta' | 'debole' | 'discreta' | 'buona';

// Sequences an office might type thinking they are clever; a hint, not a dictionary.
const BANALI = ['1234567890', '0123456789', 'qwertyuiop', 'password', 'passphrase', 'cassetto', 'patronato', 'abcdefghij'];

/**
 * A hint while the office types its passphrase, nothing more: long sentences of several words score
 * well, short or repetitive strings badly. The only rule enforced is the core's minimum length.
 */
/** The hint's message key and its count argument, or null for an empty field. */
export function suggerimentoPassphrase(passphrase: string): { chiave: string; mancanti: number } | null {
  const forza = forzaPassphrase(passphrase);
  return forza === 'vuota' ? null : { chiave: `protezione.forza.${forza}`, mancanti: PASSPHRASE_MIN - passphrase.length };
}

export function forzaPassphrase(passphrase: string): Forza {
  if (passphrase.length === 0) return 'vuota';
  if (passphrase.length < PASSPHRASE_MIN) return 'corta';
  const minuscola = passphrase.toLowerCase();
  const distinti = new Set(minuscola).size;
  if (distinti < 6 || BANALI.some((b) => minuscola.replace(/\s+/g, '').includes(b))) return 'debole';
  const parole = passphrase
    .trim()
    .split(/\s+/)
    .filter((p) => p.length >= 2).length;
  const classi = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(passphrase)).length;
  let punti = 0;
  if (passphrase.length >= 16) punti += 1;
  if (passphrase.length >= 24) punti += 1;
  if (parole >= 4) punti += 1;
  if (classi >= 2) punti += 1;
  return punti >= 3 ? 'buona' : punti >= 1 ? 'discreta' : 'debole';
}
