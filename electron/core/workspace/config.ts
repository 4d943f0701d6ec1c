import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CONSERVAZIONE_MESI_DEFAULT, conservazioneMesiSchema } from '../../common/commands/conservazione';
import { ufficioSchema } from '../../common/domain/ufficio';
import type { Logger } from '../log';

// The office's choices, in the data folder: which service, backup rhythm, the office's own name and
// contact for the promemoria. No secrets here (credentials go through Electron safeStorage) and no
// client's data, so the file can be read in a support session.

export const CONFIG_FILE = 'impostazioni.json';

export const servizioSchema = z.discriminatedUnion('tipo', [
  z.strictObject({ tipo: z.literal('sandbox') }),
  z.strictObject({
    tipo: z.literal('remoto'),
    url: z.string().max(300),
    /** The office whose database was last open for this service (learned at login). */
    intermediarioId: z.string().max(64).nullable().default(null),
  }),
]);
export type ServizioConfig = z.infer<typeof servizioSchema>;

/**
 * Unknown top-level keys are kept, read and written back: a newer version's settings (as
 * `conservazione` was to the builds before it) must survive an office going back to this build,
 * not make the whole file «damaged». Known keys stay strictly checked.
 */
export const configSchema = z.looseObject({
  versione: z.literal(1),
  servizio: servizioSchema.nullable(),
  backup: z.strictObject({
    intervalloOre: z
      .number()
      .int()
      .min(1)
      .max(24 * 7),
    conserva: z.number().int().min(1).max(100),
  }),
  /** Absent in files written before the promemoria, or unreadable (edited by hand): read as not set, the rest kept. */
  ufficio: ufficioSchema.nullable().default(null).catch(null),
  /** Retention (#12): months after a delega ends before the client's local data may be purged. Absent or unreadable: the default. */
  conservazione: z.strictObject({ mesi: conservazioneMesiSchema }).default({ mesi: CONSERVAZIONE_MESI_DEFAULT }).catch({ mesi: CONSERVAZIONE_MESI_DEFAULT }),
});
export type WorkspaceConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: WorkspaceConfig = {
  versione: 1,
  servizio: null,
  backup: { intervalloOre: 24, conserva: 7 },
  ufficio: null,
  conservazione: { mesi: CONSERVAZIONE_MESI_DEFAULT },
};

/**
 * Reads the configuration; a missing file is a first run. A damaged one is set aside (never
 * deleted: someone may want to look at it) and the app starts as on a first run.
 */
export function readConfig(dataDir: string, logger: Logger): { config: WorkspaceConfig; primoAvvio: boolean } {
  const file = path.join(dataDir, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: DEFAULT_CONFIG, primoAvvio: true };
    throw error;
  }
  try {
    const parsed = configSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { config: parsed.data, primoAvvio: parsed.data.servizio === null };
  } catch {
    // not JSON: handled below
  }
  const aside = `${file}.danneggiato-${Date.now()}`;
  fs.renameSync(file, aside);
  logger.log('warn', 'configuration file unreadable, set aside', { file: path.basename(aside) });
  return { config: DEFAULT_CONFIG, primoAvvio: true };
}

/** Written to a temporary file and renamed: a crash leaves the old or the new file, never half. */
export function writeConfig(dataDir: string, config: WorkspaceConfig): void {
  const file = path.join(dataDir, CONFIG_FILE);
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(configSchema.parse(config), null, 2)}\n`, { flush: true });
  fs.renameSync(temp, file);
}
