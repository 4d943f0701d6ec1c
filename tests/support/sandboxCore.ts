import type { DatasetSize } from '../../electron/common/demo';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import { SandboxClock, startSandbox, type SandboxHandle } from '../../sandbox/index';

// The integration tests' usual world: the real sandbox over loopback HTTP, seeded on 10 March 2026,
// and a core on an in-memory database logged in as the demo office's first operator, synced once.

export const SANDBOX_OGGI = '2026-03-10';
export const SANDBOX_ORA = '2026-03-10T08:00:00.000Z';

export interface SandboxCoreOptions {
  seed: number;
  size?: DatasetSize;
  admin?: boolean;
  /** A clock that does not move (default): the figures do not depend on how long the test runs. */
  frozen?: boolean;
  /** The gateway's timeout per request (its default when absent). */
  timeoutMs?: number;
  /** One sync before the tests (default). */
  sincronizza?: boolean;
}

export interface SandboxCore {
  sandbox: SandboxHandle;
  core: Core;
  close(): Promise<void>;
}

export async function startSandboxCore(o: SandboxCoreOptions): Promise<SandboxCore> {
  const clock = o.frozen === false ? undefined : new SandboxClock(new Date(SANDBOX_ORA), { frozen: true });
  const sandbox = await startSandbox({ seed: o.seed, size: o.size ?? 'small', today: SANDBOX_OGGI, admin: o.admin ?? true, ...(clock ? { clock } : {}) });
  const credentials = memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD });
  const gateway = new HttpGateway({ baseUrl: sandbox.url, credentials, clock: clock ?? sandbox.clock, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  const core = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway, clock: clock ?? sandbox.clock });
  if (o.sincronizza !== false) await core.ctx.sync.syncNow();
  return {
    sandbox,
    core,
    close: async () => {
      await core.close();
      await sandbox.close();
    },
  };
}

/** A bearer token of the service, for a test acting as «another PC» straight over the API. */
export async function tokenDelServizio(url: string, username = 'operatore1'): Promise<string> {
  const login = await fetch(`${url}/v1/sessione`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await login.json()) as { token: string }).token;
}
