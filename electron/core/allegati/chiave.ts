import crypto from 'node:crypto';

// The attachments' key is derived from the database key rather than stored: one secret to wrap
// and back up, and a separate key per use (the database's cipher never sees this one).

/** HKDF `info`: changing it changes every attachment's key, so it is versioned with the format. */
export const INFO_CHIAVE_ALLEGATI = 'cassetto-desk allegati v1';

export const CHIAVE_ALLEGATI_BYTES = 32;

/** HKDF-SHA256 of the 32-byte database key (already uniformly random: no salt needed, RFC 5869 §3.1). */
export function chiaveAllegati(chiaveDatabase: Buffer): Buffer {
  if (chiaveDatabase.length !== 32) throw new TypeError('database key must be 32 bytes');
  return Buffer.from(crypto.hkdfSync('sha256', chiaveDatabase, Buffer.alloc(0), INFO_CHIAVE_ALLEGATI, CHIAVE_ALLEGATI_BYTES));
}

/**
 * A random key for a core opened without a database key (in-memory cores, tests, the bench's
 * plain baseline): its attachments are readable only while that core is open. The workspace and
 * the CLI always pass the installation's key.
 */
export function chiaveEffimera(): Buffer {
  return crypto.randomBytes(CHIAVE_ALLEGATI_BYTES);
}
