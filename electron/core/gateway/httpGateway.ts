import type { z } from 'zod';
import type { Comunicazione } from '../../common/model';
import type { AppuntamentoDettaglio, ChangesPage, PrenotazioneRichiesta } from '../../common/remote/changes';
import { appuntamentoDettaglioSchema, changesPageSchema, comunicazioneSchema, problemSchema, sessioneSchema, slotSchema } from '../../common/remote/schemas';
import type { Clock } from '../clock';
import { GatewayError, kindOfStatus, NETWORK_DETAIL, parseRetryAfter, TIMEOUT_DETAIL } from './errors';

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
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Sessione = z.infer<typeof sessioneSchema>;

/**
 * The remote service over HTTP (the sandbox by default). Logs in lazily with the stored
 * credentials, renews the token on expiry or 401 once, validates every response with the
 * contract's schemas and turns every failure into a classified GatewayError.
 */
export class HttpGateway {
  readonly #options: Required<Omit<HttpGatewayOptions, 'fetch'>> & { fetch: typeof fetch };
  #sessione: Sessione | null = null;

  constructor(options: HttpGatewayOptions) {
    this.#options = { timeoutMs: 15_000, fetch: globalThis.fetch, ...options };
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
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      const raw = body instanceof RawBody;
      response = await this.#options.fetch(new URL(path, this.#options.baseUrl), {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': raw ? body.mime : 'application/json' }),
          ...headers,
        },
        // A copy backed by a plain ArrayBuffer: what fetch accepts under both DOM and Node typings.
        body: body === undefined ? undefined : raw ? new Uint8Array(body.bytes) : JSON.stringify(body),
        signal: combined,
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller cancelled: not a service failure
      const timedOut = timeout.aborted;
      throw new GatewayError({
        kind: 'transient',
        status: 0,
        code: timedOut ? 'TIMEOUT' : 'RETE_NON_DISPONIBILE',
        detail: timedOut ? TIMEOUT_DETAIL : NETWORK_DETAIL,
      });
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      // A reset mid-body or a proxy page: treat as a transient failure of the service.
      throw new GatewayError({ kind: 'transient', status: response.status, code: 'RISPOSTA_NON_VALIDA', detail: NETWORK_DETAIL });
    }
    if (response.ok) return payload;
    const problem = problemSchema.safeParse(payload);
    throw new GatewayError({
      kind: kindOfStatus(response.status),
      status: response.status,
      code: problem.success ? problem.data.code : `HTTP_${response.status}`,
      detail: problem.success ? problem.data.detail : 'Il servizio ha rifiutato la richiesta.',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.#options.clock.now()),
    });
  }
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
