import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../common/csp';
import { createAppProtocolHandler, resolveAppPath } from './appProtocol';

// A renderer folder with a secret beside it: nothing outside `renderer/` may be served.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
const root = path.join(base, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
fs.writeFileSync(path.join(root, 'assets/index-a1.js'), 'export {};');
fs.writeFileSync(path.join(root, 'assets/index-a1.css'), 'body{}');
fs.writeFileSync(path.join(root, 'assets/pdf.worker-b2.mjs'), 'export {};');
fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
fs.writeFileSync(path.join(root, 'notes.txt'), 'not a renderer file');
fs.writeFileSync(path.join(base, 'secret.json'), '{"segreto":true}');
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the cassetto:// protocol handler', () => {
  it('serves index.html at / and /index.html with the CSP header, and assets with their MIME type', async () => {
    for (const url of ['cassetto://app/', 'cassetto://app/index.html', 'cassetto://app/index.html#/clienti']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP_HEADER);
      expect(await res.text()).toContain('<title>app</title>');
    }
    const types = {
      'cassetto://app/assets/index-a1.js': 'text/javascript; charset=utf-8',
      'cassetto://app/assets/index-a1.css': 'text/css; charset=utf-8',
      'cassetto://app/assets/pdf.worker-b2.mjs': 'text/javascript; charset=utf-8',
      'cassetto://app/favicon.svg': 'image/svg+xml',
    };
    for (const [url, type] of Object.entries(types)) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
  });

  it('never leaves the renderer folder: .., encoded .., encoded slashes and backslashes, NUL, drive letters', async () => {
    const escapes = [
      'cassetto://app/../secret.json',
      'cassetto://app/%2e%2e/secret.json',
      'cassetto://app/assets/..%2f..%2fsecret.json',
      'cassetto://app/..%2fsecret.json',
      'cassetto://app/%2e%2e%2fsecret.json',
      'cassetto://app/..%5csecret.json',
      'cassetto://app/assets%5c..%5c..%5csecret.json',
      'cassetto://app/index.html%00.js',
      'cassetto://app/C:%5cWindows%5cwin.ini',
      `cassetto://app/${encodeURIComponent(path.join(base, 'secret.json'))}`,
      'cassetto://app/%E0%A4%A',
    ];
    for (const url of escapes) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('segreto');
    }
  });

  it('answers 404 for missing files, folders and types the renderer does not have', async () => {
    expect((await get('cassetto://app/assets/missing.js')).status).toBe(404);
    expect((await get('cassetto://app/assets/')).status).toBe(404);
    expect((await get('cassetto://app/notes.txt')).status).toBe(404);
  });

  it('refuses another host of the scheme and methods other than GET and HEAD', async () => {
    expect((await get('cassetto://evil/index.html')).status).toBe(400);
    expect((await get('cassetto://app/index.html', 'POST')).status).toBe(405);
    const head = await get('cassetto://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves only inside the folder', () => {
    expect(resolveAppPath(root, 'cassetto://app/assets/index-a1.js')).toBe(path.join(root, 'assets/index-a1.js'));
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
    // The URL parser (like Chromium's) clamps dot segments at the root: still inside the folder.
    expect(resolveAppPath(root, 'cassetto://app/assets/%2e%2e/%2e%2e/secret.json')).toBe(path.join(root, 'secret.json'));
    expect(resolveAppPath(root, 'cassetto://app/assets/..%2f..%2fsecret.json')).toBeNull();
  });
});
