import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileEsportato } from '../../common/commands/types';
import { APP_VERSION } from '../app';
import type { Clock } from '../clock';
import * as logging from '../logging/index';

/**
 * *Esporta diagnostica* as a file for the page to save: logging's diagnostics zip (the logs and
 * the versions, never the data), made in a temporary file and handed over in memory.
 */
export async function exportDiagnostics(options: { dataDir: string; clock: Clock; schemaVersione: number; servizio: string }): Promise<FileEsportato> {
  const out = path.join(os.tmpdir(), `cassetto-diagnostica-${process.pid}-${Date.now()}.zip`);
  const versions: Record<string, string> = {
    app: APP_VERSION,
    schema: String(options.schemaVersione),
    node: process.versions.node,
    electron: process.versions.electron ?? 'non in uso (host nel browser)',
    sistema: `${process.platform} ${os.release()} ${process.arch}`,
    servizio: options.servizio,
  };
  try {
    await logging.exportDiagnostics({ logsDir: path.join(options.dataDir, logging.LOGS_DIR_NAME), outFile: out, versions, clock: options.clock });
    const bytes = await fs.promises.readFile(out);
    const giorno = options.clock.now().toISOString().slice(0, 10);
    return { nomeFile: `cassetto-diagnostica-${giorno}.zip`, mime: 'application/zip', contenuto: bytes.toString('base64'), codifica: 'base64', righe: 0 };
  } finally {
    await fs.promises.rm(out, { force: true });
  }
}
