import type { z } from 'zod';
import type { Comunicazione } from '../../common/model';
import type { AppuntamentoDettaglio, ChangesPage, OperatoreRemoto, PrenotazioneRichiesta } from '../../common/remote/changes';
import {
  allegatoContenutoSchema,
  appuntamentoDettaglioSchema,
  changesPageSchema,
  comunicazioneSchema,
  operatoriSchema,
  problemSchema,
  sessioneSchema,
  slotSchema,
} from '../../common/remote/schemas';
import type { Clock } from '../clock';
import { classifyFetchFailure, detailOf, isStaleConnection, GatewayError, kindOfStatus, PATH_DETAILS, parseRetryAfter, TIMEOUT_DETAIL } from './errors';
import { isAllowedServiceUrl, type Transport } from './transport';

/** No answer of the contract comes near this (a page of 1,000 changes is ≈ 0.23 MB at office size): anything larger is not the service. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface Credentials {
  username: string;
  password: string;
}

/** Where the operator's credentials live: Electron safeStorage in the shell, memory elsewhere. Never logged. */
export interface CredentialStore {
  get(): Promise<Credentials | null>;
  set(credentials: Credentials): Promise<void>;
  clear(): Promise<void>;
}

export interface HttpGatewayOptions {
  baseUrl: string;
  credentials: CredentialStore;
  clock: Clock;
  /** The whole exchange, body included: a service that drips bytes slowly times out too. */
  timeoutMs?: number;
  /** Larger answers are refused unread (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Electron's net.fetch on the desktop, the proxy-aware undici fetch in the browser host and CLI (default: Node's fetch). */
  fetch?: Transport;
}

type Sessione = z.infer<typeof sessioneSchema>;

/**
 * The remote service over HTTP (the sandbox by default). Logs in lazily with the stored
 * credentials, renews the token on expiry or 401 once, validates every response with the
 * contract's schemas and turns every failure into a classified GatewayError.
 *
 * Every request goes to `baseUrl` (the address checked when the service was chosen) and nowhere
 * else: redirects are never followed, so the credentials and the token never reach another origin.
 * Only the service's own problem+json is a refusal; anything a proxy, a portal or a broken
 * connection answers leaves the queue as it is.
 */
export class HttpGateway {
  readonly #options: Required<HttpGatewayOptions>;
  #sessione: Sessione | null = null;

  constructor(options: HttpGatewayOptions) {
    this.#options = { timeoutMs: 15_000, maxResponseBytes: MAX_RESPONSE_BYTES, fetch: (url, init) => globalThis.fetch(url, init), ...options };
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  async changes(since: string, limit: number, signal?: AbortSignal, count = false): Promise<ChangesPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (since) query.set('since', since);
    if (count) query.set('conta', 'true');
    const body = await this.#authorized('GET', `/v1/changes?${query}`, undefined, signal);
    return parse(changesPageSchema, body) as ChangesPage;
  }

  async slotLiberi(sedeId: string, dal: string, al: string, signal?: AbortSignal): Promise<{ data: string; ora: string }[]> {
    const query = new URLSearchParams({ dal, al });
    const body = await this.#authorized('GET', `/v1/sedi/${encodeURIComponent(sedeId)}/slot?${query}`, undefined, signal);
    return parse(slotSchema, body).slot;
  }

