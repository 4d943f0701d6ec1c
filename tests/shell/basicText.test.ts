import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedDemo } from '../../sandbox/embedded';
import { firstStart, OPERATORE, pageCall, remoteService } from './support/office';
import { launchShell, type Shell } from './support/shell';

// Linux with no keyring running: safeStorage answers with its `basic_text` backend, which encrypts
// with a password written in Chromium's source. The shipped shell must not use it, and must say so.

let shell: Shell;
let remote: EmbeddedDemo;

beforeAll(async () => {
  remote = await remoteService();
  shell = await launchShell({ safeStorage: 'basic_text', isPackaged: true });
}, 240_000);
afterAll(async () => {
  await shell?.quit();
  await remote?.close();
});

const filesOf = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('safeStorage with the basic_text backend', () => {
  it('tells the page why there is no keyring before anything is set up', async () => {
    const stato = await pageCall(shell)('configurazione.stato');
    expect(stato).toMatchObject({ ok: true, value: { primoAvvio: true, protezione: { metodo: 'passphrase', portachiavi: 'basic_text' } } });
  });

  it('wraps the database key with the office passphrase and never writes the credentials, in clear or through safeStorage', async () => {
    const stato = await firstStart(shell, remote.url);
    expect(stato).toMatchObject({ operatore: OPERATORE.username, protezione: { stato: 'sbloccata', metodo: 'passphrase', portachiavi: 'basic_text' } });
    const chiave = JSON.parse(fs.readFileSync(path.join(shell.userData, 'chiave.json'), 'utf8'));
    expect(chiave.protezione.metodo).toBe('passphrase');
    expect(filesOf(shell.userData).filter((f) => /credenziali/.test(f))).toEqual([]);
    expect(shell.fake.calls.filter((c) => c.api.startsWith('safeStorage.encrypt'))).toEqual([]);
    for (const file of filesOf(shell.userData)) {
      const abs = path.join(shell.userData, file);
      if (fs.statSync(abs).isFile()) expect(fs.readFileSync(abs).includes(OPERATORE.password), file).toBe(false);
    }
  });
});
