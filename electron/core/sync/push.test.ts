import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglio } from '../../common/remote/changes';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva, FIXTURE, RICHIESTA_DI_PROVA, sedeDiProva, TEST_NOW, useTestCore } from '../testing';
import { pdfMinimo } from '../allegati/pdfMinimo';
import { PageApplier } from './applyPage';
import { pushOutbox, type OutboxTarget } from './push';

const core = useTestCore({ seed: true });

const richiesta = RICHIESTA_DI_PROVA;
const queue = (key: string) => core.ctx.store.outbox.accoda({ tipo: 'crea', payload: richiesta }, key, key, TEST_NOW);
const rows = () => core.ctx.sqlite.prepare('SELECT idempotency_key AS k, stato, tentativi, prossimo_tentativo_il AS next FROM outbox ORDER BY id').all();

function target(fail: (key: string) => GatewayError | null): OutboxTarget & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    async creaAppuntamento(key) {
      keys.push(key);
      const error = fail(key);
      if (error) throw error;
      throw new Error('success path is covered against the sandbox');
    },
    async cancellaAppuntamento(): Promise<AppuntamentoDettaglio> {
      throw new Error('not used');
    },
    async caricaAllegato() {
      throw new Error('not used');
    },
    async inviaComunicazione() {
      throw new Error('not used');
    },
  };
}

describe('pushOutbox regressions found by the fuzzer', () => {
  it('a replayed booking answer never overwrites a newer state the feed already brought', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    writer.sede(sedeDiProva({ id: 's' }));
    const booked = appuntamentoDiProva('app-1', {
      sedeId: 's',
      quesitiIds: ['2'],
      creatoIl: '2026-03-10T08:00:00.000Z',
      aggiornatoIl: '2026-03-10T08:00:00.000Z',
    });
    // The feed already says the sede cancelled it…
    writer.appuntamento({ ...booked, stato: 'cancellato', cancellatoDa: 'sede', motivoStato: 'Sede chiusa', aggiornatoIl: '2026-03-10T10:00:00.000Z' });
    queue('k');
    // …when the retried create gets the answer stored at booking time.
    const replay: OutboxTarget = {
      creaAppuntamento: async () => ({ ...booked, allegati: [], comunicazioni: [], storico: [] }),
      cancellaAppuntamento: async () => {
        throw new Error('not used');
      },
      caricaAllegato: async () => undefined,
      inviaComunicazione: () => Promise.reject(new Error('not used')),
    };
    expect((await pushOutbox(core.ctx.store, replay, core.ctx.allegati, core.ctx.clock, () => 0.5)).sent).toBe(1);
    expect(core.ctx.sqlite.prepare("SELECT stato FROM appuntamenti WHERE id = 'app-1'").pluck().get()).toBe('cancellato');
  });

  it('holds the rows of a frozen draft, refuses to delete it while a booking is pending, and thaws it back into the queue', async () => {
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    core.ctx.store.outbox.accoda({ tipo: 'crea', payload: richiesta }, id, id, TEST_NOW);
    core.ctx.sqlite.prepare("UPDATE bozze SET stato = 'congelata' WHERE id = ?").run(id);
    const t = target(() => null);
    await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(t.keys).toEqual([]);
    expect(await core.dispatcher('app')('bozza.elimina', { id })).toMatchObject({ ok: false, error: { code: 'STATO_NON_MODIFICABILE' } });
    const delega = FIXTURE.deleghe[0]!;
    new PageApplier(core.ctx.sqlite).apply(
      { changes: [{ seq: 1, entity: 'delega', op: 'upsert', data: { ...delega, stato: 'attiva' } }], nextCursor: 'c', hasMore: false },
      TEST_NOW,
    );
    expect(core.ctx.sqlite.prepare('SELECT stato FROM bozze WHERE id = ?').pluck().get(id)).toBe('in_coda');
  });
});

