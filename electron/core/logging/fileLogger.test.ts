import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCodiceFiscale } from '../../common/domain/codiceFiscale';
import { fixedClock } from '../clock';
import { createStderrLogger, type Logger, type LogFields, type LogLevel } from '../log';
import { createFileLogger } from './fileLogger';
import { REDACTED } from './redact';
import { teeLogger } from './tee';

const CF = buildCodiceFiscale({ cognome: 'Bianchi', nome: 'Lucia', dataNascita: '1939-11-02', sesso: 'F', codiceCatastale: 'F205' });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-log-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function lines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('createFileLogger', () => {
  it('writes JSON lines at or above its level, in the logs folder it creates', async () => {
    const logsDir = path.join(dir, 'log');
    const logger = createFileLogger({ dir: logsDir, level: 'info', clock: fixedClock('2026-03-10T09:00:00Z') });
    logger.log('debug', 'not written');
    logger.log('info', 'sync finished', { changes: 120, ms: 340 });
    logger.log('error', 'push failed', { code: 'ERRORE_RETE' });
    await logger.close();
    expect(logger.file).toBe(path.join(logsDir, 'cassetto.log'));
    expect(lines(logger.file)).toEqual([
      { t: '2026-03-10T09:00:00.000Z', level: 'info', message: 'sync finished', changes: 120, ms: 340 },
      { t: '2026-03-10T09:00:00.000Z', level: 'error', message: 'push failed', code: 'ERRORE_RETE' },
    ]);
  });

  it('never writes a codice fiscale, a codice rapporto, an e-mail, a name or a note', async () => {
    const logger = createFileLogger({ dir, level: 'debug' });
    logger.log('warn', `draft refused for ${CF} on rapporto 0123456789`, {
      email: 'lucia@example.it',
      cognome: 'Bianchi',
      nota: 'portare la delega',
      detail: `contact lucia.bianchi@example.it`,
    });
    logger.log('info', 'query', { sql: `WHERE datore_cf = '${CF.toLowerCase()}'`, rapporto: 9876543210 });
    await logger.flush();
    const text = fs.readFileSync(logger.file, 'utf8');
    for (const personal of [CF, CF.toLowerCase(), '0123456789', '9876543210', 'lucia', 'Bianchi', 'portare la delega']) {
      expect(text).not.toContain(personal);
    }
    expect(text.split(REDACTED).length - 1).toBe(8);
    await logger.close();
  });

  it('rotates by size and keeps maxFiles rotated files', async () => {
    const logger = createFileLogger({ dir, maxSize: 2000, maxFiles: 2 });
    for (let i = 0; i < 60; i += 1) {
      logger.log('info', 'page applied', { page: i, filler: 'x'.repeat(100) });
      await logger.flush(); // one write at a time, so each size check sees the previous line
    }
    await logger.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['cassetto.1.log', 'cassetto.2.log', 'cassetto.log']);
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).size).toBeLessThan(2000 + 200);
    // Newest lines in the current file, the previous ones in .1.
    const current = lines(path.join(dir, 'cassetto.log'));
    const previous = lines(path.join(dir, 'cassetto.1.log'));
    expect(current.at(-1)?.page).toBe(59);
    expect(previous.at(-1)?.page).toBe((current[0]?.page as number) - 1);
  });

  it('appends to the file of a previous session', async () => {
    const first = createFileLogger({ dir });
    first.log('info', 'app started');
    await first.close();
    const second = createFileLogger({ dir });
    second.log('info', 'app started');
    await second.close();
    expect(lines(second.file)).toHaveLength(2);
  });

  it('drops lines after close, and close twice is harmless', async () => {
    const logger = createFileLogger({ dir });
    logger.log('info', 'one');
    await logger.close();
    logger.log('info', 'two');
    await logger.close();
    expect(lines(logger.file).map((l) => l.message)).toEqual(['one']);
  });

  it('falls back to stderr when the folder cannot be used, without throwing', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const logger = createFileLogger({ dir: path.join(blocker, 'log') });
    logger.log('info', 'first');
    await logger.flush();
    const said = (): boolean => stderr.mock.calls.some((c) => String(c[0]).includes('log file unavailable'));
    for (let i = 0; i < 200 && !said(); i += 1) await new Promise((r) => setTimeout(r, 10));
    logger.log('info', `second ${CF}`);
    await logger.close();
    const written = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(written).toContain('log file unavailable, logging to stderr');
    expect(written).toContain('"message":"second [redatto]"');
  });

  it('rejects a size it cannot understand', () => {
    expect(() => createFileLogger({ dir, maxSize: '5 MB' })).toThrow(/5M/);
  });
});

describe('teeLogger', () => {
  it('sends each line to every logger, even when one throws', () => {
    const seen: [string, LogLevel, string, LogFields | undefined][] = [];
    const recorder = (name: string): Logger => ({ log: (level, message, fields) => seen.push([name, level, message, fields]) });
    const broken: Logger = {
      log() {
        throw new Error('disk gone');
      },
    };
    const tee = teeLogger(recorder('a'), broken, recorder('b'));
    tee.log('warn', 'slow page', { ms: 900 });
    expect(seen).toEqual([
      ['a', 'warn', 'slow page', { ms: 900 }],
      ['b', 'warn', 'slow page', { ms: 900 }],
    ]);
  });
});

describe('createStderrLogger', () => {
  it('uses the same redaction net', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    createStderrLogger('info').log('info', `opened ${CF}`, { codiceFiscale: CF });
    createStderrLogger('info').log('debug', 'hidden');
    expect(stderr).toHaveBeenCalledTimes(1);
    const entry = JSON.parse(String(stderr.mock.calls[0]?.[0]));
    expect(entry).toMatchObject({ level: 'info', message: `opened ${REDACTED}`, codiceFiscale: REDACTED });
  });
});
