import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../common/errors';
import { systemClock, type Clock } from '../clock';
import { redact } from './redact';

export interface ExportDiagnosticsOptions {
  /** The logs folder: only its `*.log` files are taken (never a database or an attachment). */
  logsDir: string;
  /** The zip to write (chosen by the operator); replaced whole, never left half-written. */
  outFile: string;
  /** App, Electron, Chromium, Node, schema … as the caller knows them. */
  versions: Record<string, string>;
  clock?: Clock;
}

export interface DiagnosticsExport {
  file: string;
  /** Names inside the zip, e.g. versions.json, log/cassetto.log. */
  entries: string[];
  bytes: number;
}

const LOG_FILE_RE = /\.log$/;

/**
 * *Esporta diagnostica*: a zip the office can send to support, with the log files and the
 * versions. The logs pass through the redaction net again (files from an older version, or
 * written before a pattern was added, are cleaned on the way out).
 */
export async function exportDiagnostics(options: ExportDiagnosticsOptions): Promise<DiagnosticsExport> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const files: Zippable = {};
  for (const name of await logFiles(options.logsDir)) {
    const text = await fs.readFile(path.join(options.logsDir, name), 'utf8');
    files[`log/${name}`] = [strToU8(redactLines(text)), { mtime: now }];
  }
  const versions = {
    createdAt: now.toISOString(),
    versions: Object.fromEntries(Object.entries(options.versions).map(([k, v]) => [k, redact(v)])),
    platform: process.platform,
    arch: process.arch,
    logFiles: Object.keys(files).length,
  };
  files['versions.json'] = [strToU8(`${JSON.stringify(versions, null, 2)}\n`), { mtime: now }];
  const zip = zipSync(files, { level: 6 });
  const temp = `${options.outFile}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, zip, { flush: true });
    await fs.rename(temp, options.outFile);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const message =
      code === 'ENOSPC'
        ? 'Non è stato possibile salvare la diagnostica: il disco è pieno.'
        : 'Non è stato possibile salvare la diagnostica nella cartella scelta. Scegli un’altra cartella.';
    throw new AppError('DIAGNOSTICA_NON_RIUSCITA', message, [{ path: '', message: code }]);
  }
  return { file: options.outFile, entries: Object.keys(files).sort(), bytes: zip.byteLength };
}

async function logFiles(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && LOG_FILE_RE.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return []; // no logs yet: the versions alone still help
  }
}

function redactLines(text: string): string {
  return text
    .split('\n')
    .map((line) => redact(line))
    .join('\n');
}
