import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDemo, type EmbeddedDemo } from './embedded';

// The app's embedded demo service checks Host like the browser host: a web page on another name
// resolving to 127.0.0.1 (DNS rebinding) cannot log in with the demo's well-known password.
let demo: EmbeddedDemo;
beforeAll(async () => {
  demo = await startEmbeddedDemo(null);
});
afterAll(async () => {
  await demo.close();
});

function login(hostHeader: string): Promise<{ status: number; body: string }> {
  const url = new URL(demo.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: '/v1/sessione', method: 'POST', headers: { host: hostHeader, 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (c: Buffer) => (body += c.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(demo.credentials));
  });
}

describe('embedded demo service', () => {
  it('refuses a request addressed to another name, with a problem+json', async () => {
    const refused = await login(`rebind.attacker.example:${new URL(demo.url).port}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'HOST_NON_CONSENTITO' });
    expect(refused.body).not.toContain('token');
    expect((await login('127.0.0.1')).status).toBe(403); // the right address but another port
  });

  it('answers its own address, by IP and as localhost', async () => {
    const port = new URL(demo.url).port;
    expect((await login(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await login(`localhost:${port}`)).status).toBe(200);
  });
});
