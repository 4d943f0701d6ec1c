import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Quesito } from '../electron/common/model';
import { startSandbox } from './index';
import { call, freeSlot, login, problemCode, quesitiFixtures, rapportiDelegati, start, useSandbox } from './test/helpers';

describe('admin routes: sede, INPS and the clock', () => {
  const h = useSandbox({ size: 'small' });

  it('reads, advances and sets the clock; refuses ambiguous input', async () => {
    const now = await call(h, 'GET', '/admin/clock');
    expect(now.json.oggi).toBe('2026-11-25');
    const adv = await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: 24 * 60 } });
    expect(adv.json.oggi).toBe('2026-11-26');
    const set = await call(h, 'POST', '/admin/clock', { json: { setTo: '2026-11-25T06:00:00.000Z' } });
    expect(set.json).toEqual({ now: '2026-11-25T06:00:00.000Z', oggi: '2026-11-25' });
    const both = await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: 1, setTo: '2026-11-25T06:00:00Z' } });
    expect([both.status, problemCode(both)]).toEqual([400, 'INPUT_NON_VALIDO']);
  });

  it('creates a quesito (in attesa: not bookable), then answers it negativo (bookable)', async () => {
    const codiceRapporto = rapportiDelegati(h, 'int-001')[0] as string;
    const q = await call(h, 'POST', '/admin/quesiti', { json: { codiceRapporto, argomento: 'mav', oggetto: 'MAV non pervenuto' } });
    expect(q.status).toBe(201);
    expect(q.json).toMatchObject({ codiceRapporto, esito: 'in_attesa', dataInvio: '2026-11-25', dataEsito: null });
    const slot = await freeSlot(h, h.token);
    const booking = { codiceRapporto, quesitiIds: [q.json.id], ...slot, modalita: 'presenza', allegati: [] };
    const refused = await call(h, 'POST', '/v1/appuntamenti', { token: h.token, json: booking, headers: { 'idempotency-key': 'q-1' } });
    expect([refused.status, problemCode(refused)]).toEqual([422, 'QUESITO_NON_IDONEO']);
    const esito = await call(h, 'POST', `/admin/quesiti/${q.json.id}/esito`, { json: { esito: 'negativo', motivoEsito: 'Pagamento non trovato' } });
    expect(esito.json).toMatchObject({ esito: 'negativo', dataEsito: '2026-11-25', motivoEsito: 'Pagamento non trovato' });
    const ok = await call(h, 'POST', '/v1/appuntamenti', { token: h.token, json: booking, headers: { 'idempotency-key': 'q-2' } });
    expect(ok.status).toBe(201);
    const unknown = await call(h, 'POST', '/admin/quesiti', { json: { codiceRapporto: '0000000000', argomento: 'mav', oggetto: 'x' } });
    expect([unknown.status, problemCode(unknown)]).toEqual([404, 'NON_TROVATO']);
  });

  it('makes an in-attesa quesito idoneo once the clock passes its termine', async () => {
    const codiceRapporto = rapportiDelegati(h, 'int-001')[1] as string;
    const q = await call(h, 'POST', '/admin/quesiti', { json: { codiceRapporto, argomento: 'mav', oggetto: 'MAV errato' } });
    await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: 60 * 24 * 60 } }); // 60 days > 30 working days
    const t = await login(h);
    const slot = await freeSlot(h, t);
    const r = await call(h, 'POST', '/v1/appuntamenti', {
      token: t,
      json: { codiceRapporto, quesitiIds: [q.json.id], ...slot, modalita: 'presenza', allegati: [] },
      headers: { 'idempotency-key': 'termine' },
    });
    expect(r.status).toBe(201);
    await call(h, 'POST', '/admin/clock', { json: { setTo: '2026-11-25T06:00:00.000Z' } });
  });

  it('closes (chiuso_definito) and disdice appointments, only from confermato', async () => {
    const [a, b] = h.store.db.prepare("SELECT id FROM appuntamenti WHERE stato = 'confermato' ORDER BY id LIMIT 2").all() as { id: string }[];
    const c = await call(h, 'POST', `/admin/appuntamenti/${a?.id}/chiusura`, { json: { motivo: 'Risolto senza presenza' } });
    expect(c.json).toMatchObject({ stato: 'chiuso_definito', motivoStato: 'Risolto senza presenza', cancellatoDa: null });
    const d = await call(h, 'POST', `/admin/appuntamenti/${b?.id}/disdetta`, { json: { motivo: 'Sede chiusa' } });
    expect(d.json).toMatchObject({ stato: 'cancellato', cancellatoDa: 'sede', motivoStato: 'Sede chiusa' });
    expect(d.json.storico.at(-1)).toMatchObject({ stato: 'cancellato', da: 'sede', motivo: 'Sede chiusa' });
    const again = await call(h, 'POST', `/admin/appuntamenti/${a?.id}/disdetta`, { json: { motivo: 'x' } });
    expect([again.status, problemCode(again)]).toEqual([409, 'STATO_NON_MODIFICABILE']);
    const none = await call(h, 'POST', '/admin/appuntamenti/app-x/chiusura', { json: { motivo: 'x' } });
    expect([none.status, problemCode(none)]).toEqual([404, 'NON_TROVATO']);
  });

  it("closes a sede for a day: the sede changes for everyone, that day's bookings are disdetti", async () => {
    const a = h.store.db
      .prepare("SELECT sede_id AS sedeId, giorno FROM appuntamenti WHERE stato = 'confermato' AND giorno > '2026-11-25' ORDER BY giorno LIMIT 1")
      .get() as { sedeId: string; giorno: string };
    const r = await call(h, 'POST', `/admin/sedi/${a.sedeId}/chiusure`, { json: { data: a.giorno, motivo: 'Sciopero' } });
    expect(r.status).toBe(200);
    expect(r.json.sede.chiusure).toContain(a.giorno);
    expect(r.json.disdetti.length).toBeGreaterThan(0);
    for (const id of r.json.disdetti) expect(h.store.appuntamento(id)).toMatchObject({ stato: 'cancellato', cancellatoDa: 'sede', motivoStato: 'Sciopero' });
    const slots = await call(h, 'GET', `/v1/sedi/${a.sedeId}/slot?dal=${a.giorno}&al=${a.giorno}`, { token: h.token });
    expect(slots.json.slot).toEqual([]);
    const last = h.store.db.prepare("SELECT entity, audience FROM changes WHERE entity = 'sede' ORDER BY seq DESC LIMIT 1").get();
    expect(last).toEqual({ entity: 'sede', audience: '*' });
  });

  it('ends deleghe by hand (revocata from attiva, annullata from da_attivare), refusing other moves', async () => {
    const attiva = h.store.db
      .prepare("SELECT id, datore_cf AS cf FROM deleghe WHERE stato = 'attiva' AND intermediario_id = 'int-001' ORDER BY id LIMIT 1")
      .get() as { id: string; cf: string };
    const r = await call(h, 'POST', `/admin/deleghe/${attiva.id}/fine`, { json: { stato: 'revocata', motivo: 'Revoca del datore' } });
    expect(r.json).toMatchObject({ stato: 'revocata', motivoFine: 'Revoca del datore', dataFine: '2026-11-25' });
    expect(h.store.intermediarioAttivo(attiva.cf)).toBeNull();
    const again = await call(h, 'POST', `/admin/deleghe/${attiva.id}/fine`, { json: { stato: 'annullata', motivo: 'x' } });
    expect([again.status, problemCode(again)]).toEqual([409, 'STATO_DELEGA_NON_VALIDO']);
    const nuova = await call(h, 'POST', '/admin/deleghe', { json: { datoreCf: attiva.cf, intermediarioId: 'int-001', stato: 'da_attivare' } });
    const ann = await call(h, 'POST', `/admin/deleghe/${nuova.json.id}/fine`, { json: { stato: 'annullata', motivo: 'Modulo errato' } });
    expect(ann.json.stato).toBe('annullata');
    // No attiva delega: booking for that datore is refused.
    const rapporto = h.store.db.prepare('SELECT codice FROM rapporti WHERE datore_cf = ? LIMIT 1').get(attiva.cf) as { codice: string };
    const before = h.store.counts();
    const b = await call(h, 'POST', '/v1/appuntamenti', {
      token: h.token,
      headers: { 'idempotency-key': 'revocata' },
      json: { codiceRapporto: rapporto.codice, quesitiIds: ['q-000001'], ...(await freeSlot(h, h.token)), modalita: 'presenza', allegati: [] },
    });
    expect([b.status, problemCode(b)]).toEqual([403, 'DELEGA_NON_ATTIVA']);
    expect(h.store.counts()).toEqual(before);
  });

  it('reseeds a dataset of a given size from a seed, dropping sessions and the feed', async () => {
    const plain = await start({ size: 'small', admin: true });
    try {
      const before = plain.store.db.prepare('SELECT max(seq) AS m FROM changes').get() as { m: number };
      const r = await call(plain, 'POST', '/admin/seed', { json: { seed: 11, size: 'tiny' } });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ seed: 11, size: 'tiny', today: '2026-11-25', counts: { deleghe: 13, sessions: 0 } });
      expect(plain.store.meta('seed')).toBe('11');
      // Sequence numbers keep growing: an old cursor never hides the new data.
      const min = plain.store.db.prepare('SELECT min(seq) AS m FROM changes').get() as { m: number };
      expect(min.m).toBeGreaterThan(before.m);
      expect((await call(plain, 'POST', '/admin/seed', { json: { seed: 1, size: 'huge' } })).status).toBe(400);
    } finally {
      await plain.close();
    }
  });

  it('ends attiva deleghe once the clock passes their dataScadenza', async () => {
    const row = h.store.db
      .prepare(
        "SELECT id, json_extract(data, '$.dataScadenza') AS scadenza FROM deleghe WHERE stato = 'attiva' AND json_extract(data, '$.dataScadenza') IS NOT NULL ORDER BY 2 LIMIT 1",
      )
      .get() as { id: string; scadenza: string };
    await call(h, 'POST', '/admin/clock', { json: { setTo: `${row.scadenza}T20:00:00.000Z` } });
    expect(h.store.delega(row.id)?.stato).toBe('attiva'); // still valid on its last day
    await call(h, 'POST', '/admin/clock', { json: { advanceMinutes: 24 * 60 } });
    await call(h, 'GET', '/v1/impostazioni');
    expect(h.store.delega(row.id)).toMatchObject({ stato: 'revocata', dataFine: row.scadenza, motivoFine: 'Delega scaduta.' });
    const last = h.store.db.prepare("SELECT data FROM changes WHERE entity = 'delega' ORDER BY seq DESC").all() as { data: string }[];
    expect(last.some((c) => JSON.parse(c.data).id === row.id && JSON.parse(c.data).stato === 'revocata')).toBe(true);
    await call(h, 'POST', '/admin/clock', { json: { setTo: '2026-11-25T06:00:00.000Z' } });
  });

  it('answers admin routes only on loopback', async () => {
    const ip = Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;
    if (ip === undefined) return; // no non-loopback interface on this machine
    const open = await startSandbox({ size: 'tiny', host: '0.0.0.0', admin: true });
    try {
      const remote = await fetch(`http://${ip}:${open.port}/admin/clock`);
      expect(remote.status).toBe(403);
      expect(((await remote.json()) as { code: string }).code).toBe('SOLO_LOOPBACK');
      const local = await fetch(`http://127.0.0.1:${open.port}/admin/clock`);
      expect(local.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('has no admin routes unless enabled', async () => {
    const plain = await start({ size: 'tiny', admin: false });
    try {
      const r = await call(plain, 'POST', '/admin/clock', { json: { advanceMinutes: 1 } });
      expect([r.status, problemCode(r)]).toEqual([404, 'NON_TROVATO']);
      expect(plain.routes.some((x) => x.includes('/admin'))).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

describe('fault injection', () => {
  const h = useSandbox({ size: 'small' });

  const faults = (f: Record<string, number>) => call(h, 'POST', '/admin/faults', { json: f });
  const off = () => faults({});

  it('answers 500 problem+json at errorRate 1, never on /admin or /openapi.json, and processes nothing', async () => {
    await faults({ errorRate: 1 });
    const r = await call(h, 'GET', '/v1/impostazioni', { token: h.token });
    expect([r.status, problemCode(r)]).toEqual([500, 'ERRORE_SIMULATO']);
    const sessions = h.store.counts().sessions;
    expect((await call(h, 'POST', '/v1/sessione', { json: { username: 'operatore1', password: 'demo' } })).status).toBe(500);
    expect(h.store.counts().sessions).toBe(sessions);
    expect((await call(h, 'GET', '/openapi.json')).status).toBe(200);
    expect((await call(h, 'GET', '/admin/faults')).json.errorRate).toBe(1);
    await off();
    expect((await call(h, 'GET', '/v1/impostazioni', { token: h.token })).status).toBe(200);
  });

  it('resets connections at resetRate 1', async () => {
    await faults({ resetRate: 1 });
    await expect(fetch(`${h.url}/v1/impostazioni`, { headers: { authorization: `Bearer ${h.token}` } })).rejects.toThrow();
    // Reset before processing: a login under reset creates no session.
    const sessions = h.store.counts().sessions;
    await expect(call(h, 'POST', '/v1/sessione', { json: { username: 'operatore1', password: 'demo' } })).rejects.toThrow();
    await off();
    expect(h.store.counts().sessions).toBe(sessions);
  });

  it('holds requests unanswered at timeoutRate 1 until the client gives up', async () => {
    await faults({ timeoutRate: 1 });
    await expect(fetch(`${h.url}/v1/impostazioni`, { headers: { authorization: `Bearer ${h.token}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const sessions = h.store.counts().sessions;
    await expect(
      fetch(`${h.url}/v1/sessione`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'operatore1', password: 'demo' }),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    await off();
    expect(h.store.counts().sessions).toBe(sessions);
  });

  it('adds latency without changing the answer', async () => {
    await faults({ latencyMs: 20 });
    expect((await call(h, 'GET', '/v1/impostazioni', { token: h.token })).status).toBe(200);
    await off();
  });

  it('"delivered twice": commits, drops the answer; the retry gets the same appointment', async () => {
    const q = quesitiFixtures(h).bookable[0] as Quesito;
    const slot = await freeSlot(h, h.token);
    const init = {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json', 'idempotency-key': 'dup-1' },
      body: JSON.stringify({ codiceRapporto: q.codiceRapporto, quesitiIds: [q.id], ...slot, modalita: 'presenza', allegati: [] }),
    };
    const before = h.store.counts().appuntamenti;
    await faults({ duplicateRate: 1 });
    await expect(fetch(`${h.url}/v1/appuntamenti`, init)).rejects.toThrow();
    expect(h.store.counts().appuntamenti).toBe(before + 1);
    await off();
    const retry = await fetch(`${h.url}/v1/appuntamenti`, init);
    expect(retry.status).toBe(201);
    const body = (await retry.json()) as { quesitiIds: string[]; sedeId: string };
    expect(body).toMatchObject({ quesitiIds: [q.id], sedeId: slot.sedeId });
    expect(h.store.counts().appuntamenti).toBe(before + 1);
  });

  it('is deterministic for a seed', async () => {
    const run = async (): Promise<number[]> => {
      await faults({ errorRate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 16; i++) out.push((await call(h, 'GET', '/v1/impostazioni', { token: h.token })).status);
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 500]));
    await off();
  });

  it('validates the fault configuration', async () => {
    const r = await faults({ errorRate: 0.7, resetRate: 0.7 });
    expect([r.status, problemCode(r)]).toEqual([400, 'INPUT_NON_VALIDO']);
    const unknown = await faults({ chaos: 1 });
    expect([unknown.status, problemCode(unknown)]).toEqual([400, 'INPUT_NON_VALIDO']);
  });
});
