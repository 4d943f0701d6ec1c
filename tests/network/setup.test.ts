import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { envTransport, type EnvTransport } from '../../electron/core/gateway/envTransport';
import { normalizeServiceUrl, officeOf, probeService, resolveChoice } from '../../electron/core/workspace/servizio';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { makeTestPki, type TestPki } from './support/pki';
import { startTlsFront, type TlsFront } from './support/tlsFront';

// The set-up check (Impostazioni → servizio): https only (http on this computer only), a redirect
// never followed, a certificate failure said as such; and the login that follows sends the
// password only to the address that was checked.
let pki: TestPki;
let sandbox: SandboxHandle;
let tlsFront: TlsFront;
let network: EnvTransport;
let redirector: http.Server;
let collector: http.Server;
let redirectUrl = '';
const received: string[] = [];

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
};

beforeAll(async () => {
  pki = makeTestPki();
  sandbox = await startSandbox({ seed: 2, size: 'small', today: '2026-03-10', clock: new SandboxClock(new Date('2026-03-10T08:00:00Z'), { frozen: true }) });
  tlsFront = await startTlsFront(sandbox.port, pki.valid);
  network = envTransport({ env: {}, ca: [pki.ca] });
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"code":"X"}');
    });
  });
  const collectorUrl = await listen(collector);
  // Answers the probe like the service (401 problem+json), then sends the login elsewhere with a 307.
  redirector = http.createServer((req, res) => {
    if (req.url === '/v1/impostazioni') {
      res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"code":"NON_AUTENTICATO"}');
      return;
    }
    res.writeHead(307, { Location: `${collectorUrl}${req.url ?? ''}` }).end();
  });
  redirectUrl = await listen(redirector);
});
afterAll(async () => {
  await network?.close();
  await tlsFront?.close();
  await sandbox?.close();
  await new Promise((r) => redirector?.close(r));
  await new Promise((r) => collector?.close(r));
  pki?.dispose();
});

describe('choosing a remote service', () => {
  it('refuses plain http to another computer, with the reason; https and loopback http pass', () => {
    expect(() => normalizeServiceUrl('http://cassetto.example.it')).toThrow(
      expect.objectContaining({ code: 'URL_NON_VALIDO', message: expect.stringMatching(/https:\/\/.*in chiaro/) }),
    );
    expect(() => normalizeServiceUrl('http://10.0.0.5:8080')).toThrow(expect.objectContaining({ code: 'URL_NON_VALIDO' }));
    expect(normalizeServiceUrl('https://cassetto.example.it/')).toBe('https://cassetto.example.it');
    expect(normalizeServiceUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('checks an HTTPS service through the transport, trusting the office CA', async () => {
    await expect(resolveChoice({ tipo: 'remoto', url: tlsFront.url }, null, network.transport)).resolves.toEqual({
      tipo: 'remoto',
      url: tlsFront.url,
      intermediarioId: null,
    });
  });

  it('names a certificate failure at set-up instead of «non risponde» alone', async () => {
    const untrusting = envTransport({ env: {} });
    try {
      await expect(probeService(tlsFront.url, { fetch: untrusting.transport })).rejects.toMatchObject({
        code: 'SERVIZIO_NON_RAGGIUNGIBILE',
        message: expect.stringContaining('certificato di sicurezza del servizio non è firmato'),
      });
    } finally {
      await untrusting.close();
    }
  });

  it('a probe answered with a redirect is refused, not followed', async () => {
    const other = http.createServer((_req, res) => res.writeHead(307, { Location: `${redirectUrl}/v1/impostazioni` }).end());
    const url = await listen(other);
    try {
      await expect(probeService(url)).rejects.toMatchObject({ code: 'SERVIZIO_NON_COMPATIBILE', message: expect.stringContaining('reindirizzamento') });
    } finally {
      await new Promise((r) => other.close(r));
    }
  });

  it('the login after the check sends the password only to the checked address: a 307 to another port never receives it', async () => {
    received.length = 0;
    const servizio = await resolveChoice({ tipo: 'remoto', url: redirectUrl }, null);
    await expect(
      officeOf(servizio.tipo === 'remoto' ? servizio.url : '', { username: 'operatore1', password: DEMO_PASSWORD }, sandbox.clock),
    ).rejects.toMatchObject({
      code: 'SERVIZIO_NON_RAGGIUNGIBILE',
      message: expect.stringContaining('reindirizzamento'),
    });
    expect(received).toEqual([]);
  });
});
