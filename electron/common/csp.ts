// The renderer's Content Security Policy, in one place: the browser host sends it as a header,
// the build writes it into index.html's <meta> (which is what Electron's file:// page gets).

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
