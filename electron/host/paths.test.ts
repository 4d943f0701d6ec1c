import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log';
import { useTestCore } from '../core/testing';
import { startBrowserHost, type BrowserHost } from './server';

// What an address the host did not make gets: a 4xx with the security headers, never a 500 (which
// would say the host broke) and never a file outside the renderer folder. Sent raw, as a browser
// or a script could, without fetch normalising the path first.
const core = useTestCore({ scope: 'suite' });
let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Cassetto Desk</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startBrowserHost({ core, rendererDir, logger: silentLogger, openTtlMs: 300 });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

function raw(rawPath: string, hostHeader = new URL(host.origin).host): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: new URL(host.origin).port, path: rawPath, headers: { host: hostHeader } }, (response) => {
      let body = '';
      response.on('data', (c: Buffer) => (body += c.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('static paths', () => {
  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/..%5c..%5cindex.html',
    '/%00',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
    '/%',
    '/assets/%ZZ',
    '/api/%ZZ',
  ])('%s → 4xx with the security headers', async (rawPath) => {
    const response = await raw(rawPath);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.body).not.toMatch(/root:|ERRORE_INTERNO|FST_/);
  });

  it('still serves the renderer’s own files', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200);
    expect((await raw('/')).status).toBe(200);
  });
});

describe('the one-time URL for --open', () => {
  it('carries no token, and its first visit is redirected to the page with the token', async () => {
    const url = host.openUrl();
    expect(url).not.toContain(host.token);
    expect(url.startsWith(`${host.origin}/apri/`)).toBe(true);
    const first = await raw(new URL(url).pathname);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/#token=${host.token}`);
    expect(first.headers['cache-control']).toBe('no-store');
    // Used: worthless now.
    const again = await raw(new URL(url).pathname);
    expect(again.status).toBe(410);
    expect(again.body).toContain('già stato usato o è scaduto');
    expect(again.headers.location).toBeUndefined();
  });

  it('expires unused, and a made-up code gets nothing', async () => {
    const url = host.openUrl();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await raw(new URL(url).pathname)).status).toBe(410);
    expect((await raw('/apri/inventato')).status).toBe(410);
  });

  it('is refused under another Host name (DNS rebinding) and stays usable', async () => {
    const url = host.openUrl();
    expect((await raw(new URL(url).pathname, 'attacker.example:80')).status).toBe(403);
    expect((await raw(new URL(url).pathname)).status).toBe(303);
  });
});
