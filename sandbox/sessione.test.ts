import { describe, expect, it } from 'vitest';
import { SESSION_MINUTES } from './http/auth';
import { call, login, problemCode, useSandbox } from './test/helpers';

describe('POST /v1/sessione and bearer tokens', () => {
  const h = useSandbox({ size: 'tiny', login: false });

  it('logs an operator in and returns a token with its expiry on the sandbox clock', async () => {
    const r = await call(h, 'POST', '/v1/sessione', { json: { username: 'operatore1', password: 'demo' } });
    expect(r.status).toBe(200);
    expect(r.json.utente).toEqual({ username: 'operatore1', tipo: 'operatore', intermediarioId: 'int-001', operatoreId: 'op-001', datoreCf: null });
    expect(Date.parse(r.json.scadenza)).toBe(h.clock.nowMs() + SESSION_MINUTES * 60_000);
  });

  it('logs a citizen in', async () => {
    const r = await call(h, 'POST', '/v1/sessione', { json: { username: 'cittadino1', password: 'demo' } });
    expect(r.status).toBe(200);
    expect(r.json.utente.tipo).toBe('cittadino');
    expect(r.json.utente.datoreCf).toMatch(/^[A-Z0-9]{16}$/);
  });

  it('refuses wrong credentials with 401 problem+json, and creates no session', async () => {
    const before = h.store.counts().sessions;
    const wrong = await call(h, 'POST', '/v1/sessione', { json: { username: 'operatore1', password: 'x' } });
    const unknown = await call(h, 'POST', '/v1/sessione', { json: { username: 'nessuno', password: 'demo' } });
    expect([wrong.status, problemCode(wrong)]).toEqual([401, 'CREDENZIALI_NON_VALIDE']);
    // Same answer whether the user exists or not.
    expect(unknown.json).toEqual(wrong.json);
    expect(h.store.counts().sessions).toBe(before);
  });

  it('answers 401 for missing, malformed and unknown tokens', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer sconosciuto-token-xyz' }];
    for (const headers of cases) {
      const r = await call(h, 'GET', '/v1/impostazioni', { headers });
      expect([r.status, problemCode(r)]).toEqual([401, 'NON_AUTENTICATO']);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('expires tokens when the sandbox clock passes the scadenza', async () => {
    const token = await login(h);
    expect((await call(h, 'GET', '/v1/impostazioni', { token })).status).toBe(200);
    const adv = await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: SESSION_MINUTES + 1 } });
    expect(adv.status).toBe(200);
    const r = await call(h, 'GET', '/v1/impostazioni', { token });
    expect([r.status, problemCode(r)]).toEqual([401, 'NON_AUTENTICATO']);
    // A fresh login works again.
    expect((await call(h, 'GET', '/v1/impostazioni', { token: await login(h) })).status).toBe(200);
  });
});
