import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CHIAVE_BYTES } from '../../../db/cifratura';
import { avvoltaConPassphraseSchema } from './passphrase';

// Where the database key lives, always wrapped: `chiave.json` in the data folder (one key per
// installation, for every office's database). The embedded demo — invented data only — keeps its
// own key unwrapped in `chiave-demo.json`, so `npm start` needs no passphrase and still runs the
// encrypted code path; that key never opens an office's database.

export const CHIAVE_FILE = 'chiave.json';
export const CHIAVE_DEMO_FILE = 'chiave-demo.json';

const avvoltaConCustodeSchema = z.strictObject({ metodo: z.literal('safeStorage'), custode: z.string().max(100), chiave: z.string().min(8) });

export const fileChiaveSchema = z.strictObject({
  versione: z.literal(1),
  creataIl: z.string(),
  protezione: z.discriminatedUnion('metodo', [avvoltaConPassphraseSchema, avvoltaConCustodeSchema]),
});
export type FileChiave = z.infer<typeof fileChiaveSchema>;

const fileChiaveDemoSchema = z.strictObject({ versione: z.literal(1), metodo: z.literal('demo'), chiave: z.string().regex(/^[0-9a-f]{64}$/) });

export type LetturaChiave = { kind: 'assente' } | { kind: 'danneggiata'; motivo: string } | { kind: 'ok'; file: FileChiave };

export function leggiFileChiave(dataDir: string): LetturaChiave {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, CHIAVE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'assente' };
    return { kind: 'danneggiata', motivo: (error as Error).message };
  }
  try {
    const parsed = fileChiaveSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ok', file: parsed.data } : { kind: 'danneggiata', motivo: parsed.error.issues[0]?.message ?? 'schema' };
  } catch (error) {
    return { kind: 'danneggiata', motivo: (error as Error).message };
  }
}

/** Temporary file, flushed, renamed: a crash leaves the old wrapping or the new one, never half (and never no key). */
export function scriviFileChiave(dataDir: string, file: FileChiave): void {
  scriviAtomico(path.join(dataDir, CHIAVE_FILE), `${JSON.stringify(fileChiaveSchema.parse(file), null, 2)}\n`);
}

/** The demo's key: made at its first start, kept beside its database. */
export function chiaveDemo(dataDir: string): Buffer {
  const file = path.join(dataDir, CHIAVE_DEMO_FILE);
  try {
    const parsed = fileChiaveDemoSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return Buffer.from(parsed.data.chiave, 'hex');
  } catch {
    // missing or unreadable: a new one below (the demo's data are invented and re-seeded)
  }
  const chiave = crypto.randomBytes(CHIAVE_BYTES);
  scriviAtomico(file, `${JSON.stringify({ versione: 1, metodo: 'demo', chiave: chiave.toString('hex') }, null, 2)}\n`);
  return chiave;
}

function scriviAtomico(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, text, { flush: true, mode: 0o600 });
  fs.renameSync(temp, file);
}
