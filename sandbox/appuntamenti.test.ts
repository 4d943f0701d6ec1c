import { beforeAll, describe, expect, it } from 'vitest';
import type { Quesito } from '../electron/common/model';
import { call, freeSlot, login, pdfBytes, problemCode, quesitiFixtures, rapportoNonDelegato, sha256, useSandbox } from './test/helpers';
import { TESTO_MAX } from './http/schemas';

describe('appuntamenti: booking rules, idempotency, cancellation, search', () => {
  const h = useSandbox({ size: 'small' });
  let bookable: Quesito[];
  let keyN = 0;
  const nextKey = (): string => `chiave-${++keyN}`;

  beforeAll(() => {
    bookable = quesitiFixtures(h).bookable;
    expect(bookable.length).toBeGreaterThan(6);
  });

  /** Takes the next bookable quesito (each test books its own). */
  const takeQuesito = (): Quesito => {
    const q = bookable.shift();
    if (q === undefined) throw new Error('out of bookable quesiti');
    return q;
  };

  async function body(q: Quesito, extra: Record<string, unknown> = {}, skip = 0) {
    const slot = await freeSlot(h, h.token, 'presenza', skip);
    return { codiceRapporto: q.codiceRapporto, quesitiIds: [q.id], ...slot, modalita: 'presenza', allegati: [], ...extra };
  }

  const book = (b: unknown, key: string | null = nextKey(), t = h.token) =>
    call(h, 'POST', '/v1/appuntamenti', { token: t, json: b, headers: key === null ? {} : { 'idempotency-key': key } });

  /** Runs a refused request and checks nothing was written. */
  async function refused(b: unknown, status: number, code: string, key: string | null = nextKey()) {
    const before = h.store.counts();
    const r = await book(b, key);
    expect([r.status, problemCode(r)]).toEqual([status, code]);
    expect(h.store.counts()).toEqual(before);
    return r;
  }

  it('books a confermato appointment with allegati, visible in details with its history', async () => {
    const pdf = pdfBytes('busta paga');
    expect((await call(h, 'PUT', `/v1/allegati/${sha256(pdf)}`, { token: h.token, body: pdf, headers: { 'content-type': 'application/pdf' } })).status).toBe(
      201,
    );
    const q = takeQuesito();
    const b = await body(q, { nota: 'Portare le ricevute', allegati: [{ sha256: sha256(pdf), nomeFile: 'busta\u202epaga.pdf' }] });
    const r = await book(b);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      codiceRapporto: q.codiceRapporto,
      quesitiIds: [q.id],
      stato: 'confermato',
      gestitoDaIntermediario: true,
      operatoreId: 'op-001',
      nota: 'Portare le ricevute',
      sedeId: b.sedeId,
      data: b.data,
      ora: b.ora,
    });
    expect(r.json.allegati).toEqual([{ sha256: sha256(pdf), mime: 'application/pdf', dimensione: pdf.length, nomeFile: 'bustapaga.pdf' }]);
    const d = await call(h, 'GET', `/v1/appuntamenti/${r.json.id}`, { token: h.token });
    expect(d.status).toBe(200);
    expect(d.json).toEqual(r.json);
    expect(d.json.storico).toEqual([{ stato: 'confermato', il: r.json.creatoIl, motivo: null, da: null }]);
    // The slot is gone from the free list.
    const slots = await call(h, 'GET', `/v1/sedi/${b.sedeId}/slot?dal=${b.data}&al=${b.data}`, { token: h.token });
    expect(slots.json.slot).not.toContainEqual({ data: b.data, ora: b.ora });
  });

  it('requires an Idempotency-Key (400 IDEMPOTENCY_KEY_MANCANTE)', async () => {
    await refused(await body(bookable[0] as Quesito), 400, 'IDEMPOTENCY_KEY_MANCANTE', null);
  });

  it('answers a retry with the same key and body with the same appointment, byte for byte', async () => {
    const b = await body(takeQuesito());
    const key = nextKey();
    const first = await book(b, key);
    expect(first.status).toBe(201);
    const count = h.store.counts().appuntamenti;
    const again = await book(b, key);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(h.store.counts().appuntamenti).toBe(count);
    // Same key, other body → 422, nothing written.
    await refused({ ...b, nota: 'diversa' }, 422, 'IDEMPOTENCY_KEY_REUSED', key);
  });

  it('refuses a rapporto whose datore has no attiva delega to the caller, like an unknown one', async () => {
    const q = bookable[0] as Quesito;
    const altro = await refused({ ...(await body(q)), codiceRapporto: rapportoNonDelegato(h) }, 403, 'DELEGA_NON_ATTIVA');
    const inesistente = await refused({ ...(await body(q)), codiceRapporto: '0000000000' }, 403, 'DELEGA_NON_ATTIVA');
    expect(altro.json).toEqual(inesistente.json);
  });

  it('refuses a quesito that is not idoneo (422 QUESITO_NON_IDONEO)', async () => {
    const q = quesitiFixtures(h).nonIdonei[0];
    if (q === undefined) throw new Error('no non-idoneo quesito in the dataset');
    await refused(await body(q), 422, 'QUESITO_NON_IDONEO');
  });

  it('refuses a quesito of another rapporto (422 QUESITO_ALTRO_RAPPORTO)', async () => {
    const q = bookable[0] as Quesito;
    const other = bookable.find((x) => x.codiceRapporto !== q.codiceRapporto) as Quesito;
    await refused({ ...(await body(q)), quesitiIds: [q.id, other.id] }, 422, 'QUESITO_ALTRO_RAPPORTO');
    await refused({ ...(await body(q)), quesitiIds: ['q-inesistente'] }, 422, 'QUESITO_ALTRO_RAPPORTO');
  });

  it('refuses a quesito already in a confermato appointment (409 QUESITO_GIA_PRENOTATO)', async () => {
    const q = quesitiFixtures(h).booked[0] as Quesito;
    await refused(await body(q), 409, 'QUESITO_GIA_PRENOTATO');
  });

  it('refuses allegati not uploaded (422 ALLEGATO_MANCANTE) and more than three (422 TROPPI_ALLEGATI)', async () => {
    const q = bookable[0] as Quesito;
    await refused(await body(q, { allegati: [{ sha256: 'f'.repeat(64), nomeFile: 'x.pdf' }] }), 422, 'ALLEGATO_MANCANTE');
    const four = [];
    for (let i = 0; i < 4; i++) {
      const bytes = pdfBytes(`n${i}`);
      await call(h, 'PUT', `/v1/allegati/${sha256(bytes)}`, { token: h.token, body: bytes, headers: { 'content-type': 'application/pdf' } });
      four.push({ sha256: sha256(bytes), nomeFile: `f${i}.pdf` });
    }
    await refused(await body(q, { allegati: four }), 422, 'TROPPI_ALLEGATI');
  });

  it('refuses a mode the sede does not offer (422 MODALITA_NON_DISPONIBILE)', async () => {
    const sede = h.store.sedi().find((s) => !s.modalita.includes('videochiamata'));
    if (sede === undefined) throw new Error('every sede offers videochiamata');
    const q = bookable[0] as Quesito;
    await refused({ ...(await body(q)), sedeId: sede.id, modalita: 'videochiamata' }, 422, 'MODALITA_NON_DISPONIBILE');
  });

  it('refuses slots that are taken, closed, misaligned or past (409 SLOT_NON_DISPONIBILE)', async () => {
    const q = bookable[0] as Quesito;
    const b = await body(q);
    const taken = h.store.db
      .prepare("SELECT sede_id AS sedeId, giorno AS data, ora FROM appuntamenti WHERE stato = 'confermato' AND giorno > ? LIMIT 1")
      .get(h.clock.today()) as { sedeId: string; data: string; ora: string };
    await refused({ ...b, ...taken, modalita: 'presenza', sedeId: taken.sedeId }, 409, 'SLOT_NON_DISPONIBILE');
    await refused({ ...b, ora: '03:00' }, 409, 'SLOT_NON_DISPONIBILE');
    await refused({ ...b, ora: `${b.ora.slice(0, 3)}07` }, 409, 'SLOT_NON_DISPONIBILE');
    await refused({ ...b, data: '2026-11-29' }, 409, 'SLOT_NON_DISPONIBILE'); // a Sunday
    await refused({ ...b, data: '2026-12-25' }, 409, 'SLOT_NON_DISPONIBILE'); // Natale
    await refused({ ...b, data: '2026-11-20' }, 409, 'SLOT_NON_DISPONIBILE'); // past
  });

  it('lets exactly one of two concurrent bookings of one slot win (201 + 409)', async () => {
    const q1 = takeQuesito();
    const q2 = bookable.find((x) => x.codiceRapporto !== q1.codiceRapporto) as Quesito;
    bookable.splice(bookable.indexOf(q2), 1);
    const slot = await freeSlot(h, h.token);
    const before = h.store.counts().appuntamenti;
    const mk = (q: Quesito) => ({ codiceRapporto: q.codiceRapporto, quesitiIds: [q.id], ...slot, modalita: 'presenza', allegati: [] });
    const [a, b] = await Promise.all([book(mk(q1)), book(mk(q2))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(problemCode(loser)).toBe('SLOT_NON_DISPONIBILE');
    expect(h.store.counts().appuntamenti).toBe(before + 1);
  });

  it('refuses a nota over the advertised length and an unknown sede, writing nothing', async () => {
    const q = bookable[0] as Quesito;
    const long = await refused(await body(q, { nota: 'x'.repeat(1001) }), 400, 'INPUT_NON_VALIDO');
    expect(long.json.errors[0].path).toBe('body.nota');
    await refused({ ...(await body(q)), sedeId: 'sede-999' }, 404, 'NON_TROVATO');
  });

  it('refuses allegati whose total exceeds the cap (422 ALLEGATI_TROPPO_GRANDI)', async () => {
    const list = [];
    for (const n of ['a', 'b']) {
      const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${n}\n`), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
      const up = await call(h, 'PUT', `/v1/allegati/${sha256(bytes)}`, { token: h.token, body: bytes, headers: { 'content-type': 'application/pdf' } });
      expect(up.status).toBe(201);
      list.push({ sha256: sha256(bytes), nomeFile: `${n}.pdf` });
    }
    await refused(await body(bookable[0] as Quesito, { allegati: list }), 422, 'ALLEGATI_TROPPO_GRANDI');
  });

  it("lets a citizen book for their own rapporti (not intermediary-managed) and nobody else's", async () => {
    const citizen = await login(h, 'cittadino1');
    const cf = h.store.db.prepare("SELECT datore_cf AS cf FROM accounts WHERE username = 'cittadino1'").get() as { cf: string };
    // A fresh quesito on one of the citizen's rapporti, answered negativo: surely idoneo.
    const rapporto = h.store.db.prepare('SELECT codice FROM rapporti WHERE datore_cf = ? LIMIT 1').get(cf.cf) as { codice: string };
    const q = await call(h, 'POST', '/admin/quesiti', { json: { codiceRapporto: rapporto.codice, argomento: 'contributi', oggetto: 'Contributi mancanti' } });
    await call(h, 'POST', `/admin/quesiti/${q.json.id}/esito`, { json: { esito: 'negativo' } });
    const slot = await freeSlot(h, citizen, 'presenza', 3);
    const other = bookable[0] as Quesito;
    const before = h.store.counts();
    const foreign = await call(h, 'POST', '/v1/appuntamenti', {
      token: citizen,
      headers: { 'idempotency-key': 'cit-foreign' },
      json: { codiceRapporto: other.codiceRapporto, quesitiIds: [other.id], ...slot, modalita: 'presenza', allegati: [] },
    });
    expect([foreign.status, problemCode(foreign)]).toEqual([404, 'NON_TROVATO']);
    expect(h.store.counts()).toEqual(before);
    const r = await call(h, 'POST', '/v1/appuntamenti', {
      token: citizen,
      headers: { 'idempotency-key': 'cit-own' },
      json: { codiceRapporto: rapporto.codice, quesitiIds: [q.json.id], ...slot, modalita: 'presenza', allegati: [] },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ gestitoDaIntermediario: false, operatoreId: null, datoreCf: cf.cf });
    // The citizen's search can exclude intermediary-managed appointments.
    const mine = await call(h, 'GET', '/v1/appuntamenti?gestitoDaIntermediario=false&limit=500', { token: citizen });
    expect(mine.json.appuntamenti.map((a: { id: string }) => a.id)).toContain(r.json.id);
  });

  it('cancels a confermato appointment, idempotently; refuses other states (409)', async () => {
    const created = await book(await body(takeQuesito()));
    const id = created.json.id as string;
    const c1 = await call(h, 'POST', `/v1/appuntamenti/${id}/cancellazione`, { token: h.token, json: { motivo: 'Non serve più' } });
    expect(c1.status).toBe(200);
    expect(c1.json).toMatchObject({ stato: 'cancellato', cancellatoDa: 'utente', motivoStato: 'Non serve più' });
    expect(c1.json.storico.map((s: { stato: string }) => s.stato)).toEqual(['confermato', 'cancellato']);
    const c2 = await call(h, 'POST', `/v1/appuntamenti/${id}/cancellazione`, { token: h.token });
    expect(c2.status).toBe(200);
    expect(c2.json).toEqual(c1.json);
    // Its quesito is free again.
    const rebook = await book(await body({ id: created.json.quesitiIds[0], codiceRapporto: created.json.codiceRapporto } as Quesito));
    expect(rebook.status).toBe(201);
    // chiuso_definito by the sede cannot be cancelled.
    const closed = await call(h, 'POST', `/admin/appuntamenti/${rebook.json.id}/chiusura`, { json: { motivo: 'Risolto' } });
    expect(closed.json.stato).toBe('chiuso_definito');
    const r = await call(h, 'POST', `/v1/appuntamenti/${rebook.json.id}/cancellazione`, { token: h.token });
    expect([r.status, problemCode(r)]).toEqual([409, 'STATO_NON_CANCELLABILE']);
  });

  it("hides another intermediary's appointments behind the same 404 as unknown ones", async () => {
    const mine = h.store.db
      .prepare("SELECT a.id FROM appuntamenti a JOIN deleghe d ON d.datore_cf = a.datore_cf AND d.stato = 'attiva' AND d.intermediario_id = 'int-001' LIMIT 1")
      .get() as { id: string };
    const other = await login(h, 'operatore5'); // int-002
    const seen = await call(h, 'GET', `/v1/appuntamenti/${mine.id}`, { token: other });
    const unknown = await call(h, 'GET', '/v1/appuntamenti/app-nessuno', { token: other });
    expect([seen.status, problemCode(seen)]).toEqual([404, 'NON_TROVATO']);
    expect(seen.json).toEqual(unknown.json);
    const before = h.store.counts();
    for (const path of [`/v1/appuntamenti/${mine.id}/cancellazione`, `/v1/appuntamenti/${mine.id}/comunicazioni`]) {
      const r = await call(h, 'POST', path, {
        token: other,
        ...(path.endsWith('comunicazioni') ? { json: { testo: 'ciao' }, headers: { 'idempotency-key': 'com-altrui' } } : { json: {} }),
      });
      expect([r.status, problemCode(r)]).toEqual([404, 'NON_TROVATO']);
    }
    expect((await call(h, 'GET', `/v1/appuntamenti/${mine.id}/comunicazioni`, { token: other })).status).toBe(404);
    expect(h.store.counts()).toEqual(before);
    // And their search never lists it.
    const list = await call(h, 'GET', '/v1/appuntamenti?limit=500', { token: other });
    expect(list.json.appuntamenti.map((a: { id: string }) => a.id)).not.toContain(mine.id);
  });

  it('searches by codiceRapporto, stato, date range and gestitoDaIntermediario, only among delegated employers', async () => {
    const all = await call(h, 'GET', '/v1/appuntamenti?limit=500', { token: h.token });
    expect(all.status).toBe(200);
    const delegati = new Set(
      (h.store.db.prepare("SELECT datore_cf AS cf FROM deleghe WHERE stato = 'attiva' AND intermediario_id = 'int-001'").all() as { cf: string }[]).map(
        (r) => r.cf,
      ),
    );
    for (const a of all.json.appuntamenti) expect(delegati.has(a.datoreCf)).toBe(true);
    const sample = all.json.appuntamenti[0];
    const byRapporto = await call(h, 'GET', `/v1/appuntamenti?codiceRapporto=${sample.codiceRapporto}`, { token: h.token });
    expect(byRapporto.json.appuntamenti.length).toBeGreaterThan(0);
    for (const a of byRapporto.json.appuntamenti) expect(a.codiceRapporto).toBe(sample.codiceRapporto);
    const filtered = await call(h, 'GET', '/v1/appuntamenti?stato=cancellato&dal=2026-01-01&al=2026-12-31&gestitoDaIntermediario=false&limit=500', {
      token: h.token,
    });
    for (const a of filtered.json.appuntamenti) {
      expect(a).toMatchObject({ stato: 'cancellato', gestitoDaIntermediario: false });
      expect(a.data >= '2026-01-01' && a.data <= '2026-12-31').toBe(true);
    }
    const page = await call(h, 'GET', '/v1/appuntamenti?limit=2', { token: h.token });
    expect(page.json.appuntamenti).toHaveLength(2);
    expect(page.json.hasMore).toBe(true);
  });

  it('lets a citizen see only their own appointments, including or excluding intermediary-managed ones', async () => {
    const citizen = await login(h, 'cittadino1');
    const r = await call(h, 'GET', '/v1/appuntamenti?limit=500', { token: citizen });
    const cfs = new Set(r.json.appuntamenti.map((a: { datoreCf: string }) => a.datoreCf));
    expect(cfs.size).toBeLessThanOrEqual(1);
    const own = await call(h, 'GET', '/v1/appuntamenti?limit=500&gestitoDaIntermediario=false', { token: citizen });
    for (const a of own.json.appuntamenti) expect(a.gestitoDaIntermediario).toBe(false);
    const changes = await call(h, 'GET', '/v1/changes', { token: citizen });
    expect([changes.status, problemCode(changes)]).toEqual([403, 'SOLO_INTERMEDIARI']);
  });

  it('reads and adds comunicazioni (only on confermato appointments)', async () => {
    const created = await book(await body(takeQuesito()));
    const id = created.json.id as string;
    const comunica = (testo: string, key: string | null) =>
      call(h, 'POST', `/v1/appuntamenti/${id}/comunicazioni`, { token: h.token, json: { testo }, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
    const post = await comunica('Arriveremo 10 minuti prima.', 'com-1');
    expect(post.status).toBe(201);
    expect(post.json).toMatchObject({ appuntamentoId: id, autore: 'intermediario', testo: 'Arriveremo 10 minuti prima.' });
    const fromSede = await call(h, 'POST', `/admin/appuntamenti/${id}/comunicazioni`, { json: { testo: 'Portare il documento.' } });
    expect(fromSede.json.autore).toBe('sede');
    const list = await call(h, 'GET', `/v1/appuntamenti/${id}/comunicazioni`, { token: h.token });
    expect(list.json.comunicazioni.map((c: { autore: string }) => c.autore)).toEqual(['intermediario', 'sede']);
    const empty = await comunica('   ', 'com-2');
    expect([empty.status, problemCode(empty)]).toEqual([400, 'INPUT_NON_VALIDO']);
    const tooLong = await comunica('x'.repeat(TESTO_MAX + 1), 'com-2');
    expect([tooLong.status, problemCode(tooLong)]).toEqual([400, 'INPUT_NON_VALIDO']);
    const keyless = await comunica('Senza chiave', null);
    expect([keyless.status, problemCode(keyless)]).toEqual([400, 'IDEMPOTENCY_KEY_MANCANTE']);
    await call(h, 'POST', `/admin/appuntamenti/${id}/disdetta`, { json: { motivo: 'Sede chiusa per lavori' } });
    const before = h.store.counts().comunicazioni;
    const late = await comunica('ancora?', 'com-3');
    expect([late.status, problemCode(late)]).toEqual([409, 'STATO_NON_MODIFICABILE']);
    expect(h.store.counts().comunicazioni).toBe(before);
    // A retry of the first one (its answer lost) gets the same comunicazione, even now; the same key for other text is refused.
    const replay = await comunica('Arriveremo 10 minuti prima.', 'com-1');
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.text]).toEqual([201, 'true', post.text]);
    const reused = await comunica('Altro testo', 'com-1');
    expect([reused.status, problemCode(reused)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(h.store.counts().comunicazioni).toBe(before);
    // A disdetta is not the user's cancellation: cancelling it is refused.
    const cancel = await call(h, 'POST', `/v1/appuntamenti/${id}/cancellazione`, { token: h.token });
    expect([cancel.status, problemCode(cancel)]).toEqual([409, 'STATO_NON_CANCELLABILE']);
  });
});
