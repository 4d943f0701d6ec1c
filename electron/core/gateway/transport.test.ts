import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { memoryCredentials } from './credentials';
import { PATH_DETAILS } from './errors';
import { HttpGateway } from './httpGateway';
import { chromiumTransport, isAllowedServiceUrl } from './transport';

// The desktop's transport is Electron's net.fetch, which cannot run here: its documented failures
// (Chromium's net::ERR_… messages, the cancelled manual redirect) are played by a stand-in.
const gatewayOver = (netFetch: (url: string, init?: RequestInit) => Promise<Response>, baseUrl = 'https://cassetto.example.it') =>
  new HttpGateway({ baseUrl, credentials: memoryCredentials({ username: 'u', password: 'p' }), clock: systemClock, fetch: chromiumTransport(netFetch) });

describe('the desktop transport (net.fetch)', () => {
  it('a redirect Chromium cancelled in manual mode is named as a redirect, and was asked for in manual mode', async () => {
    const modes: (string | undefined)[] = [];
    const gateway = gatewayOver(async (_url, init) => {
      modes.push(init?.redirect);
      throw new Error('Redirect was cancelled');
    });
    await expect(gateway.utente()).rejects.toMatchObject({ code: 'REINDIRIZZAMENTO', detail: PATH_DETAILS.REINDIRIZZAMENTO, kind: 'transient' });
    expect(modes).toEqual(['manual']);
  });

  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'TLS_CERTIFICATO_SCONOSCIUTO'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'TLS_NOME_NON_VALIDO'],
    ['net::ERR_CERT_DATE_INVALID', 'TLS_CERTIFICATO_SCADUTO'],
    ['net::ERR_PROXY_AUTH_UNSUPPORTED', 'PROXY_AUTENTICAZIONE'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'PROXY_NON_RAGGIUNGIBILE'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'PROXY_NON_RAGGIUNGIBILE'],
    ['net::ERR_INTERNET_DISCONNECTED', 'RETE_NON_DISPONIBILE'],
  ])('%s → %s', async (message, code) => {
    const gateway = gatewayOver(async () => {
      throw new Error(message);
    });
    await expect(gateway.utente()).rejects.toMatchObject({ code, kind: 'transient', status: 0, notFromService: true });
  });

  it('a 407 answered to the request itself (no login handler for the proxy) is named', async () => {
    const gateway = gatewayOver(async () => new Response('<h1>proxy</h1>', { status: 407, headers: { 'Content-Type': 'text/html' } }));
    await expect(gateway.utente()).rejects.toMatchObject({ code: 'PROXY_AUTENTICAZIONE', detail: PATH_DETAILS.PROXY_AUTENTICAZIONE });
  });

  it('requests go under the service’s path, as a string URL (net.fetch takes no URL object)', async () => {
    const urls: unknown[] = [];
    const gateway = gatewayOver(async (url) => {
      urls.push(url);
      return new Response('{}', { status: 500, headers: { 'Content-Type': 'application/json' } });
    }, 'https://intranet.example.it/cassetto');
    await expect(gateway.utente()).rejects.toMatchObject({ kind: 'transient' });
    expect(urls).toEqual(['https://intranet.example.it/cassetto/v1/sessione']);
  });

  it('never sends the credentials over plain http to another computer (a stored address from before the rule)', async () => {
    let called = false;
    const gateway = gatewayOver(async () => {
      called = true;
      return new Response('{}');
    }, 'http://cassetto.example.it');
    await expect(gateway.utente()).rejects.toMatchObject({ code: 'INDIRIZZO_NON_SICURO', detail: PATH_DETAILS.INDIRIZZO_NON_SICURO });
    expect(called).toBe(false);
  });
});

describe('which addresses a service may have', () => {
  it.each([
    ['https://cassetto.example.it', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['http://127.5.0.1', true],
    ['http://cassetto.example.it', false],
    ['http://192.168.1.10', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://localhost.example.it', false],
    ['ftp://127.0.0.1', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedServiceUrl(new URL(url))).toBe(allowed);
  });
});
