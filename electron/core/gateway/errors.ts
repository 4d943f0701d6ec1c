/**
 * How the sync engine must react to a failed call:
 * - transient: 5xx, timeouts, resets — retry later with backoff;
 * - rate_limited: 429 — retry after the service's Retry-After;
 * - auth: 401 — the operator must log in again; the queue waits intact;
 * - permanent: other 4xx — the service refused the request itself; retrying cannot help.
 */
export type GatewayErrorKind = 'transient' | 'rate_limited' | 'auth' | 'permanent';

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The service's stable code (e.g. QUESITO_NON_IDONEO), or a local one for network failures. */
  readonly code: string;
  /** For the operator, in Italian (the service's `detail` when it sent one). */
  readonly detail: string;
  readonly retryAfterMs: number | null;
  /**
   * The answer did not come from the service (no answer, a proxy, a captive portal, a TLS failure,
   * a redirect): the rest of the queue would fail the same way, so the round stops and waits.
   */
  readonly notFromService: boolean;

  constructor(init: { kind: GatewayErrorKind; status: number; code: string; detail: string; retryAfterMs?: number | null; notFromService?: boolean }) {
    super(`${init.code} (${init.status})`);
    this.name = 'GatewayError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.notFromService = init.notFromService ?? (init.kind !== 'permanent' && init.status === 0);
  }
}

export function kindOfStatus(status: number): GatewayErrorKind {
  if (status === 401) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status >= 500 || status === 408) return 'transient';
  return 'permanent';
}

/** Retry-After as seconds or an HTTP date → milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export const NETWORK_DETAIL = 'Il servizio non è raggiungibile: controlla la connessione. Le operazioni restano in coda e partiranno appena possibile.';
export const TIMEOUT_DETAIL = 'Il servizio non ha risposto in tempo. Le operazioni restano in coda e verranno ritentate.';

const IN_CODA = 'Le operazioni restano in coda e partiranno appena possibile.';

/** The answers that did not come from the service, each with what the operator (or the office's IT) can do. */
export const PATH_DETAILS = {
  TLS_CERTIFICATO_SCONOSCIUTO: `Il certificato di sicurezza del servizio non è firmato da un’autorità riconosciuta da questo computer (succede con i proxy che ispezionano HTTPS): chiedi al tecnico dell’ufficio di installare il certificato dell’ufficio. ${IN_CODA}`,
  TLS_NOME_NON_VALIDO: `Il certificato di sicurezza ricevuto è di un altro indirizzo, non del servizio: la connessione è stata interrotta per sicurezza. Controlla l’indirizzo del servizio o chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  TLS_CERTIFICATO_SCADUTO: `Il certificato di sicurezza del servizio è scaduto o non ancora valido (controlla anche data e ora del computer): la connessione è stata interrotta per sicurezza. ${IN_CODA}`,
  TLS_NON_VALIDO: `La connessione sicura con il servizio non è riuscita (certificato non accettato): chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  PROXY_AUTENTICAZIONE: `Il proxy dell’ufficio chiede di autenticarsi (407) e non ha lasciato passare la richiesta: accedi al proxy (nel browser o nelle impostazioni di sistema) o chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  PROXY_NON_RAGGIUNGIBILE: `Il proxy configurato non risponde o ha rifiutato la connessione al servizio: controlla le impostazioni del proxy o chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  REINDIRIZZAMENTO: `Il servizio ha risposto con un reindirizzamento a un altro indirizzo: per sicurezza non viene seguito e le credenziali non vengono inviate altrove. Controlla l’indirizzo del servizio in Impostazioni (deve essere quello esatto, con https://) o chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  PAGINA_WEB_NON_DEL_SERVIZIO: `Al posto del servizio ha risposto una pagina web (di solito il proxy o la pagina di accesso alla rete, ad esempio di una rete ospiti): apri un sito qualsiasi nel browser per completare l’accesso alla rete, o chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  RISPOSTA_NON_DEL_SERVIZIO: `Ha risposto un sistema che non è il servizio (probabilmente il proxy o il firewall dell’ufficio, che blocca l’indirizzo): chiedi al tecnico dell’ufficio. ${IN_CODA}`,
  RISPOSTA_INTERROTTA: `La risposta del servizio si è interrotta a metà: nessun dato incompleto è stato salvato. ${IN_CODA}`,
  RISPOSTA_TROPPO_GRANDE: `La risposta del servizio supera il limite di sicurezza e non è stata letta: probabilmente non viene dal servizio. ${IN_CODA}`,
  INDIRIZZO_NON_SICURO: `L’indirizzo del servizio usa http:// su un computer diverso da questo: le credenziali viaggerebbero in chiaro e la richiesta non è stata inviata. Scegli di nuovo il servizio in Impostazioni con il suo indirizzo https://. ${IN_CODA}`,
} as const;

export type PathFailure = keyof typeof PATH_DETAILS | 'RETE_NON_DISPONIBILE';

/** An error and everything it carries (fetch failed → cause → AggregateError's errors). */
function* chain(error: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown; name?: unknown }> {
  if (depth > 6 || typeof error !== 'object' || error === null) return;
  yield error as { code?: unknown; message?: unknown };
  const e = error as { cause?: unknown; errors?: unknown };
  yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

/**
 * Why a request got no usable answer, from what Node (undici: `fetch failed` with a cause code)
 * or Chromium (`net::ERR_…` in the message) threw. Unknown failures are «rete non disponibile».
 */
export function classifyFetchFailure(error: unknown): PathFailure {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (e.name === 'RedirectRefusedError') return 'REINDIRIZZAMENTO';
    if (UNKNOWN_CA.has(code) || message.includes('ERR_CERT_AUTHORITY_INVALID')) return 'TLS_CERTIFICATO_SCONOSCIUTO';
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || message.includes('ERR_CERT_COMMON_NAME_INVALID')) return 'TLS_NOME_NON_VALIDO';
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || message.includes('ERR_CERT_DATE_INVALID')) return 'TLS_CERTIFICATO_SCADUTO';
    if (/^(ERR_SSL_|ERR_TLS_|CERT_)/.test(code) || /ERR_(CERT|SSL)_/.test(message)) return 'TLS_NON_VALIDO';
    // undici's proxy agent: «Proxy response (407) !== 200 when HTTP Tunneling»; Chromium: ERR_PROXY_AUTH_….
    if (/\(407\)|ERR_PROXY_AUTH/.test(message)) return 'PROXY_AUTENTICAZIONE';
    if (/Proxy response|ERR_PROXY_|ERR_TUNNEL_CONNECTION_FAILED/.test(message)) return 'PROXY_NON_RAGGIUNGIBILE';
  }
  return 'RETE_NON_DISPONIBILE';
}

const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * The request went out on a pooled keep-alive connection the other side had already closed (the
 * app's event loop was busy when the close arrived): nothing reached the service, or nothing it
 * could answer. Distinct from a network that is down, where a new connection is refused.
 */
export function isStaleConnection(error: unknown): boolean {
  for (const e of chain(error)) if (typeof e.code === 'string' && STALE_CONNECTION.has(e.code)) return true;
  return false;
}

export function detailOf(failure: PathFailure): string {
  return failure === 'RETE_NON_DISPONIBILE' ? NETWORK_DETAIL : PATH_DETAILS[failure];
}
