import type { IncomingHttpHeaders } from 'node:http';
import { DecoratorHandler, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { Transport } from './transport';

// The browser host's and the CLI's transport: Node has no system proxy settings, so the office's
// proxy comes from the environment as for curl and most tools (HTTPS_PROXY, HTTP_PROXY, NO_PROXY,
// lower-case too; user:password in the proxy URL for Basic proxy authentication). Certificates:
// Node's own list plus NODE_EXTRA_CA_CERTS (a PEM bundle, e.g. a TLS-inspecting proxy's CA),
// which Node reads at start. undici (Node's own fetch, as a package) provides the proxy agent.

export interface EnvTransportOptions {
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Trusted CAs replacing Node's list (tests; offices use NODE_EXTRA_CA_CERTS). */
  ca?: string[];
}

export interface EnvTransport {
  transport: Transport;
  /** The proxy in use for https services, for the log (credentials removed); null when direct. */
  proxy: string | null;
  close(): Promise<void>;
}

export function envTransport(options: EnvTransportOptions = {}): EnvTransport {
  const env = options.env ?? process.env;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined;
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined;
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  const tls = options.ca ? { ca: options.ca } : undefined;
  const proxied = new EnvHttpProxyAgent({
    // Given explicitly ('' = none) so that undici never reads process.env behind `env`'s back;
    // without HTTPS_PROXY, https goes through HTTP_PROXY as with curl.
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy,
    // Direct connections and the connection tunnelled through the proxy check the same CAs.
    ...(tls ? { connect: tls, requestTls: tls } : {}),
  });
  const agent = proxied.compose((dispatch) => (opts, handler) => dispatch(opts, new Proxy407Handler(handler)));
  const transport: Transport = async (url, init) =>
    (await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as Response;
  return { transport, proxy: redacted(httpsProxy ?? httpProxy ?? null), close: () => proxied.close() };
}

function redacted(proxy: string | null): string | null {
  if (!proxy) return null;
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'non valido';
  }
}

/**
 * fetch turns a 407 into an anonymous network error (the Fetch standard hides it outside browsers):
 * named here, so the operator is told the proxy wants credentials and not that the network is down.
 */
interface ResponseStart {
  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void;
}

// DecoratorHandler forwards every callback; its typings still describe the legacy ones only.
class Proxy407Handler extends (DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => ResponseStart) {
  override onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    if (statusCode === 407) {
      controller.abort(new Error('Proxy response (407): proxy authentication required'));
      return;
    }
    super.onResponseStart(controller, statusCode, headers, statusMessage);
  }
}
