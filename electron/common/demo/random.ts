// Seeded pseudo-random numbers for the demo data: sfc32 (Small Fast Counter, 128-bit state),
// seeded through splitmix32. Same seed → same sequence on every platform; never Math.random.

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, to derive independent sub-streams ('datori', 'quesiti', …). */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed this stream was created from (for forking). */
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Seed non valido: ${seed}`);
    this.seed = Math.trunc(seed) >>> 0;
    const sm = splitmix32(this.seed ^ Math.trunc(seed / 0x100000000));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    // Warm up: the first outputs of a freshly seeded generator are less mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for one part of the dataset: adding draws elsewhere does not shift it. */
  fork(label: string): Random {
    return new Random((this.seed ^ hashLabel(label)) >>> 0);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`Intervallo vuoto: [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick da una lista vuota');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(cumulative(weights))] as T;
  }

  /** Index into a cumulative-weights table (see `cumulative`): precompute it once for hot loops. */
  weightedIndex(cum: Float64Array): number {
    const total = cum[cum.length - 1] ?? 0;
    const x = this.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** Running sums of weights, for `Random.weightedIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i] as number;
    cum[i] = s;
  }
  if (s <= 0) throw new RangeError('Pesi tutti nulli');
  return cum;
}

/** A weighted table built once and drawn from many times. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    this.cum = cumulative(entries.map((e) => e[1]));
  }

  draw(rng: Random): T {
    return this.items[rng.weightedIndex(this.cum)] as T;
  }
}
