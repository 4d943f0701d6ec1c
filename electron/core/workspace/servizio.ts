import crypto from 'node:crypto';
import type { ServizioScelta } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { Clock } from '../clock';
import { classifyFetchFailure, detailOf, GatewayError, PATH_DETAILS } from '../gateway/errors';
import { HttpGateway, type Credentials } from '../gateway/httpGateway';
import { isAllowedServiceUrl, type Transport } from '../gateway/transport';
import type { ServizioConfig } from './config';

// The service the workspace talks to: the choice on the page, its address and folder name, the
// check that a Cassetto service answers there, and the office an operator's login belongs to.

/**
 * A remote service URL as the office types it: https (plain http only on this computer, where
 * nothing crosses the network), no user:password in it (they go through the login), no query or
 * fragment. Trailing slashes are dropped so one service has one key.
 */
export function normalizeServiceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidUrl('L’indirizzo del servizio non è valido: scrivilo per intero, ad esempio https://cassetto.esempio.it.', 'Indirizzo non valido.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidUrl('L’indirizzo del servizio deve iniziare con https://.', 'Solo https.');
  }
  if (!isAllowedServiceUrl(url)) {
    throw invalidUrl(
      'L’indirizzo del servizio deve iniziare con https://: con http:// nome utente e password viaggerebbero in chiaro sulla rete (http:// è ammesso solo per un servizio su questo computer).',
      'Usa https://.',
    );
  }
  if (url.username || url.password) {
    throw invalidUrl('Non scrivere nome utente o password nell’indirizzo: si inseriscono all’accesso.', 'Niente credenziali nell’indirizzo.');
  }
  if (url.search || url.hash) {
    throw invalidUrl('L’indirizzo del servizio non deve contenere «?» o «#».', 'Togli la parte dopo «?» o «#».');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function invalidUrl(message: string, detail: string): AppError {
  return new AppError('URL_NON_VALIDO', message, [{ path: 'url', message: detail }]);
}

/** A folder name per service: readable host, plus a hash so two paths on one host never share data. */
export function serviceKey(url: string): string {
  const { hostname, port } = new URL(url);
  const readable = `${hostname}${port ? `-${port}` : ''}`.replace(/[^a-zA-Z0-9.-]/g, '_').slice(0, 60);
  return `${readable}-${crypto.createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

/**
 * Is a Cassetto service answering there? An unauthenticated request to a protected route must
 * come back as 401 with the contract's problem+json; anything else is not our service.
 */
export async function probeService(url: string, options: { fetch?: Transport; timeoutMs?: number } = {}): Promise<void> {
  const doFetch: Transport = options.fetch ?? ((u, init) => fetch(u, init));
  let response: Response;
  try {
    // Not followed: the address checked here is the only one the credentials will ever go to.
    response = await doFetch(`${url}/v1/impostazioni`, { signal: AbortSignal.timeout(options.timeoutMs ?? 8000), redirect: 'manual' });
  } catch (error) {
    const failure = classifyFetchFailure(error);
    const why = failure === 'RETE_NON_DISPONIBILE' ? 'controlla l’indirizzo e la connessione.' : withoutQueueNote(detailOf(failure));
    throw new AppError('SERVIZIO_NON_RAGGIUNGIBILE', `Il servizio all’indirizzo ${url} non risponde: ${why} Non è stato cambiato nulla.`, [
      { path: 'url', message: 'Nessuna risposta.' },
    ]);
  }
  if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect' || response.status === 407) {
    await response.body?.cancel().catch(() => undefined);
    const detail = withoutQueueNote(PATH_DETAILS[response.status === 407 ? 'PROXY_AUTENTICAZIONE' : 'REINDIRIZZAMENTO']);
    throw new AppError('SERVIZIO_NON_COMPATIBILE', `All’indirizzo ${url}: ${detail} Non è stato cambiato nulla.`, [
      { path: 'url', message: response.status === 407 ? 'Il proxy chiede l’accesso.' : 'Reindirizzamento non seguito.' },
    ]);
  }
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json().catch(() => null)) as { code?: unknown } | null) : null;
  if (response.status !== 401 || !body || typeof body.code !== 'string') {
    await response.body?.cancel().catch(() => undefined);
    throw new AppError(
      'SERVIZIO_NON_COMPATIBILE',
      `All’indirizzo ${url} risponde qualcosa che non è un servizio del Cassetto (risposta ${response.status}). Non è stato cambiato nulla.`,
      [{ path: 'url', message: 'Non è un servizio del Cassetto.' }],
    );
  }
}

/**
 * The office an operator belongs to, from a login with these credentials (nothing is stored):
 * it picks the database before the credentials are saved and the first sync runs.
 */
export async function officeOf(url: string, credentials: Credentials, clock: Clock, doFetch?: Transport): Promise<string> {
  const once = { get: async () => credentials, set: async () => {}, clear: async () => {} };
  const probe = new HttpGateway({ baseUrl: url, credentials: once, clock, ...(doFetch ? { fetch: doFetch } : {}) });
  let intermediarioId: string | null;
  try {
    intermediarioId = (await probe.utente()).intermediarioId;
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'auth') {
      const details = [{ path: 'password', message: 'Credenziali non accettate.' }];
      throw new AppError('CREDENZIALI_NON_VALIDE', 'Nome utente o password non validi per il servizio.', details);
    }
    if (error instanceof GatewayError) throw new AppError('SERVIZIO_NON_RAGGIUNGIBILE', `Accesso non riuscito: ${error.detail}`);
    throw error;
  }
  if (!intermediarioId) {
    throw new AppError('UTENTE_NON_INTERMEDIARIO', 'Questo utente non appartiene a un intermediario: Cassetto Desk è per gli operatori dei patronati.');
  }
  return intermediarioId;
}

/**
 * The service chosen on the page, checked first (a remote one must answer as a Cassetto service:
 * on any failure nothing changes). Choosing the same remote service again keeps its office.
 */
export async function resolveChoice(scelta: ServizioScelta, current: ServizioConfig | null, doFetch?: Transport): Promise<ServizioConfig> {
  if (scelta.tipo === 'sandbox') return { tipo: 'sandbox' };
  const url = normalizeServiceUrl(scelta.url);
  await probeService(url, doFetch ? { fetch: doFetch } : {});
  const intermediarioId = current?.tipo === 'remoto' && current.url === url ? current.intermediarioId : null;
  return { tipo: 'remoto', url, intermediarioId };
}

/**
 * The service after a login with these credentials: for a remote service the office comes from
 * the session, and another office means another database. Null when nothing changes.
 */
export async function afterLogin(servizio: ServizioConfig, credentials: Credentials, clock: Clock, doFetch?: Transport): Promise<ServizioConfig | null> {
  if (servizio.tipo !== 'remoto') return null;
  const intermediarioId = await officeOf(servizio.url, credentials, clock, doFetch);
  return intermediarioId === servizio.intermediarioId ? null : { ...servizio, intermediarioId };
}

/** At set-up nothing is queued yet: the gateway's «restano in coda» sentence would mislead. */
function withoutQueueNote(detail: string): string {
  return detail.replace(/ Le operazioni restano in coda.*$/, '');
}
