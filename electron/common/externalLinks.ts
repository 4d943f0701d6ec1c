// shell.openExternal is a path from the renderer to the operating system: only https links
// to hosts the app has a reason to open (INPS's portals) are let through.
export const EXTERNAL_HOSTS: readonly string[] = ['www.inps.it', 'inps.it', 'servizi2.inps.it'];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_HOSTS.includes(url.hostname);
}
