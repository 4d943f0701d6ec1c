// The bench measures the app as shipped: its databases are encrypted (SQLCipher scheme, as
// db/cifratura.ts sets it). The key is fixed and public on purpose: it protects only the
// invented data the sandbox generates for the bench, never an office's. Child processes get it
// through an environment variable (never argv, which `ps` shows) and nothing prints it.
import crypto from 'node:crypto';
import { CHIAVE_BYTES } from '../db/cifratura';

/** The bench's database key: 32 bytes derived from a fixed label (invented data only). */
export const CHIAVE_BENCH: Buffer = crypto.createHash('sha256').update('cassetto-desk bench: dati inventati').digest();
if (CHIAVE_BENCH.length !== CHIAVE_BYTES) throw new Error('bench key length');

/** The environment variable a bench child reads its database key from (hex). */
export const CHIAVE_ENV = 'CASSETTO_BENCH_CHIAVE';

/** The environment a child needs to open the bench's encrypted databases. */
export function chiaveEnv(): NodeJS.ProcessEnv {
  return { [CHIAVE_ENV]: CHIAVE_BENCH.toString('hex') };
}

/** In a child: the key its parent passed, or a clear error (a child never guesses plain). */
export function chiaveDalParent(): Buffer {
  const hex = process.env[CHIAVE_ENV] ?? '';
  const chiave = Buffer.from(hex, 'hex');
  if (chiave.length !== CHIAVE_BYTES) throw new Error(`${CHIAVE_ENV} must hold the ${CHIAVE_BYTES}-byte database key in hex`);
  return chiave;
}
