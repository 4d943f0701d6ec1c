// The renderer's Content Security Policy, in one place: the browser host and the desktop app's
// cassetto://app protocol (electron/main/appProtocol.ts) send it as a header, the build also writes
// it into index.html's <meta>. 'self' is one origin in both (http://127.0.0.1:<port>, cassetto://app),
// never file://, where it would cover every file on the disk.

const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For a <meta> tag (frame-ancestors is ignored there, so it is left out). */
export const CSP_META = DIRECTIVES.join('; ');

/** For the HTTP header. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
