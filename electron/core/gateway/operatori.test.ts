import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { memoryCredentials } from './credentials';
import { HttpGateway } from './httpGateway';

// GET /v1/operatori through the gateway (#15): parsed against the contract; a service without the route is not a failure.
const SESSIONE = {
  token: 'tok-0123456789',
  scadenza: new Date(Date.now() + 30 * 60_000).toISOString(),
  utente: { username: 'operatore1', tipo: 'operatore', intermediarioId: 'int-001', operatoreId: 'op-001', datoreCf: null },
};

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

/** A service that logs in and answers /v1/operatori with `answer`; records the paths asked. */
function gatewayAnswering(answer: () => Response): { gateway: HttpGateway; paths: string[] } {
  const paths: string[] = [];
  const gateway = new HttpGateway({
    baseUrl: 'https://cassetto.example.it',
    credentials: memoryCredentials({ username: 'operatore1', password: 'p' }),
    clock: systemClock,
    fetch: async (url) => {
      const path = new URL(url).pathname;
      paths.push(path);
      return path === '/v1/sessione' ? json(SESSIONE) : answer();
    },
  });
  return { gateway, paths };
}

describe('HttpGateway.operatori', () => {
  it('returns the operators as the service lists them', async () => {
    const operatori = [
      { id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' },
      { id: 'op-002', nominativo: 'Marco De Santis', username: null },
    ];
    const { gateway, paths } = gatewayAnswering(() => json({ operatori }));
    expect(await gateway.operatori()).toEqual(operatori);
    expect(paths).toEqual(['/v1/sessione', '/v1/operatori']);
  });

  it('a service without the route (404, its problem+json or any other page) gives null: nothing to change', async () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Risorsa inesistente.', code: 'NON_TROVATO' };
    expect(await gatewayAnswering(() => json(problem, 404, 'application/problem+json')).gateway.operatori()).toBeNull();
    expect(
      await gatewayAnswering(() => new Response('<h1>Not found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } })).gateway.operatori(),
    ).toBeNull();
  });

  it('an answer outside the contract, or a server error, is a failure (the caller keeps its names)', async () => {
    await expect(gatewayAnswering(() => json({ operatori: [{ id: 'op-001' }] })).gateway.operatori()).rejects.toMatchObject({
      code: 'RISPOSTA_FUORI_CONTRATTO',
    });
    await expect(gatewayAnswering(() => json({ operatori: [] }, 503)).gateway.operatori()).rejects.toMatchObject({ kind: 'transient', status: 503 });
  });
});
