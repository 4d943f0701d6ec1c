// shell.openExternal is a path from the renderer to the operating system: only https links
// to hosts the app has a reason to open (INPS's portals) are let through, and mailto: links
// that open a message to at most one address (the promemoria for the client).
export const EXTERNAL_HOSTS: readonly string[] = ['www.inps.it', 'inps.it', 'servizi2.inps.it'];

/** The only fields a mailto: link may fill in (no cc/bcc, no attachments some mail programs honour). */
const MAILTO_FIELDS: readonly string[] = ['subject', 'body'];
const MAILTO_ADDRESS = /^[^\s@<>(),;:"[\]\\%]+@[^\s@<>(),;:"[\]\\%]+\.[^\s@<>(),;:"[\]\\%]+$/;
/** Mail programs on Windows cut or refuse longer command lines. */
export const MAILTO_MAX = 8000;

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return isAllowedMailto(raw, url);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_HOSTS.includes(url.hostname);
}

/** `mailto:` with no address or one plain address, and only a subject and a body. */
function isAllowedMailto(raw: string, url: URL): boolean {
  if (raw.length > MAILTO_MAX) return false;
  let address: string;
  try {
    address = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (address !== '' && !MAILTO_ADDRESS.test(address)) return false;
  return [...url.searchParams.keys()].every((key) => MAILTO_FIELDS.includes(key.toLowerCase()));
}
