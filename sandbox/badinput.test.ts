// Fastify's own failures come out as problem+json with stable codes, and leave nothing behind.
import { describe, expect, it } from 'vitest';
import { call, problemCode, useSandbox } from './test/helpers';

describe('malformed requests', () => {
  const h = useSandbox({ size: 'tiny' });

  const booking = { 'idempotency-key': 'k-bad-input' };

  it('malformed JSON → 400 JSON_NON_VALIDO', async () => {
    const before = h.store.counts();
    const r = await call(h, 'POST', '/v1/appuntamenti', {
      token: h.token,
      headers: { ...booking, 'content-type': 'application/json' },
      body: '{"codiceRapporto": "12345',
    });
    expect([r.status, problemCode(r)]).toEqual([400, 'JSON_NON_VALIDO']);
    expect(h.store.counts()).toEqual(before);
  });

  it('wrong content type → 415 TIPO_CONTENUTO_NON_VALIDO', async () => {
    const before = h.store.counts();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/pdf']) {
      const r = await call(h, 'POST', '/v1/appuntamenti', { token: h.token, headers: { ...booking, 'content-type': type }, body: 'a=1' });
      expect([r.status, problemCode(r)]).toEqual([415, 'TIPO_CONTENUTO_NON_VALIDO']);
    }
    // And JSON where an upload is expected.
    const up = await call(h, 'PUT', `/v1/allegati/${'a'.repeat(64)}`, { token: h.token, json: { a: 1 } });
    expect([up.status, problemCode(up)]).toEqual([415, 'TIPO_CONTENUTO_NON_VALIDO']);
    expect(h.store.counts()).toEqual(before);
  });

  it('unknown fields → 400 INPUT_NON_VALIDO naming the field, in Italian', async () => {
    const r = await call(h, 'POST', '/v1/sessione', { json: { username: 'operatore1', password: 'demo', ruolo: 'admin' } });
    expect([r.status, problemCode(r)]).toEqual([400, 'INPUT_NON_VALIDO']);
    expect(r.json.errors[0].message).toContain('ruolo');
    expect(r.json.errors[0].message).toMatch(/non riconosciut/i);
    const q = await call(h, 'GET', '/v1/appuntamenti?foo=1', { token: h.token });
    expect([q.status, problemCode(q)]).toEqual([400, 'INPUT_NON_VALIDO']);
  });

  it('oversize JSON body → 413 CORPO_TROPPO_GRANDE', async () => {
    const before = h.store.counts();
    const r = await call(h, 'POST', '/v1/appuntamenti', {
      token: h.token,
      headers: booking,
      json: { codiceRapporto: '1234567890', nota: 'x'.repeat(100_000) },
    });
    expect([r.status, problemCode(r)]).toEqual([413, 'CORPO_TROPPO_GRANDE']);
    expect(h.store.counts()).toEqual(before);
  });

  it('invalid codice fiscale and codice rapporto → 400 INPUT_NON_VALIDO with the domain message', async () => {
    const cf = await call(h, 'GET', '/v1/appuntamenti?datoreCf=RSSMRA80A01H501X', { token: h.token });
    expect([cf.status, problemCode(cf)]).toEqual([400, 'INPUT_NON_VALIDO']);
    expect(cf.json.errors[0].message).toMatch(/codice fiscale/i);
    const rap = await call(h, 'GET', '/v1/appuntamenti?codiceRapporto=12345', { token: h.token });
    expect([rap.status, problemCode(rap)]).toEqual([400, 'INPUT_NON_VALIDO']);
    expect(rap.json.errors[0].message).toMatch(/10 cifre/);
    const admin = await call(h, 'POST', '/admin/deleghe', { json: { datoreCf: 'NONVALIDO', intermediarioId: 'int-002' } });
    expect([admin.status, problemCode(admin)]).toEqual([400, 'INPUT_NON_VALIDO']);
  });

  it('SQL-looking strings in search params are refused or matched literally', async () => {
    const before = h.store.counts();
    for (const q of [
      "codiceRapporto=1' OR '1'='1",
      'stato=confermato%27%20OR%201%3D1--',
      "dal=2026-01-01'; DROP TABLE appuntamenti;--",
      'datoreCf=%27%20OR%20%271%27%3D%271',
    ]) {
      const r = await call(h, 'GET', `/v1/appuntamenti?${q}`, { token: h.token });
      expect([r.status, problemCode(r)]).toEqual([400, 'INPUT_NON_VALIDO']);
    }
    const path = await call(h, 'GET', `/v1/appuntamenti/${encodeURIComponent("x' OR '1'='1")}`, { token: h.token });
    expect([path.status, problemCode(path)]).toEqual([404, 'NON_TROVATO']);
    expect(h.store.counts()).toEqual(before);
  });

  it('unknown routes → 404 problem+json', async () => {
    const r = await call(h, 'GET', '/v1/nulla');
    expect([r.status, problemCode(r)]).toEqual([404, 'NON_TROVATO']);
  });
});