  /**
   * The office's operators by name (#15). null when the service has no such route (404, an older
   * service): the caller keeps the names it already has rather than forgetting them.
   */
  async operatori(signal?: AbortSignal): Promise<OperatoreRemoto[] | null> {
    try {
      return parse(operatoriSchema, await this.#authorized('GET', '/v1/operatori', undefined, signal)).operatori;
    } catch (error) {
      if (error instanceof GatewayError && error.status === 404) return null;
      throw error;
    }
  }

  /** Books; a retry with the same key returns the same appointment (the service's idempotency). */
  async creaAppuntamento(idempotencyKey: string, richiesta: PrenotazioneRichiesta, signal?: AbortSignal): Promise<AppuntamentoDettaglio> {
    const body = await this.#authorized('POST', '/v1/appuntamenti', richiesta, signal, { 'Idempotency-Key': idempotencyKey });
    return parse(appuntamentoDettaglioSchema, body) as AppuntamentoDettaglio;
  }

  async cancellaAppuntamento(id: string, signal?: AbortSignal): Promise<AppuntamentoDettaglio> {
    const body = await this.#authorized('POST', `/v1/appuntamenti/${encodeURIComponent(id)}/cancellazione`, {}, signal);
    return parse(appuntamentoDettaglioSchema, body) as AppuntamentoDettaglio;
  }

  /** A message to the sede; a retry with the same key returns the same comunicazione (the service's idempotency). */
  async inviaComunicazione(appuntamentoId: string, idempotencyKey: string, testo: string, signal?: AbortSignal): Promise<Comunicazione> {
    const path = `/v1/appuntamenti/${encodeURIComponent(appuntamentoId)}/comunicazioni`;
    const body = await this.#authorized('POST', path, { testo }, signal, { 'Idempotency-Key': idempotencyKey });
    return parse(comunicazioneSchema, body);
  }

  /** Content-addressed upload: idempotent, the service checks the hash and sniffs the type itself. */
  async caricaAllegato(sha256: string, bytes: Uint8Array, mime: string, signal?: AbortSignal): Promise<void> {
    await this.#authorized('PUT', `/v1/allegati/${sha256}`, new RawBody(bytes, mime), signal);
  }

  /**
   * An attachment of an appointment booked elsewhere (#14), asked as JSON (the content in base64)
   * so it travels like every other answer; the caller checks the bytes against the hash.
   */
  async scaricaAllegato(sha256: string, signal?: AbortSignal): Promise<{ mime: string; bytes: Uint8Array }> {
    const body = parse(allegatoContenutoSchema, await this.#authorized('GET', `/v1/allegati/${sha256}`, undefined, signal));
    return { mime: body.mime, bytes: Buffer.from(body.contenutoBase64, 'base64') };
  }

  /** Who is logged in (logging in with the stored credentials if needed): the office comes from here. */
  async utente(signal?: AbortSignal): Promise<Sessione['utente']> {
    await this.#token(signal);
    return this.#sessione!.utente;
  }

  /** Who is logged in now, without asking the service (null before the first login of this run). */
  utenteNoto(): Sessione['utente'] | null {
    return this.#sessione?.utente ?? null;
  }

  /** Forgets the session (e.g. after the operator logs out or changes credentials). */
  logout(): void {
    this.#sessione = null;
  }

  async #authorized(method: string, path: string, body: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.#token(signal);
      try {
        return await this.#send(method, path, body, signal, { ...headers, Authorization: `Bearer ${token}` });
      } catch (error) {
        // A token may expire between our check and the service's: log in again, once.
        if (error instanceof GatewayError && error.kind === 'auth' && attempt === 0) {
          this.#sessione = null;
          continue;
        }
        throw error;
      }
    }
  }

  async #token(signal?: AbortSignal): Promise<string> {
    const now = this.#options.clock.now().getTime();
    if (this.#sessione && Date.parse(this.#sessione.scadenza) - now > 30_000) return this.#sessione.token;
    const credentials = await this.#options.credentials.get();
    if (!credentials) {
      throw new GatewayError({ kind: 'auth', status: 401, code: 'CREDENZIALI_MANCANTI', detail: 'Accedi al servizio per sincronizzare.' });
    }
    this.#sessione = parse(sessioneSchema, await this.#send('POST', '/v1/sessione', credentials, signal));
    return this.#sessione.token;
  }

