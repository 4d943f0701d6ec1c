import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { memoryCredentials } from './credentials';
import { GatewayError } from './errors';
import { HttpGateway } from './httpGateway';

// A keep-alive connection the service closed while the app was busy (a long write blocks the event
// loop, #17): the next request goes out on it and fails at once. A read or the login is sent again
// once on a new connection; a write never (the outbox retries it with its idempotency key).
const SESSIONE = {
  token: 'tok-0123456789',
  scadenza: new Date(Date.now() + 30 * 60_000).toISOString(),
  utente: { username: 'operatore1', tipo: 'operatore', intermediarioId: 'int-001', operatoreId: 'op-001', datoreCf: null },
};
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
/** What undici throws for a request sent on a socket the other side had closed. */
const chiusa = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
const rifiutata = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });

/** A service whose connection fails `guasti[path]` times (with `errore`) before answering. */
function servizio(guasti: Record<string, number>, errore = chiusa) {
  const richieste: string[] = [];
  const gateway = new HttpGateway({
    baseUrl: 'https://cassetto.example.it',
    credentials: memoryCredentials({ username: 'operatore1', password: 'p' }),
    clock: systemClock,
    fetch: async (url, init) => {
      const path = new URL(url).pathname;
      richieste.push(`${init?.method ?? 'GET'} ${path}`);
      if ((guasti[path] ?? 0) > 0) {
        guasti[path]! -= 1;
        throw errore();
      }
      if (path === '/v1/sessione') return json(SESSIONE);
      if (path === '/v1/operatori') return json({ operatori: [{ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' }] });
      return json({});
    },
  });
  return { gateway, richieste };
}

describe('a connection closed under a request', () => {
  it('sends a read and the login again once, on a new connection', async () => {
    const { gateway, richieste } = servizio({ '/v1/sessione': 1, '/v1/operatori': 1 });
    expect(await gateway.operatori()).toEqual([{ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' }]);
    expect(richieste).toEqual(['POST /v1/sessione', 'POST /v1/sessione', 'GET /v1/operatori', 'GET /v1/operatori']);
  });

  it('only once: a second failure is the network’s, reported as such', async () => {
    const { gateway, richieste } = servizio({ '/v1/operatori': 2 });
    await expect(gateway.operatori()).rejects.toMatchObject({ kind: 'transient', code: 'RETE_NON_DISPONIBILE' });
    expect(richieste.filter((r) => r === 'GET /v1/operatori')).toHaveLength(2);
  });

  it('never sends a write twice', async () => {
    const { gateway, richieste } = servizio({ '/v1/appuntamenti/a-1/cancellazione': 1 });
    const error = await gateway.cancellaAppuntamento('a-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(richieste.filter((r) => r.endsWith('/cancellazione'))).toEqual(['POST /v1/appuntamenti/a-1/cancellazione']);
  });

  it('does not retry a network that refuses connections (offline stays offline at once)', async () => {
    const { gateway, richieste } = servizio({ '/v1/operatori': 1 }, rifiutata);
    await expect(gateway.operatori()).rejects.toMatchObject({ code: 'RETE_NON_DISPONIBILE' });
    expect(richieste.filter((r) => r === 'GET /v1/operatori')).toHaveLength(1);
  });
});
