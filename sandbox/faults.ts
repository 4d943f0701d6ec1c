// Fault injection, switchable at run time. One seeded draw per request decides its fate, so a
// given seed and request order always fail the same way. Never applied to /admin or /openapi.json.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { Random } from '../electron/common/demo/random';
import { PROBLEM_CONTENT_TYPE, problem } from './problem';

export interface FaultConfig {
  /** Probability (0–1) of a 500 problem+json without processing the request. */
  errorRate: number;
  /** Added to every faultable request, in ms. */
  latencyMs: number;
  /** Probability of the connection being reset before processing. */
  resetRate: number;
  /** Probability of holding the request unanswered until the client gives up. */
  timeoutRate: number;
  /** Probability of processing and committing, then dropping the connection instead of answering. */
  duplicateRate: number;
  seed: number;
}

export const NO_FAULTS: FaultConfig = { errorRate: 0, latencyMs: 0, resetRate: 0, timeoutRate: 0, duplicateRate: 0, seed: 1 };

type Fate = 'none' | 'error' | 'reset' | 'timeout' | 'duplicate';

/** The project's seeded generator (electron/common/demo/random.ts): one draw per request. */
function seeded(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.next();
}

export class Faults {
  private config: FaultConfig = NO_FAULTS;
  private random: () => number = seeded(NO_FAULTS.seed);
  /** Sockets of requests held by a timeout fault, released on close. */
  readonly held = new Set<Socket>();

  configure(config: FaultConfig): FaultConfig {
    this.config = { ...config };
    this.random = seeded(config.seed);
    return this.current();
  }

  current(): FaultConfig {
    return { ...this.config };
  }

  decide(): Fate {
    const c = this.config;
    if (c.errorRate + c.resetRate + c.timeoutRate + c.duplicateRate <= 0) return 'none';
    let r = this.random();
    for (const [fate, rate] of [
      ['reset', c.resetRate],
      ['timeout', c.timeoutRate],
      ['error', c.errorRate],
      ['duplicate', c.duplicateRate],
    ] as const) {
      if (r < rate) return fate;
      r -= rate;
    }
    return 'none';
  }

  releaseHeld(): void {
    for (const s of this.held) s.destroy();
    this.held.clear();
  }
}

function exempt(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/openapi.json' || path === '/admin' || path.startsWith('/admin/');
}

export function installFaults(app: FastifyInstance, faults: Faults): void {
  const duplicates = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request, reply) => {
    if (exempt(request)) return;
    const { latencyMs } = faults.current();
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const fate = faults.decide();
    switch (fate) {
      case 'none':
        return;
      case 'error':
        return reply
          .code(500)
          .type(PROBLEM_CONTENT_TYPE)
          .send(problem(500, 'ERRORE_SIMULATO', 'Errore simulato dal sandbox (iniezione di guasti).'));
      case 'reset':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'timeout':
        reply.hijack();
        faults.held.add(request.raw.socket);
        request.raw.socket.once('close', () => faults.held.delete(request.raw.socket));
        return reply;
      case 'duplicate':
        duplicates.add(request);
        return;
    }
  });
  // "Delivered twice": the work is committed, the answer never arrives, so the client retries.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (duplicates.has(request)) request.raw.socket.destroy();
    return payload;
  });
  app.addHook('onClose', async () => faults.releaseHeld());
}
