import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATORI, DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';

// The operators' names (#15) from the real sandbox over loopback HTTP into the cache, and out through operatori.elenco.
let sandbox: SandboxHandle;
let core: Core;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, size: 'tiny', today: '2026-03-10' });
  const gateway = new HttpGateway({
    baseUrl: sandbox.url,
    credentials: memoryCredentials({ username: 'operatore1', password: DEMO_PASSWORD }),
    clock: sandbox.clock,
  });
  core = await openCore({ dbPath: ':memory:', logger: silentLogger, gateway, clock: sandbox.clock });
});
afterAll(async () => {
  await core?.close();
  await sandbox?.close();
});

describe('operators by name against the sandbox', () => {
  it('a sync brings the office’s operators with their names, and operatori.elenco names who booked', async () => {
    expect(await core.ctx.sync.syncNow()).toMatchObject({ fase: 'inattivo', errore: null });
    const ufficio = DEMO_OPERATORI.filter((o) => o.intermediarioId === 'int-001');
    expect(core.ctx.store.operatori.tutti()).toEqual(ufficio.map(({ id, nominativo, username }) => ({ id, nominativo, username })));
    const elenco = await core.dispatcher('app')('operatori.elenco', {});
    if (!elenco.ok) throw new Error(elenco.error.message);
    const righe = elenco.value as { id: string; nominativo: string | null; appuntamenti: number }[];
    const prenotato = righe.filter((o) => o.appuntamenti > 0);
    expect(prenotato.length).toBeGreaterThan(0);
    for (const o of righe) {
      // Every operator of the office's appointments is one the service named.
      expect(o.nominativo).toBe(ufficio.find((u) => u.id === o.id)?.nominativo);
    }
  });
});
