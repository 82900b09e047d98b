/**
 * A small seeded pseudo-random generator (mulberry32 seeded through
 * splitmix32): the same seed gives the same sequence on every machine and
 * Node version, which is what makes generated datasets reproducible.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // splitmix32 so that neighbouring seeds (1, 2, 3) give unrelated streams.
    let z = (seed >>> 0) + 0x9e3779b9;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    this.state = (z ^ (z >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index into `weights` drawn in proportion to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/**
 * Draws indices 0..n-1 with probability proportional to 1/(i+1)^exponent
 * (Zipf): index 0 is the most likely. This is what gives the generated
 * network its heavy-tailed degrees: a few nodes are drawn very often.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly size: number,
    exponent: number,
    /** Extra weight multipliers for the first indices (hubs). */
    boost: readonly number[] = [],
  ) {
    if (size < 1) throw new RangeError('a Zipf sampler needs at least one item');
    this.cumulative = new Float64Array(size);
    let acc = 0;
    for (let i = 0; i < size; i++) {
      acc += (boost[i] ?? 1) / Math.pow(i + 1, exponent);
      this.cumulative[i] = acc;
    }
  }

  sample(rng: Rng): number {
    const c = this.cumulative;
    const x = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
