import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../workspace/startup';
import { tightenDataDir } from './private';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder is the operator’s alone (POSIX)', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-privato-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tightens what an earlier version left readable (0755/0644) and leaves symlinks alone', () => {
    const dati = path.join(dir, 'dati');
    fs.mkdirSync(path.join(dati, 'allegati', 'ab'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dati, 'cassetto.sqlite'), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(dati, 'allegati', 'ab', 'abcd'), 'y', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'fuori.txt'), 'z', { mode: 0o644 });
    fs.symlinkSync(path.join(dir, 'fuori.txt'), path.join(dati, 'collegamento'));
    expect(tightenDataDir(dati)).toBe(5);
    expect([dati, path.join(dati, 'allegati'), path.join(dati, 'allegati', 'ab')].map(mode)).toEqual([0o700, 0o700, 0o700]);
    expect([path.join(dati, 'cassetto.sqlite'), path.join(dati, 'allegati', 'ab', 'abcd')].map(mode)).toEqual([0o600, 0o600]);
    expect(mode(path.join(dir, 'fuori.txt'))).toBe(0o644);
    expect(tightenDataDir(dati)).toBe(0);
  });

  it('at start, the folder and everything created in it afterwards are 0700/0600', async () => {
    const dati = path.join(dir, 'nuova');
    const logs = openDataDir(dati);
    logs.logger.log('info', 'started');
    await logs.flush();
    fs.mkdirSync(path.join(dati, 'backup'));
    fs.writeFileSync(path.join(dati, 'backup', 'copia.sqlite'), 'x');
    await logs.close();
    const all: string[] = [];
    const walk = (d: string) => {
      all.push(d);
      for (const n of fs.readdirSync(d)) {
        const p = path.join(d, n);
        if (fs.statSync(p).isDirectory()) walk(p);
        else all.push(p);
      }
    };
    walk(dati);
    expect(all.length).toBeGreaterThan(3);
    for (const p of all) expect([p, mode(p)]).toEqual([p, fs.statSync(p).isDirectory() ? 0o700 : 0o600]);
  });
});
