// How the gateway reaches the network. One gateway, the transport injected by the host:
// - desktop: Electron's net.fetch (Chromium's stack: system proxy and PAC, proxy authentication,
//   the OS certificate store), wrapped by chromiumTransport below;
// - browser host and CLI: Node's fetch through undici with the proxy from HTTPS_PROXY/HTTP_PROXY/
//   NO_PROXY and Node's CA list plus NODE_EXTRA_CA_CERTS (envTransport.ts);
// - tests: any fetch-shaped function.

/** fetch's shape, with the URL always given as a string (net.fetch takes no URL object). */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

/** Thrown by a transport that refused to follow a redirect itself (Chromium cancels it in manual mode). */
export class RedirectRefusedError extends Error {
  constructor(readonly location: string | null) {
    super('redirect refused');
    this.name = 'RedirectRefusedError';
  }
}

/**
 * Electron's net.fetch as a Transport. In `redirect: 'manual'` mode Chromium cancels the request
 * ("Redirect was cancelled") instead of returning the 3xx: that becomes a RedirectRefusedError, so
 * the gateway says «reindirizzamento» and not «rete non disponibile».
 */
export function chromiumTransport(netFetch: (input: string, init?: RequestInit) => Promise<Response>): Transport {
  return async (url, init) => {
    try {
      return await netFetch(url, init);
    } catch (error) {
      if (error instanceof Error && /redirect/i.test(error.message) && !init.signal?.aborted) throw new RedirectRefusedError(null);
      throw error;
    }
  };
}

/** Plain http is acceptable only to this computer: anywhere else the password would cross the network in clear. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https anywhere, http only on loopback. */
export function isAllowedServiceUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
