import crypto from 'node:crypto';

// The on-disk format of an attachment (version 1), all integers single bytes:
//
//   offset 0   4 bytes   magic "CDAL" (0x43 0x44 0x41 0x4C)
//   offset 4   1 byte    format version, 0x01
//   offset 5  12 bytes   random IV (a new one for every file written)
//   offset 17  n bytes   AES-256-GCM ciphertext of the n plaintext bytes
//   offset 17+n 16 bytes GCM authentication tag
//
// The additional authenticated data is magic + version + the 32 raw bytes of the file's name
// (the plaintext SHA-256): a valid file copied or renamed under another attachment's name fails
// its tag, and so does a file whose header was edited. No allowed attachment type (PDF, JPEG,
// PNG, TIFF) begins with the magic, so a plain file written by an earlier version is told apart.

export const MAGIA = Buffer.from('CDAL', 'latin1');
export const VERSIONE = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** Magic + version + IV. */
export const INTESTAZIONE_BYTES = MAGIA.length + 1 + IV_BYTES;
/** Bytes a file has beyond its plaintext. */
export const SOVRACCARICO_BYTES = INTESTAZIONE_BYTES + TAG_BYTES;

const ALGORITMO = 'aes-256-gcm';

function aad(versione: number, sha256: string): Buffer {
  return Buffer.concat([MAGIA, Buffer.of(versione), Buffer.from(sha256, 'hex')]);
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** The file's three pieces, written one after the other (no concatenated copy of the ciphertext). */
export interface Cifrato {
  intestazione: Buffer;
  corpo: Buffer;
  tag: Buffer;
}

export function cifra(chiave: Buffer, sha256: string, chiaro: Uint8Array): Cifrato {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(ALGORITMO, chiave, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(VERSIONE, sha256));
  const corpo = cipher.update(chiaro);
  const coda = cipher.final(); // empty for GCM (a stream mode), kept for correctness
  return {
    intestazione: Buffer.concat([MAGIA, Buffer.of(VERSIONE), iv]),
    corpo: coda.length > 0 ? Buffer.concat([corpo, coda]) : corpo,
    tag: cipher.getAuthTag(),
  };
}

export type Decifrato =
  | { esito: 'cifrato'; chiaro: Buffer }
  /** Written by a version before encryption, and still matching its name. */
  | { esito: 'in_chiaro'; chiaro: Buffer }
  /** English, for the log only. */
  | { esito: 'alterato'; motivo: string }
  | { esito: 'versione_sconosciuta'; versione: number };

export function haMagia(file: Uint8Array): boolean {
  return file.length >= MAGIA.length + 1 && MAGIA.equals(file.subarray(0, MAGIA.length));
}

/** Checks and opens a stored file named `sha256`: its tag (key, name, header, every byte) and then its plaintext hash. */
export function decifra(chiave: Buffer, sha256: string, file: Buffer): Decifrato {
  if (!haMagia(file))
    return sha256Hex(file) === sha256 ? { esito: 'in_chiaro', chiaro: file } : { esito: 'alterato', motivo: 'plain file does not match its name' };
  const versione = file[MAGIA.length]!;
  if (versione !== VERSIONE) return { esito: 'versione_sconosciuta', versione };
  if (file.length < SOVRACCARICO_BYTES) return { esito: 'alterato', motivo: 'truncated' };
  const decipher = crypto.createDecipheriv(ALGORITMO, chiave, file.subarray(MAGIA.length + 1, INTESTAZIONE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(versione, sha256));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  const chiaro = decipher.update(file.subarray(INTESTAZIONE_BYTES, file.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    // A flipped bit, a truncation, another name, another key: GCM cannot tell them apart.
    return { esito: 'alterato', motivo: 'authentication failed (damaged, truncated, renamed or another key)' };
  }
  // The tag already binds the name; this catches a file written with the right key but the wrong content.
  if (sha256Hex(chiaro) !== sha256) return { esito: 'alterato', motivo: 'decrypted content does not match its name' };
  return { esito: 'cifrato', chiaro };
}
