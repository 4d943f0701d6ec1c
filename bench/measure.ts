// The sampler every measurement shares: a warm-up, then N pairs taken back to back,
// subject and baseline alternating which goes first so neither always runs on a warmer cache.
import { performance } from 'node:perf_hooks';

/** One sample: returns its own figure (ms, changes/s, MB …). */
export type Sampler = () => number | Promise<number>;

export interface PairedOptions {
  warmup: number;
  samples: number;
  subject: Sampler;
  baseline: Sampler;
  /** Called between pairs (e.g. to prepare the next input), outside the timed region. */
  between?: (i: number) => void | Promise<void>;
}

export interface Paired {
  subject: number[];
  baseline: number[];
}

export async function paired(options: PairedOptions): Promise<Paired> {
  for (let i = 0; i < options.warmup; i++) {
    await options.between?.(-1 - i);
    await options.subject();
    await options.baseline();
  }
  const subject: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    await options.between?.(i);
    if (i % 2 === 0) {
      subject.push(await options.subject());
      baseline.push(await options.baseline());
    } else {
      baseline.push(await options.baseline());
      subject.push(await options.subject());
    }
  }
  return { subject, baseline };
}

/** Wraps an action into a sampler giving its wall time in milliseconds. */
export function timed(action: () => unknown): Sampler {
  return async () => {
    const t0 = performance.now();
    await action();
    return performance.now() - t0;
  };
}

/** Same, for synchronous work: no await inside the timed region. */
export function timedSync(action: () => unknown): Sampler {
  return () => {
    const t0 = performance.now();
    action();
    return performance.now() - t0;
  };
}
