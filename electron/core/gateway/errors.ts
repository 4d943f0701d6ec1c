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

  constructor(init: { kind: GatewayErrorKind; status: number; code: string; detail: string; retryAfterMs?: number | null }) {
    super(`${init.code} (${init.status})`);
    this.name = 'GatewayError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs ?? null;
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
