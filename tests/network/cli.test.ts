import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { PATH_DETAILS } from '../../electron/core/gateway/errors';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { makeTestPki, type TestPki } from './support/pki';
import { startTestProxy, type TestProxy } from './support/proxy';
import { startTlsFront, type TlsFront } from './support/tlsFront';

// The CLI as an office runs it: the proxy from HTTPS_PROXY, the office's CA from NODE_EXTRA_CA_CERTS
// (read by Node at start, so only a fresh process can show it works).
const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../..');
let pki: TestPki;
let sandbox: SandboxHandle;
let tlsFront: TlsFront;
let proxy: TestProxy;
let dir: string;

beforeAll(async () => {
  pki = makeTestPki();
  sandbox = await startSandbox({ seed: 4, size: 'small', today: '2026-03-10', clock: new SandboxClock(new Date('2026-03-10T08:00:00Z'), { frozen: true }) });
  tlsFront = await startTlsFront(sandbox.port, pki.valid);
  proxy = await startTestProxy();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-cli-rete-'));
});
afterAll(async () => {
  await proxy?.close();
  await tlsFront?.close();
  await sandbox?.close();
  pki?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function syncOra(env: NodeJS.ProcessEnv): Promise<{ ok: boolean; value?: { fase: string; errore: string | null } }> {
  const { NODE_EXTRA_CA_CERTS: _ca, HTTPS_PROXY: _p, https_proxy: _q, HTTP_PROXY: _r, http_proxy: _s, NO_PROXY: _t, no_proxy: _u, ...clean } = process.env;
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/main.ts', 'sync.ora', '{}', '--data', path.join(dir, 'cassetto.sqlite'), '--servizio', tlsFront.url],
    {
      cwd: REPO,
      env: { ...clean, CASSETTO_UTENTE: 'operatore1', CASSETTO_PASSWORD: DEMO_PASSWORD, CASSETTO_PASSPHRASE: 'passphrase di prova lunga', ...env },
      timeout: 60_000,
    },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

describe('the CLI on an office network', () => {
  it('without the office CA the certificate is named; with NODE_EXTRA_CA_CERTS it syncs through HTTPS_PROXY', async () => {
    expect(await syncOra({ HTTPS_PROXY: proxy.url })).toMatchObject({ ok: true, value: { fase: 'offline', errore: PATH_DETAILS.TLS_CERTIFICATO_SCONOSCIUTO } });
    const before = proxy.records.length;
    expect(await syncOra({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caFile })).toMatchObject({ ok: true, value: { fase: 'inattivo', errore: null } });
    expect(proxy.records.slice(before)).toContainEqual(expect.objectContaining({ method: 'CONNECT', target: `127.0.0.1:${tlsFront.port}`, status: 200 }));
  }, 120_000);
});
