// Programmatic entry: the app starts the sandbox in-process (demo/training mode), tests start
// one per suite. Listens on loopback unless told otherwise.
import type { FastifyInstance } from 'fastify';
import { generateDataset, type DatasetSize } from '../electron/common/demo';
import { romeDate, romeInstant } from '../electron/common/domain/calendario';
import type { IsoDate } from '../electron/common/model';
import { SandboxClock } from './clock';
import { Faults } from './faults';
import { buildApp } from './http/app';
import { seedStore } from './store/seed';
import { Store } from './store/store';

export { SandboxClock } from './clock';
export { Faults, type FaultConfig } from './faults';
export { Store, type Principal, type StoreCounts } from './store/store';

export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** SQLite file, or ':memory:' (default). An already seeded file is reused as it is. */
  dataPath?: string;
  seed?: number;
  size?: DatasetSize;
  /** The dataset's "today"; default: today in Rome per the clock. */
  today?: IsoDate;
  /** Registers the /admin routes (still loopback-only). */
  admin?: boolean;
  /** Answer only requests addressed to the address it listens on (the app's embedded demo); a 403 otherwise. */
  checkHost?: boolean;
  /** Default: ticking from `today` 08:00 Rome if given, else from now. */
  clock?: SandboxClock;
  logger?: boolean;
}

export interface SandboxHandle {
  url: string;
  port: number;
  app: FastifyInstance;
  store: Store;
  clock: SandboxClock;
  faults: Faults;
  /** 'METHOD /path' of every registered route. */
  routes: string[];
  /** Whether this start seeded the store (false: an existing file was reused). */
  seeded: boolean;
  close(): Promise<void>;
}

/** Opens (and seeds if empty) the store; used by startSandbox and by `--seed-only`. */
export function openSeededStore(opts: SandboxOptions): { store: Store; clock: SandboxClock; seeded: boolean } {
  const clock = opts.clock ?? new SandboxClock(opts.today !== undefined ? new Date(romeInstant(opts.today, '08:00')) : new Date());
  const store = new Store(opts.dataPath ?? ':memory:', clock);
  let seeded = false;
  try {
    if (!store.isSeeded()) {
      const dataset = generateDataset({ seed: opts.seed ?? 1, size: opts.size ?? 'small', today: opts.today ?? romeDate(clock.now()) });
      seedStore(store, dataset);
      seeded = true;
    }
  } catch (e) {
    store.close();
    throw e;
  }
  return { store, clock, seeded };
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const { store, clock, seeded } = openSeededStore(opts);
  const faults = new Faults();
  const allowedHosts = opts.checkHost ? new Set<string>() : undefined;
  const { app, routes } = await buildApp(
    { store, faults, admin: opts.admin === true },
    { logger: opts.logger === true, ...(allowedHosts ? { allowedHosts } : {}) },
  );
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port ?? 0, host });
  } catch (e) {
    await app.close();
    store.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  allowedHosts?.add(`${urlHost}:${port}`);
  if (host === '127.0.0.1' || host === '::1') allowedHosts?.add(`localhost:${port}`);
  return {
    url: `http://${urlHost}:${port}`,
    port,
    app,
    store,
    clock,
    faults,
    routes,
    seeded,
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** The OpenAPI document as the server generates it (admin routes included). */
export async function generateOpenApiDocument(): Promise<Record<string, unknown>> {
  const store = new Store(':memory:', new SandboxClock(new Date(0), { frozen: true }));
  const { app } = await buildApp({ store, faults: new Faults(), admin: true });
  try {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    return res.json() as Record<string, unknown>;
  } finally {
    await app.close();
    store.close();
  }
}
