import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_REASONS, MANIFEST_FILE } from './names';

// The small description written last into a backup folder: its presence (with sizes that
// match) is what makes a backup "complete"; its sha256 lets a restore prove the bytes.

const manifestSchema = z.object({
  format: z.literal(1),
  application: z.literal('Cassetto Desk'),
  reason: z.enum(BACKUP_REASONS),
  createdAt: z.string(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nonnegative(),
  database: z.object({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  allegati: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** The manifest of a backup folder; null when missing or not one of ours (never throws). */
export async function readManifest(folder: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeManifest(folder: string, manifest: BackupManifest, name = MANIFEST_FILE): Promise<void> {
  const file = path.join(folder, name);
  await fs.writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
}
