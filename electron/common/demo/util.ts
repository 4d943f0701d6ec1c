// Small formatting helpers and seeded draws with exact shares (they must hold on tiny sets too).
import type { Random } from './random';

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function minutesToTime(m: number): string {
  return `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`;
}

/** Letters only, lower case, for e-mail addresses. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Distribute `total` over `n` buckets, each between `min` and `max`, at random. */
export function distribute(rng: Random, n: number, total: number, min: number, max: number, weights?: Float64Array): Int32Array {
  if (total < n * min || total > n * max) {
    throw new RangeError(`Impossibile distribuire ${total} elementi su ${n} (min ${min}, max ${max})`);
  }
  const counts = new Int32Array(n).fill(min);
  let left = total - n * min;
  if (left === 0) return counts;
  if (weights === undefined) {
    // Tickets: every bucket has (max - min) places; draw `left` of them without replacement.
    const tickets = new Int32Array(n * (max - min));
    for (let i = 0, k = 0; i < n; i++) for (let j = min; j < max; j++) tickets[k++] = i;
    for (let t = 0; t < left; t++) {
      const j = t + Math.floor(rng.next() * (tickets.length - t));
      const pickIdx = tickets[j] as number;
      tickets[j] = tickets[t] as number;
      tickets[t] = pickIdx;
      counts[pickIdx] = (counts[pickIdx] as number) + 1;
    }
    return counts;
  }
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += weights[i] as number;
    cum[i] = s;
  }
  let guard = 0;
  while (left > 0) {
    const i = rng.weightedIndex(cum);
    if ((counts[i] as number) < max) {
      counts[i] = (counts[i] as number) + 1;
      left--;
    } else if (++guard > total * 50) {
      throw new RangeError('Distribuzione non riuscita');
    }
  }
  return counts;
}

function shuffleBytes(rng: Random, a: Uint8Array): Uint8Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}

/** Exactly round(n · share) flags set (at least `min`), at random positions: a share that holds on small sets too. */
export function quota(rng: Random, n: number, share: number, min = 0): Uint8Array {
  const flags = new Uint8Array(n);
  flags.fill(1, 0, Math.min(n, Math.max(min, Math.round(n * share))));
  return shuffleBytes(rng, flags);
}

/** For each of n items, the index of its class, in exact proportion to the weights (shuffled). */
export function strati(rng: Random, n: number, weights: readonly number[]): Uint8Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(n);
  let k = 0;
  let acc = 0;
  for (let c = 0; c < weights.length; c++) {
    acc += weights[c] as number;
    const end = c === weights.length - 1 ? n : Math.round((acc / total) * n);
    for (; k < end; k++) out[k] = c;
  }
  return shuffleBytes(rng, out);
}
