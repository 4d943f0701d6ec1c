import fs from 'node:fs/promises';
import path from 'node:path';
import { CSP_HEADER } from '../common/csp';

// The renderer is served from a custom scheme instead of file://: its origin is exactly
// cassetto://app, so 'self' in the CSP and the IPC sender check name that origin alone — not every
// file on the disk, as 'self' on a file:// page does. No Electron import here: the harness and the
// unit tests call the handler directly.

export const APP_SCHEME = 'cassetto';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: real origin and relative URLs; secure: a secure context like https (clipboard, crypto);
 * supportFetchAPI + corsEnabled: module scripts and the pdf.js worker load through fetch.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** The renderer's files by extension; anything else is not served. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * The file a cassetto://app URL names inside `root`, or null: another scheme or host, a bad
 * percent-encoding, a `..`/`.` segment (also encoded as %2e or hidden behind %2f), a backslash,
 * a drive letter or a NUL never leave the renderer folder.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password || url.port) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..' || /[\\:\0]/.test(s))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

function answer(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** The `protocol.handle` handler: reads only files of `root` (the built renderer) with their MIME type. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (!file) return answer(400, 'Bad path');
    const type = MIME[path.extname(file).toLowerCase()];
    if (!type) return answer(404, 'Not found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return answer(404, 'Not found');
    }
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    // As a header the CSP also carries frame-ancestors (ignored in the page's <meta>).
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP_HEADER;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
