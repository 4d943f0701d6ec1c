import { describe, expect, it } from 'vitest';
import { DEMO_OPERATORI } from '../electron/common/demo/index';
import { call, login, problemCode, useSandbox } from './test/helpers';

describe('GET /v1/operatori', () => {
  const h = useSandbox({ size: 'tiny' });

  const expected = (intermediarioId: string) =>
    DEMO_OPERATORI.filter((o) => o.intermediarioId === intermediarioId).map(({ id, nominativo, username }) => ({ id, nominativo, username }));

  it("lists the operators of the caller's intermediario, with their names, and no other office's", async () => {
    const r = await call(h, 'GET', '/v1/operatori', { token: h.token });
    expect(r.status).toBe(200);
    expect(r.json.operatori).toEqual(expected('int-001'));
    expect(r.json.operatori).toContainEqual({ id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' });

    const other = await call(h, 'GET', '/v1/operatori', { token: await login(h, 'operatore5') });
    expect(other.json.operatori).toEqual(expected('int-002'));
    expect(other.json.operatori.map((o: { id: string }) => o.id)).not.toContain('op-001');
  });

  it('refuses a citizen with a 403 problem in Italian', async () => {
    const r = await call(h, 'GET', '/v1/operatori', { token: await login(h, 'cittadino1') });
    expect([r.status, problemCode(r)]).toEqual([403, 'SOLO_INTERMEDIARI']);
    expect(r.json.detail).toMatch(/intermediari/);
  });

  it('refuses a request without a token', async () => {
    const r = await call(h, 'GET', '/v1/operatori');
    expect([r.status, problemCode(r)]).toEqual([401, 'NON_AUTENTICATO']);
  });
});