describe('a frozen draft whose booking got no answer (found by the fuzzer at seed 22, 5 instances)', () => {
  /** A draft queued with its booking, tried once without an answer, then frozen by a revoked delega. */
  async function congelataIncerta(): Promise<string> {
    new CacheWriter(core.ctx.sqlite).sede(sedeDiProva({ id: 's' }));
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    core.ctx.store.outbox.accoda({ tipo: 'crea', payload: richiesta }, id, id, TEST_NOW);
    const row = core.ctx.sqlite.prepare('SELECT id FROM outbox WHERE entita_id = ?').pluck().get(id) as number;
    core.ctx.store.outbox.riprova(row, TEST_NOW, 'RETE_NON_DISPONIBILE 0');
    core.ctx.sqlite.prepare("UPDATE bozze SET stato = 'congelata' WHERE id = ?").run(id);
    return id;
  }

  it('asks the service again with the same key: the booking it made is recorded, not lost', async () => {
    const id = await congelataIncerta();
    const answer: AppuntamentoDettaglio = {
      ...appuntamentoDiProva('app-9', { sedeId: 's', quesitiIds: ['2'] }),
      allegati: [],
      comunicazioni: [],
      storico: [],
    };
    const keys: string[] = [];
    const replay: OutboxTarget = { ...target(() => null), creaAppuntamento: async (key) => (keys.push(key), answer) };
    expect((await pushOutbox(core.ctx.store, replay, core.ctx.allegati, core.ctx.clock, () => 0.5)).sent).toBe(1);
    expect(keys).toEqual([id]);
    expect(core.ctx.sqlite.prepare('SELECT stato, appuntamento_id AS a FROM bozze WHERE id = ?').get(id)).toEqual({ stato: 'inviata', a: 'app-9' });
  });

  it('when the service made none (it refuses for the delega), the draft stays frozen and its booking held, no longer asked', async () => {
    const id = await congelataIncerta();
    const t = target(() => new GatewayError({ kind: 'permanent', status: 403, code: 'DELEGA_NON_ATTIVA', detail: 'Nessuna delega attiva.' }));
    await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(t.keys).toEqual([id]);
    expect(core.ctx.sqlite.prepare('SELECT stato FROM bozze WHERE id = ?').pluck().get(id)).toBe('congelata');
    expect(rows()).toEqual([{ k: id, stato: 'in_attesa', tentativi: 0, next: TEST_NOW }]);
  });
});

describe('pushOutbox', () => {
  it('stops at 401 and leaves the whole queue intact for after the new login', async () => {
    queue('a');
    queue('b');
    const before = rows();
    const t = target(() => new GatewayError({ kind: 'auth', status: 401, code: 'NON_AUTENTICATO', detail: 'Accedi di nuovo.' }));
    const result = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(result.stoppedBy).toBe('auth');
    expect(t.keys).toEqual(['a']);
    expect(rows()).toEqual(before);
  });

  it('honours Retry-After on 429 and stops the round', async () => {
    queue('a');
    queue('b');
    const t = target(
      () => new GatewayError({ kind: 'rate_limited', status: 429, code: 'TROPPE_RICHIESTE', detail: 'Riprova tra poco.', retryAfterMs: 120_000 }),
    );
    const result = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(result).toMatchObject({ stoppedBy: 'rate_limited', retried: 1, nextAttemptAt: TEST_NOW });
    expect(rows()).toEqual([
      { k: 'a', stato: 'in_attesa', tentativi: 1, next: '2026-03-10T09:02:00.000Z' },
      { k: 'b', stato: 'in_attesa', tentativi: 0, next: TEST_NOW },
    ]);
  });

  it('on a 5xx schedules the retry with backoff, persisted, and goes on with the other rows', async () => {
    queue('a');
    queue('b');
    const t = target((k) =>
      k === 'a'
        ? new GatewayError({ kind: 'transient', status: 503, code: 'HTTP_503', detail: 'x' })
        : new GatewayError({ kind: 'permanent', status: 409, code: 'SLOT_NON_DISPONIBILE', detail: 'Orario non disponibile.' }),
    );
    const result = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0);
    expect(t.keys).toEqual(['a', 'b']);
    expect(result).toMatchObject({ retried: 1, refused: 1, stoppedBy: null, nextAttemptAt: '2026-03-10T09:00:01.000Z' });
    expect(rows()).toEqual([
      { k: 'a', stato: 'in_attesa', tentativi: 1, next: '2026-03-10T09:00:01.000Z' },
      { k: 'b', stato: 'fallito', tentativi: 0, next: TEST_NOW },
    ]);
    // Not due yet: a second round sends nothing.
    const again = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0);
    expect(again).toMatchObject({ sent: 0, retried: 0, refused: 0 });
    expect(t.keys).toEqual(['a', 'b']);
  });

  it('a queued row whose payload no longer parses is not sent: the draft goes to Da correggere with every field kept', async () => {
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'], nota: 'da conservare' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    core.ctx.sqlite.prepare("UPDATE bozze SET stato = 'in_coda' WHERE id = ?").run(id);
    // A 'crea' row whose body lacks the quesiti: what a damaged or hand-edited database could hold.
    core.ctx.sqlite
      .prepare(
        "INSERT INTO outbox (tipo, entita_id, idempotency_key, payload, stato, tentativi, prossimo_tentativo_il, creato_il) VALUES ('crea', ?, ?, ?, 'in_attesa', 0, ?, ?)",
      )
      .run(id, id, JSON.stringify({ ...richiesta, quesitiIds: [] }), TEST_NOW, TEST_NOW);
    const t = target(() => null);
    const result = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(t.keys).toEqual([]);
    expect(result).toMatchObject({ sent: 0, refused: 1 });
    expect(rows()).toEqual([{ k: id, stato: 'fallito', tentativi: 0, next: TEST_NOW }]);
    const bozza = core.ctx.store.bozze.leggi(id);
    expect(bozza).toMatchObject({ stato: 'da_correggere', quesitiIds: ['2'], nota: 'da conservare', errore: { codice: 'CODA_DANNEGGIATA' } });
    expect(bozza.errore?.messaggio).toMatch(/danneggiata/);
  });

  it('queuing the same intent twice is one row; a refused one can be queued again', async () => {
    queue('a');
    queue('a');
    expect(rows()).toHaveLength(1);
    core.ctx.sqlite.prepare("UPDATE outbox SET stato = 'fallito', tentativi = 3 WHERE idempotency_key = 'a'").run();
    queue('a');
    expect(rows()).toEqual([{ k: 'a', stato: 'in_attesa', tentativi: 0, next: TEST_NOW }]);
  });
});