  async #send(method: string, path: string, body: unknown, signal: AbortSignal | undefined, headers: Record<string, string> = {}): Promise<unknown> {
    // Concatenated, not resolved: `new URL('/v1/…', base)` would drop a base path like https://host/cassetto.
    const url = new URL(`${this.#options.baseUrl}${path}`);
    if (!isAllowedServiceUrl(url)) throw pathError('INDIRIZZO_NON_SICURO', 0);
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const failed = (error: unknown, status: number, otherwise: () => GatewayError): GatewayError | unknown => {
      if (signal?.aborted) return error; // the caller cancelled: not a service failure
      if (timeout.aborted) return new GatewayError({ kind: 'transient', status, code: 'TIMEOUT', detail: TIMEOUT_DETAIL });
      return otherwise();
    };
    let response: Response;
    const raw = body instanceof RawBody;
    const send = () =>
      this.#options.fetch(url.href, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': raw ? body.mime : 'application/json' }),
          ...headers,
        },
        // A copy backed by a plain ArrayBuffer: what fetch accepts under both DOM and Node typings.
        body: body === undefined ? undefined : raw ? new Uint8Array(body.bytes) : JSON.stringify(body),
        signal: combined,
        redirect: 'manual',
      });
    try {
      try {
        response = await send();
      } catch (error) {
        // A keep-alive connection closed while the app was busy (a long write, #17): a read or the
        // login goes out again once, on a new connection. Writes never: they are the outbox's to
        // retry, with their idempotency keys.
        if (!isStaleConnection(error) || combined.aborted || !(method === 'GET' || path === '/v1/sessione')) throw error;
        response = await send();
      }
    } catch (error) {
      throw failed(error, 0, () => {
        const failure = classifyFetchFailure(error);
        return new GatewayError({ kind: 'transient', status: 0, code: failure, detail: detailOf(failure) });
      });
    }
    const hostile = hostileAnswer(response);
    if (hostile) {
      await response.body?.cancel().catch(() => undefined);
      throw pathError(hostile, response.status);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response, this.#options.maxResponseBytes, combined);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw failed(error, response.status, () => pathError('RISPOSTA_INTERROTTA', response.status));
    }
    const json = isJson(response);
    let payload: unknown = undefined;
    if (json) {
      try {
        payload = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        // The service always sends whole JSON: an unparsable one was cut on the way.
        throw pathError('RISPOSTA_INTERROTTA', response.status);
      }
    }
    if (response.ok) {
      // A 2xx page that is not JSON is a portal or a proxy speaking for the service.
      if (!json) throw pathError(isHtml(response) ? 'PAGINA_WEB_NON_DEL_SERVIZIO' : 'RISPOSTA_NON_DEL_SERVIZIO', response.status);
      return payload;
    }
    const problem = problemSchema.safeParse(payload);
    const kind = kindOfStatus(response.status);
    // Only the service's own problem+json refuses an operation; another system's 4xx page must not park the queue.
    if (!problem.success && (kind === 'permanent' || kind === 'auth')) throw pathError('RISPOSTA_NON_DEL_SERVIZIO', response.status);
    throw new GatewayError({
      kind,
      status: response.status,
      code: problem.success ? problem.data.code : `HTTP_${response.status}`,
      detail: problem.success ? problem.data.detail : 'Il servizio non è disponibile in questo momento. Le operazioni restano in coda e verranno ritentate.',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.#options.clock.now()),
    });
  }
}

/** A redirect (3xx, or the opaque one some fetches return), or a proxy asking for its own credentials. */
function hostileAnswer(response: Response): keyof typeof PATH_DETAILS | null {
  if (response.type === 'opaqueredirect' || response.redirected || (response.status >= 300 && response.status < 400)) return 'REINDIRIZZAMENTO';
  if (response.status === 407) return 'PROXY_AUTENTICAZIONE';
  return null;
}

function pathError(code: keyof typeof PATH_DETAILS, status: number): GatewayError {
  return new GatewayError({ kind: 'transient', status, code, detail: PATH_DETAILS[code], notFromService: true });
}

function isJson(response: Response): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '');
}

function isHtml(response: Response): boolean {
  return /html/i.test(response.headers.get('content-type') ?? '');
}

/** The body, refused past `max` bytes (declared or counted) and abandoned when the signal fires mid-stream. */
async function readCapped(response: Response, max: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw pathError('RISPOSTA_TROPPO_GRANDE', response.status);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Some transports do not abort a body already streaming: the signal ends the wait here too.
  const aborted = new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      total += value.byteLength;
      if (total > max) throw pathError('RISPOSTA_TROPPO_GRANDE', response.status);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A request body sent as bytes with its own type (uploads), not as JSON. */
class RawBody {
  constructor(
    readonly bytes: Uint8Array,
    readonly mime: string,
  ) {}
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    // The service answered something outside the contract: retrying later may help (a deploy in progress).
    throw new GatewayError({
      kind: 'transient',
      status: 200,
      code: 'RISPOSTA_FUORI_CONTRATTO',
      detail: 'Il servizio ha risposto in un formato inatteso. Riprova più tardi.',
    });
  }
  return result.data;
}
