import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDataset } from '../../electron/common/demo/index';
import { romeDate } from '../../electron/common/domain/calendario';
import { personalDataInFiles, personalDataInLogs } from './support/privacy';

// The scan every end-to-end host goes through when it stops: it must find what it looks for.
let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the log privacy scan', () => {
  it('finds a demo client’s codice fiscale or name in a log file or on stderr, and nothing in clean logs', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-privacy-'));
    const datore = generateDataset({ seed: 1, size: 'small', today: romeDate(new Date()) }).datori[3]!;
    fs.mkdirSync(path.join(dir, 'log'));
    fs.writeFileSync(path.join(dir, 'log', 'cassetto.log'), '{"level":"info","message":"sync done","changes":825}\n');
    expect(personalDataInLogs(dir, '{"level":"info","message":"operator logged in"}')).toEqual([]);
    fs.appendFileSync(path.join(dir, 'log', 'cassetto.1.log'), `{"level":"error","message":"failed for ${datore.codiceFiscale}"}\n`);
    expect(personalDataInLogs(dir, '')).toEqual([datore.codiceFiscale]);
    expect(personalDataInLogs(fs.mkdtempSync(path.join(dir, 'x')), `lookup ${datore.cognome} ${datore.nome}`)).toEqual([`${datore.cognome} ${datore.nome}`]);
  });

  it('finds a codice fiscale, a name or an e-mail in clear in any file of the data folder, and not in the sandbox’s own store', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-privacy-'));
    const datore = generateDataset({ seed: 1, size: 'small', today: romeDate(new Date()) }).datori[5]!;
    fs.writeFileSync(path.join(dir, 'sandbox-demo.sqlite'), `INPS's side: ${datore.codiceFiscale}`);
    fs.mkdirSync(path.join(dir, 'allegati', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'allegati', 'ab', 'abcdef'), Buffer.concat([Buffer.from('CDAL\x01'), Buffer.alloc(4096, 0x7f)]));
    expect(personalDataInFiles(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'allegati', 'ab', 'plain'), `%PDF-1.4 ${datore.cognome} ${datore.nome}`);
    fs.mkdirSync(path.join(dir, 'backup', 'b1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'backup', 'b1', 'cassetto.sqlite'), Buffer.concat([Buffer.alloc(100), Buffer.from(`x${datore.codiceFiscale}x`)]));
    fs.writeFileSync(path.join(dir, 'impostazioni.json'), JSON.stringify({ email: datore.email ?? 'RSSMRA80A01H501U' }));
    expect(personalDataInFiles(dir).sort()).toEqual(
      [path.join('allegati', 'ab', 'plain'), path.join('backup', 'b1', 'cassetto.sqlite'), 'impostazioni.json'].sort(),
    );
  });
});
