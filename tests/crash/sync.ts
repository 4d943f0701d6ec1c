// One sync of a database against the sandbox, as the app runs it: used by the child the test
// kills, and in-process by the parent for the syncs that are never killed.
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { GatewayError } from '../../electron/core/gateway/errors';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import type { SyncProbe } from '../../electron/core/sync/probes';

/**
 * The crash test's databases are encrypted like the app's, with one fixed key (invented data): a
 * child killed and started again must read the attachments its predecessor stored.
 */
export const CHIAVE_CRASH = Buffer.alloc(32, 0x5c);

export async function openOnline(dbPath: string, url: string, syncProbe?: SyncProbe): Promise<Core> {
  const gateway = new HttpGateway({ baseUrl: url, credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }), clock: systemClock });
  return openCore({ dbPath, chiave: CHIAVE_CRASH, logger: silentLogger, gateway, ...(syncProbe ? { syncProbe } : {}) });
}

/** Queues every draft still in 'bozza' with `bozze.inviaInBlocco`, as an operator sending a selection. */
export async function inviaInBlocco(core: Core): Promise<number> {
  const ids = core.ctx.sqlite.prepare("SELECT id FROM bozze WHERE stato = 'bozza' ORDER BY creata_il, id").pluck().all() as string[];
  if (ids.length === 0) return 0;
  const sent = await core.dispatcher('app')('bozze.inviaInBlocco', { ids });
  if (!sent.ok) throw new Error(`bozze.inviaInBlocco refused: ${sent.error.message}`);
  return ids.length;
}

/** One push and pull; anything but a clean end is an error. */
export async function syncOnce(core: Core): Promise<void> {
  const stato = await core.ctx.sync.syncNow();
  if (stato.fase !== 'inattivo') throw new Error(`sync ended in ${stato.fase}: ${stato.errore}`);
}

/**
 * The parent's own calls go to the sandbox in the same process, over pooled keep-alive sockets:
 * after a long idle gap spent in synchronous work (an integrity check of an office database) the
 * server may close a socket in the very tick the client reuses it. The app would call that
 * offline and retry at its next sync; the parent retries at once, a few times.
 */
const ATTEMPTS = 3;

export async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GatewayError) || error.kind !== 'transient' || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Syncs a database to the end in this process (optionally sending its waiting drafts first). */
export async function syncToEnd(dbPath: string, url: string, options: { inviaInBlocco?: boolean } = {}): Promise<void> {
  const core = await openOnline(dbPath, url);
  try {
    if (options.inviaInBlocco) await inviaInBlocco(core);
    let stato = await core.ctx.sync.syncNow();
    for (let attempt = 1; stato.fase === 'offline' && attempt < ATTEMPTS; attempt++) stato = await core.ctx.sync.syncNow();
    if (stato.fase !== 'inattivo') throw new Error(`sync ended in ${stato.fase}: ${stato.errore}`);
  } finally {
    await core.close();
  }
}
