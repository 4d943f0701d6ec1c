import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log';
import { FIXTURE, oneSedeGateway, openTestCore, useTestCore } from '../core/testing';
import { CONTENT_SECURITY_POLICY, startBrowserHost, type BrowserHost } from './server';

// sync.ora writes whatever the remote sends: the one command that shows whether a refused request wrote anything.
const remote = oneSedeGateway();
const core = useTestCore({ gateway: remote, seed: true, scope: 'suite' });
let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Cassetto Desk</title>');
  host = await startBrowserHost({ core, rendererDir, logger: silentLogger, bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

const datori = () => core.ctx.sqlite.prepare('SELECT count(*) FROM datori').pluck().get();
const nothingWritten = () => {
  expect(remote.calls).toBe(0);
  expect(core.ctx.sqlite.prepare('SELECT count(*) FROM sedi').pluck().get()).toBe(0);
  expect(core.ctx.sqlite.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0);
};

function post(command: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${command}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body,
  });
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules/);
  return { status: response.status, code: body.error.code, message: body.error.message };
}

describe('browser host', () => {
  it('serves a command to the page that holds the token', async () => {
    const response = await post('clienti.cerca', JSON.stringify({ testo: 'rossi' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { ok: true; value: { totale: number } };
    expect(body).toMatchObject({ ok: true, value: { totale: 1 } });
  });

  it('treats an empty body as an empty input', async () => {
    const response = await post('app.info', '');
    expect(response.status).toBe(200);
  });

  it('hands the token in the URL fragment, never in the path or query', () => {
    expect(host.pageUrl).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['no token', {}, 'NON_AUTORIZZATO', 401],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }, 'NON_AUTORIZZATO', 401],
    ['a foreign Origin', { Origin: 'http://evil.example' }, 'ORIGINE_NON_CONSENTITA', 403],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }, 'ORIGINE_NON_CONSENTITA', 403],
  ])('refuses a request with %s', async (_label, headers, code, status) => {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' };
    if (!('Authorization' in headers) && code !== 'NON_AUTORIZZATO') {
      (init.headers as Record<string, string>).Authorization = `Bearer ${host.token}`;
    }
    const response = await fetch(`${host.origin}/api/sync.ora`, init);
    expect(await errorOf(response)).toMatchObject({ status, code });
    nothingWritten();
  });

  it('refuses a request addressed to another Host name (DNS rebinding)', async () => {
    const port = Number(new URL(host.origin).port);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/app.info',
          method: 'POST',
          headers: { Host: `evil.example:${port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('refuses malformed JSON', async () => {
    expect(await errorOf(await post('sync.ora', '{"testo": "ros'))).toMatchObject({ status: 400, code: 'JSON_NON_VALIDO' });
    expect(await errorOf(await post('sync.ora', 'null'))).toMatchObject({ status: 400, code: 'INPUT_NON_VALIDO' });
    nothingWritten();
  });

  it('cannot be reached around the token with a percent-encoded path', async () => {
    for (const path of ['/%61pi/sync.ora', '/api/%73ync.ora', '/API/sync.ora', '//api/sync.ora']) {
      const response = await fetch(`${host.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect([401, 404]).toContain(response.status);
    }
    nothingWritten();
  });

  it('refuses wrong types with the field paths', async () => {
    expect(await errorOf(await post('sync.ora', JSON.stringify({ subito: true })))).toMatchObject({ status: 400, code: 'INPUT_NON_VALIDO' });
    nothingWritten();
    const response = await post('clienti.cerca', JSON.stringify({ testo: ['x'], limite: -1 }));
    const body = (await response.json()) as { error: { code: string; details: { path: string }[] } };
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('INPUT_NON_VALIDO');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['limite', 'testo']);
  });

  it('refuses an unknown command', async () => {
    expect(await errorOf(await post('clienti.cancellaTutto', '{}'))).toMatchObject({ status: 404, code: 'COMANDO_SCONOSCIUTO' });
  });

  it('refuses an operations-only command and writes nothing', async () => {
    expect(await errorOf(await post('demo.carica', '{"dimensione":"tiny"}'))).toMatchObject({ status: 403, code: 'COMANDO_NON_CONSENTITO' });
    expect(datori()).toBe(FIXTURE.datori.length);
  });

  it('refuses an oversized body', async () => {
    const big = JSON.stringify({ testo: 'x'.repeat(100 * 1024) });
    expect(await errorOf(await post('sync.ora', big))).toMatchObject({ status: 413, code: 'CORPO_TROPPO_GRANDE' });
    nothingWritten();
  });

  it('refuses a body that is not JSON', async () => {
    expect(await errorOf(await post('sync.ora', 'testo=rossi', { 'Content-Type': 'application/x-www-form-urlencoded' }))).toMatchObject({
      status: 415,
      code: 'TIPO_CONTENUTO_NON_VALIDO',
    });
    nothingWritten();
  });

  it('streams core events to the page', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { headers: { Authorization: `Bearer ${host.token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the connect comment
    core.events.emit('dati.aggiornati', {});
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event:'))) text += (await reader.read()).value ?? '';
    expect(text).toContain('event: dati.aggiornati\ndata: {}');
    controller.abort();
  });

  it('refuses the event stream without the token', async () => {
    expect(await errorOf(await fetch(`${host.origin}/api/events`))).toMatchObject({ status: 401, code: 'NON_AUTORIZZATO' });
  });

  it('serves the renderer with the strict CSP and no token needed', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Cassetto Desk');
  });

  it('binds to loopback only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('a valid request does reach the remote (the refusals above are real refusals)', async () => {
    const response = await post('sync.ora', '{}');
    expect(response.status).toBe(200);
    expect(remote.calls).toBe(1);
    expect(core.ctx.sqlite.prepare('SELECT count(*) FROM sedi').pluck().get()).toBe(1);
  });
});

describe('browser host shutdown', () => {
  it('closes promptly while a page holds the event stream open', async () => {
    const own = await openTestCore();
    const other = await startBrowserHost({ core: own, rendererDir: null, logger: silentLogger });
    const response = await fetch(`${other.origin}/api/events`, { headers: { Authorization: `Bearer ${other.token}` } });
    const reader = response.body!.getReader();
    await reader.read();
    const closed = await Promise.race([other.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 3000))]);
    expect(closed).toBe('closed');
    await own.close();
  });
});
