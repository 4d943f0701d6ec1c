import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglio, PrenotazioneRichiesta } from '../../common/remote/changes';
import type { Core } from '../app';
import { enqueue } from '../bozze/outbox';
import { GatewayError } from '../gateway/errors';
import { openTestCore, seedFixture, TEST_NOW } from '../testing';
import { pushOutbox, type OutboxTarget } from './push';

let core: Core;
beforeEach(async () => {
  core = await openTestCore();
  seedFixture(core);
});
afterEach(async () => {
  await core.close();
});

const richiesta: PrenotazioneRichiesta = { codiceRapporto: '0000123456', quesitiIds: ['2'], sedeId: 's', data: '2026-03-20', ora: '09:00', modalita: 'presenza', nota: null, allegati: [] };
const queue = (key: string) => enqueue(core.ctx.sqlite, 'crea', key, key, richiesta, TEST_NOW);
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
  };
}

describe('pushOutbox', () => {
  it('stops at 401 and leaves the whole queue intact for after the new login', async () => {
    queue('a');
    queue('b');
    const before = rows();
    const t = target(() => new GatewayError({ kind: 'auth', status: 401, code: 'NON_AUTENTICATO', detail: 'Accedi di nuovo.' }));
    const result = await pushOutbox(core.ctx.sqlite, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(result.stoppedBy).toBe('auth');
    expect(t.keys).toEqual(['a']);
    expect(rows()).toEqual(before);
  });

  it('honours Retry-After on 429 and stops the round', async () => {
    queue('a');
    queue('b');
    const t = target(() => new GatewayError({ kind: 'rate_limited', status: 429, code: 'TROPPE_RICHIESTE', detail: 'Riprova tra poco.', retryAfterMs: 120_000 }));
    const result = await pushOutbox(core.ctx.sqlite, t, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(result).toMatchObject({ stoppedBy: 'rate_limited', retried: 1, nextAttemptAt: TEST_NOW });
    expect(rows()).toEqual([
      { k: 'a', stato: 'in_attesa', tentativi: 1, next: '2026-03-10T09:02:00.000Z' },
      { k: 'b', stato: 'in_attesa', tentativi: 0, next: TEST_NOW },
    ]);
  });

  it('on a 5xx schedules the retry with backoff, persisted, and goes on with the other rows', async () => {
    queue('a');
    queue('b');
    const t = target((k) => (k === 'a' ? new GatewayError({ kind: 'transient', status: 503, code: 'HTTP_503', detail: 'x' }) : new GatewayError({ kind: 'permanent', status: 409, code: 'SLOT_NON_DISPONIBILE', detail: 'Orario non disponibile.' })));
    const result = await pushOutbox(core.ctx.sqlite, t, core.ctx.allegati, core.ctx.clock, () => 0);
    expect(t.keys).toEqual(['a', 'b']);
    expect(result).toMatchObject({ retried: 1, refused: 1, stoppedBy: null, nextAttemptAt: '2026-03-10T09:00:01.000Z' });
    expect(rows()).toEqual([
      { k: 'a', stato: 'in_attesa', tentativi: 1, next: '2026-03-10T09:00:01.000Z' },
      { k: 'b', stato: 'fallito', tentativi: 0, next: TEST_NOW },
    ]);
    // Not due yet: a second round sends nothing.
    const again = await pushOutbox(core.ctx.sqlite, t, core.ctx.allegati, core.ctx.clock, () => 0);
    expect(again).toMatchObject({ sent: 0, retried: 0, refused: 0 });
    expect(t.keys).toEqual(['a', 'b']);
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
