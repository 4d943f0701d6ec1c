import type { CoreContext } from '../context';
import { riprendi } from './corsa';
import { vacuumQuieto, type VacuumEsito } from './vacuum';

/**
 * What retention needs when a core opens: a run a crash interrupted is completed before any
 * command runs (nothing stays half-purged), and a VACUUM left to do is scheduled for a quiet moment.
 * A resumption that fails is logged and leaves its marker: the start goes on, and it is tried again.
 */
export function avviaConservazione(
  ctx: CoreContext,
  o: { database: string; chiave: Buffer | null; attesaMs?: number },
): { close(): Promise<void>; vacuum: Promise<VacuumEsito | null> } {
  try {
    riprendi(ctx);
  } catch (error) {
    ctx.logger.log('error', 'resuming the interrupted retention run failed', { reason: String(error).slice(0, 200) });
  }
  if (o.database === ':memory:') return { close: async () => undefined, vacuum: Promise.resolve(null) };
  const v = vacuumQuieto({
    database: o.database,
    chiave: o.chiave,
    logger: ctx.logger,
    occupato: () => ctx.sync.stato.fase === 'in_corso',
    ...(o.attesaMs !== undefined ? { attesaMs: o.attesaMs } : {}),
  });
  return { close: () => v.close(), vacuum: v.fatto };
}
