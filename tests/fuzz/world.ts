// The fuzzer's world: one sandbox, K app instances sharing its clock, and the helpers every
// operation uses (commands through the dispatcher, admin routes, waiting for a background push).
import type { CommandResult } from '../../electron/common/commands/contract';
import { DEMO_PASSWORD } from '../../electron/common/demo/index';
import { openCore, type Core } from '../../electron/core/app';
import { memoryCredentials } from '../../electron/core/gateway/credentials';
import { HttpGateway } from '../../electron/core/gateway/httpGateway';
import { silentLogger } from '../../electron/core/log';
import type { SandboxHandle } from '../../sandbox/index';

/** Operators in the order instances take them: two of one office first (same clients), then another office. */
export const OPERATORI: readonly { username: string; intermediarioId: string; operatoreId: string }[] = [
  { username: 'operatore1', intermediarioId: 'int-001', operatoreId: 'op-001' },
  { username: 'operatore2', intermediarioId: 'int-001', operatoreId: 'op-002' },
  { username: 'operatore5', intermediarioId: 'int-002', operatoreId: 'op-005' },
  { username: 'operatore3', intermediarioId: 'int-001', operatoreId: 'op-003' },
  { username: 'operatore6', intermediarioId: 'int-002', operatoreId: 'op-006' },
  { username: 'operatore7', intermediarioId: 'int-003', operatoreId: 'op-007' },
  { username: 'operatore4', intermediarioId: 'int-001', operatoreId: 'op-004' },
];

export interface Instance {
  index: number;
  username: string;
  intermediarioId: string;
  operatoreId: string;
  core: Core;
  /** Outbox row id → the tentativi at which the fuzzer last re-timed its retry (see retimeRetries). */
  retimed: Map<number, number>;
  /** Outbox row id → its last seen 'stato/tentativi', to log what each push did. */
  seen: Map<number, string>;
}

export const GATEWAY_TIMEOUT_MS = 800;

export async function openInstance(sandbox: SandboxHandle, index: number): Promise<Instance> {
  const op = OPERATORI[index];
  if (!op) throw new Error(`At most ${OPERATORI.length} instances (one per demo operator).`);
  const gateway = new HttpGateway({
    baseUrl: sandbox.url,
    credentials: memoryCredentials({ username: op.username, password: DEMO_PASSWORD }),
    clock: sandbox.clock,
    timeoutMs: GATEWAY_TIMEOUT_MS,
  });
  const core = await openCore({ dbPath: ':memory:', gateway, clock: sandbox.clock, logger: silentLogger });
  return { index, ...op, core, retimed: new Map(), seen: new Map() };
}

export type Result = CommandResult;

/** Lets a push started by `pushSoon` (after invia/cancella) finish before the next operation: keeps runs replayable. */
export async function settle(core: Core): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const deadline = Date.now() + 30_000;
  while (core.ctx.sync.stato.fase === 'in_corso') {
    if (Date.now() > deadline) throw new Error('sync still in corso after 30 s');
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * The push schedules a retry with jittered backoff drawn from Math.random: whether a row is due
 * at the next sync would then vary between runs of the same seed. Re-time every freshly failed
 * row deterministically (5 minutes per attempt, capped) so the seed alone decides what is sent.
 */
export function retimeRetries(inst: Instance): void {
  const { sqlite, clock } = inst.core.ctx;
  const rows = sqlite.prepare("SELECT id, tentativi FROM outbox WHERE stato = 'in_attesa' AND tentativi > 0").all() as { id: number; tentativi: number }[];
  const update = sqlite.prepare('UPDATE outbox SET prossimo_tentativo_il = ? WHERE id = ?');
  for (const row of rows) {
    if (inst.retimed.get(row.id) === row.tentativi) continue;
    const at = new Date(clock.now().getTime() + Math.min(row.tentativi, 6) * 5 * 60_000).toISOString();
    update.run(at, row.id);
    inst.retimed.set(row.id, row.tentativi);
  }
}

export async function admin(sandbox: SandboxHandle, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** Logs the outbox rows whose state changed since last time (only when a log is attached). */
export function traceOutbox(inst: Instance, log: (line: string) => void): void {
  const rows = inst.core.ctx.sqlite
    .prepare(
      'SELECT o.id, o.tipo, o.entita_id AS entita, o.stato, o.tentativi, o.ultimo_errore AS errore, b.appuntamento_id AS app FROM outbox o LEFT JOIN bozze b ON b.id = o.entita_id ORDER BY o.id',
    )
    .all() as { id: number; tipo: string; entita: string; stato: string; tentativi: number; errore: string | null; app: string | null }[];
  for (const r of rows) {
    const key = `${r.stato}/${r.tentativi}`;
    if (inst.seen.get(r.id) === key) continue;
    inst.seen.set(r.id, key);
    log(
      `  outbox ${inst.username} #${r.id} ${r.tipo} ${r.entita} → ${r.stato} (tentativi ${r.tentativi}${r.errore ? `, ${r.errore.slice(0, 60)}` : ''}${r.app ? `, ${r.app}` : ''})`,
    );
  }
}
