// What every route needs, passed explicitly (no Fastify decorators to keep types plain).
import type { Faults } from '../faults';
import type { Store } from '../store/store';

export interface SandboxContext {
  store: Store;
  faults: Faults;
  admin: boolean;
}

export const BEARER = [{ bearer: [] }];
