import { describe, expect, it } from 'vitest';
import type { AppuntamentoDettaglio } from '../../common/remote/changes';
import { systemClock } from '../clock';
import { EventBus } from '../events';
import { GatewayError } from '../gateway/errors';
import { silentLogger } from '../log';
import { RICHIESTA_DI_PROVA, useTestCore } from '../testing';
import { SyncService, type RemoteService } from './service';

const core = useTestCore({ seed: true });

const richiesta = RICHIESTA_DI_PROVA;

/** A service that answers every booking with a 503 and has no changes to give. */
function unavailable(): RemoteService & { bookings: number } {
  const remote = {
    bookings: 0,
    async creaAppuntamento(): Promise<AppuntamentoDettaglio> {
      remote.bookings += 1;
      throw new GatewayError({ kind: 'transient', status: 503, code: 'HTTP_503', detail: 'Servizio non disponibile.' });
    },
    cancellaAppuntamento: () => Promise.reject(new Error('not used')),
    caricaAllegato: () => Promise.reject(new Error('not used')),
    inviaComunicazione: () => Promise.reject(new Error('not used')),
    logout: () => undefined,
    slotLiberi: () => Promise.resolve([]),
    operatori: () => Promise.resolve(null),
    changes: async () => ({ changes: [], nextCursor: 'c', hasMore: false }),
  };
  return remote;
}

describe('SyncService schedule', () => {
  it('keeps retrying a failing push at its backoff, not only at the next periodic pull', async () => {
    core.ctx.store.outbox.accoda({ tipo: 'crea', payload: richiesta }, 'b-1', 'b-1', systemClock.now().toISOString());
    const remote = unavailable();
    // Retries after 1 s, then 2 s (random 0: half the exponential step); the pull is an hour away.
    const sync = new SyncService({
      store: core.ctx.store,
      clock: systemClock,
      events: new EventBus(),
      logger: silentLogger,
      gateway: remote,
      allegati: core.ctx.allegati,
      random: () => 0,
    });
    sync.start({ pullIntervalMs: 60 * 60_000 });
    try {
      await expect.poll(() => remote.bookings, { timeout: 6_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    } finally {
      await sync.close();
    }
  });
});
