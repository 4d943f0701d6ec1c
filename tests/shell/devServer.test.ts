import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedDemo } from '../../sandbox/embedded';
import { firstStart, OPERATORE, pageCall, remoteService } from './support/office';
import { launchShell, type Shell } from './support/shell';

// `electron-vite dev`: not packaged, ELECTRON_RENDERER_URL names the dev server. The window loads
// it and the IPC check trusts its origin; on a Linux desktop with a real keyring.

const DEV = 'http://localhost:5173';
let shell: Shell;
let remote: EmbeddedDemo;

beforeAll(async () => {
  remote = await remoteService();
  shell = await launchShell({ isPackaged: false, safeStorage: 'gnome_libsecret', env: { ELECTRON_RENDERER_URL: DEV } });
}, 240_000);
afterAll(async () => {
  await shell?.quit();
  await remote?.close();
});

describe('a development start', () => {
  it('loads the dev server and answers IPC from its origin only', async () => {
    expect(shell.window().loaded).toEqual({ kind: 'url', target: DEV });
    // Development keeps Electron's menu (its developer tools).
    expect(shell.fake.called('Menu.setApplicationMenu')).toEqual([]);
    expect(await pageCall(shell, `${DEV}/#/`)('configurazione.stato')).toMatchObject({ ok: true });
    expect(await pageCall(shell, 'http://localhost:5174/#/')('configurazione.stato')).toMatchObject({ ok: false, error: { code: 'NON_AUTORIZZATO' } });
    expect(await pageCall(shell, 'http://evil.example/#/')('configurazione.stato')).toMatchObject({ ok: false, error: { code: 'NON_AUTORIZZATO' } });
  });

  it('with a real keyring says nothing about it, wraps the key with it and keeps the credentials encrypted by it', async () => {
    expect((await pageCall(shell, `${DEV}/`)('configurazione.stato')).value.protezione).not.toHaveProperty('portachiavi');
    const stato = await firstStart(shell, remote.url, `${DEV}/#/`);
    expect(stato).toMatchObject({ operatore: OPERATORE.username, protezione: { stato: 'sbloccata', metodo: 'safeStorage' } });
    expect(stato.protezione).not.toHaveProperty('portachiavi');
    const chiave = JSON.parse(fs.readFileSync(path.join(shell.userData, 'chiave.json'), 'utf8'));
    expect(chiave.protezione.metodo).toBe('safeStorage');
    const credentials = fs.readdirSync(shell.userData).filter((f) => /^credenziali-.*\.bin$/.test(f));
    expect(credentials).toHaveLength(1);
    const stored = fs.readFileSync(path.join(shell.userData, credentials[0]!));
    expect(stored.includes(OPERATORE.password)).toBe(false);
    expect(JSON.parse(shell.fake.safeStorage.decryptString(stored))).toEqual(OPERATORE);
  });
});
