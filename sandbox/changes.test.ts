import { beforeAll, describe, expect, it } from 'vitest';
import type { Appuntamento, Delega, Quesito } from '../electron/common/model';
import type { SandboxHandle } from './index';
import { call, freeSlot, login, problemCode, quesitiFixtures, useSandbox } from './test/helpers';

interface Change {
  seq: number;
  entity: string;
  op: string;
  data: Record<string, unknown>;
}

async function readAll(h: SandboxHandle, token: string, since = '', limit = 100): Promise<{ changes: Change[]; cursor: string; pages: number }> {
  const changes: Change[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const r = await call(h, 'GET', `/v1/changes?since=${encodeURIComponent(cursor)}&limit=${limit}`, { token });
    if (r.status !== 200) throw new Error(r.text);
    changes.push(...(r.json.changes as Change[]));
    cursor = r.json.nextCursor as string;
    pages++;
    if (!r.json.hasMore) return { changes, cursor, pages };
  }
}

describe('GET /v1/changes', () => {
  const h = useSandbox({ size: 'small', login: false });
  let op1: string; // int-001
  let op5: string; // int-002
  let op7: string; // int-003
  beforeAll(async () => {
    [op1, op5, op7] = await Promise.all([login(h, 'operatore1'), login(h, 'operatore5'), login(h, 'operatore7')]);
  });

  it('pages through everything visible to the intermediary, in seq order, each change once', async () => {
    const { changes, pages } = await readAll(h, op1, '', 100);
    expect(pages).toBeGreaterThan(1);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const expected = (h.store.db.prepare("SELECT count(*) AS n FROM changes WHERE audience IN ('*', 'int-001')").get() as { n: number }).n;
    expect(changes).toHaveLength(expected);
    const entities = new Set(changes.map((c) => c.entity));
    expect([...entities].sort()).toEqual(['appuntamento', 'argomento', 'comunicazione', 'datore', 'delega', 'quesito', 'rapporto', 'sede']);
    for (const c of changes) expect(c.op).toBe('upsert');
    // The records are the model.ts records.
    const app = changes.find((c) => c.entity === 'appuntamento')?.data as unknown as Appuntamento;
    expect(h.store.appuntamento(app.id)).toEqual(app);
    // Deleghe: only the caller's. Datore records: only those it holds an attiva delega for.
    const delegati = new Set(changes.filter((c) => c.entity === 'delega' && c.data.stato === 'attiva').map((c) => c.data.datoreCf as string));
    for (const c of changes) {
      if (c.entity === 'delega') expect(c.data.intermediarioId).toBe('int-001');
      if (c.entity === 'appuntamento' || c.entity === 'rapporto') expect(delegati.has(c.data.datoreCf as string)).toBe(true);
    }
    // Parents before children, so a client can apply pages in order under foreign keys.
    const seen = {
      datore: new Set<unknown>(),
      rapporto: new Set<unknown>(),
      quesito: new Set<unknown>(),
      appuntamento: new Set<unknown>(),
      sede: new Set<unknown>(),
    };
    for (const c of changes) {
      const d = c.data;
      if (c.entity === 'datore') seen.datore.add(d.codiceFiscale);
      if (c.entity === 'sede') seen.sede.add(d.id);
      if (c.entity === 'delega' || c.entity === 'rapporto') expect(seen.datore.has(d.datoreCf)).toBe(true);
      if (c.entity === 'rapporto') seen.rapporto.add(d.codice);
      if (c.entity === 'quesito') {
        expect(seen.rapporto.has(d.codiceRapporto)).toBe(true);
        seen.quesito.add(d.id);
      }
      if (c.entity === 'appuntamento') {
        expect(seen.rapporto.has(d.codiceRapporto) && seen.sede.has(d.sedeId)).toBe(true);
        for (const q of d.quesitiIds as string[]) expect(seen.quesito.has(q)).toBe(true);
        seen.appuntamento.add(d.id);
      }
      if (c.entity === 'comunicazione') expect(seen.appuntamento.has(d.appuntamentoId)).toBe(true);
    }
  });

  it("never shows one intermediary's records to another", async () => {
    const { changes } = await readAll(h, op5, '', 5000);
    const own = new Set(
      (h.store.db.prepare("SELECT datore_cf AS cf FROM deleghe WHERE intermediario_id = 'int-002' AND stato = 'attiva'").all() as { cf: string }[]).map(
        (r) => r.cf,
      ),
    );
    for (const c of changes) {
      if (c.entity === 'delega') expect(c.data.intermediarioId).toBe('int-002');
      if (c.entity === 'appuntamento' || c.entity === 'rapporto') expect(own.has(c.data.datoreCf as string)).toBe(true);
    }
  });

  it('refuses foreign cursors and limits over the maximum', async () => {
    const bad = await call(h, 'GET', '/v1/changes?since=12345', { token: op1 });
    expect([bad.status, problemCode(bad)]).toEqual([400, 'CURSORE_NON_VALIDO']);
    const big = await call(h, 'GET', '/v1/changes?limit=5001', { token: op1 });
    expect([big.status, problemCode(big)]).toEqual([400, 'INPUT_NON_VALIDO']);
  });

  it('never skips a change committed while pages are being read (concurrent writes)', async () => {
    let { cursor } = await readAll(h, op1, '', 5000);
    const { bookable } = quesitiFixtures(h);
    const created: string[] = [];
    const seen: Change[] = [];
    // Interleave bookings with small-page reads.
    for (let i = 0; i < 6; i++) {
      const q = bookable[i] as Quesito;
      const slot = await freeSlot(h, op1, 'presenza', i);
      const [booking, page] = await Promise.all([
        call(h, 'POST', '/v1/appuntamenti', {
          token: op1,
          headers: { 'idempotency-key': `feed-${i}` },
          json: { codiceRapporto: q.codiceRapporto, quesitiIds: [q.id], ...slot, modalita: 'presenza', allegati: [] },
        }),
        call(h, 'GET', `/v1/changes?since=${cursor}&limit=1`, { token: op1 }),
      ]);
      if (booking.status === 201) created.push(booking.json.id as string);
      seen.push(...(page.json.changes as Change[]));
      cursor = page.json.nextCursor as string;
    }
    const rest = await readAll(h, op1, cursor, 2);
    seen.push(...rest.changes);
    expect(created.length).toBeGreaterThan(0);
    const appIds = new Set(seen.filter((c) => c.entity === 'appuntamento').map((c) => c.data.id));
    for (const id of created) expect(appIds.has(id)).toBe(true);
    // An incremental read after the end returns nothing new.
    const after = await call(h, 'GET', `/v1/changes?since=${rest.cursor}`, { token: op1 });
    expect(after.json).toEqual({ changes: [], nextCursor: rest.cursor, hasMore: false });
  });

  it('moves a datore to another intermediary: revocata for the old one, a snapshot for the new one', async () => {
    const { cursor: c1 } = await readAll(h, op1, '', 5000);
    const { cursor: c5 } = await readAll(h, op5, '', 5000);
    const datoreCf = (
      h.store.db
        .prepare(
          "SELECT d.datore_cf AS cf FROM deleghe d JOIN appuntamenti a ON a.datore_cf = d.datore_cf WHERE d.intermediario_id = 'int-001' AND d.stato = 'attiva' LIMIT 1",
        )
        .get() as { cf: string }
    ).cf;
    const r = await call(h, 'POST', '/admin/deleghe', { json: { datoreCf, intermediarioId: 'int-002' } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ datoreCf, intermediarioId: 'int-002', stato: 'attiva' });

    const old = await readAll(h, op1, c1);
    expect(old.changes.map((c) => [c.entity, c.data.stato])).toEqual([['delega', 'revocata']]);
    expect((old.changes[0]?.data as unknown as Delega).datoreCf).toBe(datoreCf);

    const neu = await readAll(h, op5, c5);
    const kinds = new Set(neu.changes.map((c) => c.entity));
    for (const k of ['delega', 'datore', 'rapporto', 'quesito', 'appuntamento']) expect(kinds.has(k)).toBe(true);
    const nApp = (h.store.db.prepare('SELECT count(*) AS n FROM appuntamenti WHERE datore_cf = ?').get(datoreCf) as { n: number }).n;
    expect(neu.changes.filter((c) => c.entity === 'appuntamento')).toHaveLength(nApp);

    // From now on the old office sees nothing of that datore, the new one does.
    const appId = (h.store.db.prepare('SELECT id FROM appuntamenti WHERE datore_cf = ? LIMIT 1').get(datoreCf) as { id: string }).id;
    expect((await call(h, 'GET', `/v1/appuntamenti/${appId}`, { token: op1 })).status).toBe(404);
    expect((await call(h, 'GET', `/v1/appuntamenti/${appId}`, { token: op5 })).status).toBe(200);
    const before1 = await readAll(h, op1, old.cursor);
    expect(before1.changes).toEqual([]);
  });

  it('activates a da_attivare delega (admin): the office gets the datore records then', async () => {
    const { cursor } = await readAll(h, op7, '', 5000);
    const datoreCf = (
      h.store.db.prepare("SELECT datore_cf AS cf FROM deleghe WHERE intermediario_id = 'int-001' AND stato = 'attiva' ORDER BY id DESC LIMIT 1").get() as {
        cf: string;
      }
    ).cf;
    const created = await call(h, 'POST', '/admin/deleghe', { json: { datoreCf, intermediarioId: 'int-003', stato: 'da_attivare' } });
    expect(created.json.stato).toBe('da_attivare');
    // Not yet active: int-001 still holds the datore; int-003 sees only its delega.
    expect(h.store.intermediarioAttivo(datoreCf)).toBe('int-001');
    const mid = await readAll(h, op7, cursor);
    expect(mid.changes.map((c) => c.entity)).toEqual(['datore', 'delega']);
    const act = await call(h, 'POST', `/admin/deleghe/${created.json.id}/attivazione`);
    expect(act.json.stato).toBe('attiva');
    expect(h.store.intermediarioAttivo(datoreCf)).toBe('int-003');
    const after = await readAll(h, op7, mid.cursor);
    expect(after.changes.map((c) => c.entity).slice(0, 2)).toEqual(['datore', 'delega']);
    expect(after.changes[1]).toMatchObject({ entity: 'delega', data: { stato: 'attiva' } });
    expect(after.changes.some((c) => c.entity === 'datore' && c.data.codiceFiscale === datoreCf)).toBe(true);
    const again = await call(h, 'POST', `/admin/deleghe/${created.json.id}/attivazione`);
    expect(again.status).toBe(200);
    const revoked = h.store.db.prepare("SELECT id FROM deleghe WHERE datore_cf = ? AND stato = 'revocata' ORDER BY id DESC LIMIT 1").get(datoreCf) as {
      id: string;
    };
    const bad = await call(h, 'POST', `/admin/deleghe/${revoked.id}/attivazione`);
    expect([bad.status, problemCode(bad)]).toEqual([409, 'STATO_DELEGA_NON_VALIDO']);
  });
});