describe('an attachment damaged on disk (#12)', () => {
  it('is never sent: its upload and the booking naming it are refused, the draft says why, the file stays as it is', async () => {
    const created = await core.dispatcher('app')('bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    const pdf = pdfMinimo('ricevuta');
    const added = await core.dispatcher('app')('bozza.allegato.aggiungi', { bozzaId: id, nomeFile: 'mav.pdf', contenutoBase64: pdf.toString('base64') });
    if (!added.ok) throw new Error(added.error.message);
    const sha256 = (added.value as { allegati: { sha256: string }[] }).allegati[0]!.sha256;
    core.ctx.sqlite.prepare("UPDATE bozze SET stato = 'in_coda' WHERE id = ?").run(id);
    core.ctx.store.outbox.accoda({ tipo: 'upload', payload: { sha256, mime: 'application/pdf' } }, id, `upload:${id}:${sha256}`, TEST_NOW);
    core.ctx.store.outbox.accoda({ tipo: 'crea', payload: richiesta }, id, id, TEST_NOW);
    const file = core.ctx.allegati.pathOf(sha256);
    const damaged = fs.readFileSync(file).subarray(0, 40);
    fs.writeFileSync(file, damaged);
    const sent: string[] = [];
    const t: OutboxTarget = {
      ...target(() => null),
      creaAppuntamento: async (key) => (sent.push(key), Promise.reject(new Error('must not be reached'))),
      caricaAllegato: async (sha) => void sent.push(sha),
    };
    const result = await pushOutbox(core.ctx.store, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(result).toMatchObject({ sent: 0, refused: 1 });
    expect(sent).toEqual([]);
    expect(core.ctx.sqlite.prepare('SELECT stato, errore_codice AS codice, errore_messaggio AS messaggio FROM bozze WHERE id = ?').get(id)).toEqual({
      stato: 'da_correggere',
      codice: 'ALLEGATO_ALTERATO',
      messaggio: expect.stringContaining('risulta alterato o incompleto sul disco: non viene aperto né inviato'),
    });
    expect(rows()).toEqual([expect.objectContaining({ stato: 'fallito' }), expect.objectContaining({ stato: 'fallito' })]);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });
});
