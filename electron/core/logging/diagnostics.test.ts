import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { fixedClock } from '../clock';
import { exportDiagnostics } from './diagnostics';
import { createFileLogger } from './fileLogger';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-diag-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const VERSIONS = { app: '0.1.0', electron: '45.5.0', node: process.versions.node, schema: '2' };

function unzip(file: string): Record<string, string> {
  const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('exportDiagnostics', () => {
  it('zips the log files and versions.json, never the database or the attachments', async () => {
    // A data folder as the app lays it out, logs inside it.
    const dataDir = path.join(dir, 'dati');
    const logsDir = path.join(dataDir, 'log');
    const logger = createFileLogger({ dir: logsDir, maxSize: 400, maxFiles: 3 });
    for (let i = 0; i < 40; i += 1) {
      logger.log('info', 'sync page', { page: i, changes: 500 });
      await logger.flush();
    }
    await logger.close();
    fs.writeFileSync(path.join(dataDir, 'cassetto.sqlite'), 'SQLite format 3\u0000 the database');
    fs.mkdirSync(path.join(dataDir, 'allegati', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'allegati', 'ab', 'ab'.padEnd(64, '0')), '%PDF-1.4 a delega');
    // Even a stray copy inside the logs folder is not taken.
    fs.writeFileSync(path.join(logsDir, 'cassetto.sqlite'), 'SQLite format 3\u0000 a copy');
    fs.mkdirSync(path.join(logsDir, 'allegati'));

    const outFile = path.join(dir, 'diagnostica.zip');
    const result = await exportDiagnostics({ logsDir, outFile, versions: VERSIONS, clock: fixedClock('2026-03-10T09:00:00Z') });
    const content = unzip(outFile);
    expect(Object.keys(content).sort()).toEqual(['log/cassetto.1.log', 'log/cassetto.2.log', 'log/cassetto.3.log', 'log/cassetto.log', 'versions.json']);
    expect(result).toMatchObject({ file: outFile, entries: Object.keys(content).sort(), bytes: fs.statSync(outFile).size });
    expect(Object.values(content).join('\n')).not.toMatch(/SQLite format|PDF/);
    expect(content['log/cassetto.log']).toBe(fs.readFileSync(path.join(logsDir, 'cassetto.log'), 'utf8'));
    expect(JSON.parse(content['versions.json'] as string)).toEqual({
      createdAt: '2026-03-10T09:00:00.000Z',
      versions: VERSIONS,
      platform: process.platform,
      arch: process.arch,
      logFiles: 4,
    });
    expect(fs.readdirSync(dir).sort()).toEqual(['dati', 'diagnostica.zip']); // no temp file left
  });

  it('cleans personal values from log files written before the redaction net existed', async () => {
    fs.writeFileSync(path.join(dir, 'old.log'), '{"message":"opened RSSMRA48E12H501X, rapporto 0123456789, mario@example.it"}\n');
    const outFile = path.join(dir, 'out.zip');
    await exportDiagnostics({ logsDir: dir, outFile, versions: VERSIONS });
    expect(unzip(outFile)['log/old.log']).toBe('{"message":"opened [redatto], rapporto [redatto], [redatto]"}\n');
  });

  it('with no logs folder yet, still writes the versions', async () => {
    const outFile = path.join(dir, 'out.zip');
    const result = await exportDiagnostics({ logsDir: path.join(dir, 'nessuno'), outFile, versions: VERSIONS });
    expect(result.entries).toEqual(['versions.json']);
  });

  it('refuses, in Italian, a destination it cannot write, leaving nothing behind', async () => {
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    const error = await exportDiagnostics({ logsDir: dir, outFile: path.join(blocker, 'out.zip'), versions: VERSIONS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DIAGNOSTICA_NON_RIUSCITA');
    expect((error as AppError).message).toMatch(/Scegli un’altra cartella/);
  });
});
