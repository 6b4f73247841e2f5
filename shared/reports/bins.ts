// Fixed-bin histograms of durations (waits, service times): 30-second bins, one definition for the
// hall and central. A percentile read from them is the nearest-rank percentile of the binned
// samples, reported at the middle of its bin: within 15 s (0.25 min) of the exact nearest-rank
// figure of the same samples, whatever their spread (test/unit/reports/rollup.test.ts holds that
// bound against the exact fold on generated days). Counts, sums and means stay exact: they are
// kept beside the bins, not read from them.

/** The width of one bin, ms. */
export const BIN_MS = 30_000;

/** The bin of a duration (negative durations, a clock set back, count as 0). */
export const binOf = (ms: number): number => (ms > 0 ? Math.floor(ms / BIN_MS) : 0);

/** The middle of a bin, ms: where a percentile that falls in it is reported. */
export const binMiddle = (bin: number): number => bin * BIN_MS + BIN_MS / 2;

/**
 * A histogram as a dense run of counts from bin `first`: what is stored and merged. Counts may be
 * negative while differences are being formed (a period = one running total minus another). Held
 * in a typed array (32-bit: a bin of one centre never holds two billion tickets) that grows by
 * doubling, so merging many rows makes little garbage.
 */
export class Histogram {
  first = 0;
  length = 0;
  /** The run's storage; entries from `length` on are always 0. */
  private c: Int32Array = new Int32Array(0);

  /** The run of counts from `first` (a view: copy it to keep it). */
  get counts(): Int32Array {
    return this.c.subarray(0, this.length);
  }

  /** The number of samples. */
  get total(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) n += this.c[i]!;
    return n;
  }

  private reserve(size: number): void {
    if (size <= this.c.length) return;
    const next = new Int32Array(Math.max(size, this.c.length * 2, 16));
    next.set(this.c.subarray(0, this.length));
    this.c = next;
  }

  /** Makes `bin` the first bin of the run. */
  private startAt(bin: number): void {
    if (this.length === 0) {
      this.first = bin;
      return;
    }
    const shift = this.first - bin;
    const next = new Int32Array(Math.max(this.length + shift, this.c.length));
    next.set(this.c.subarray(0, this.length), shift);
    this.c = next;
    this.length += shift;
    this.first = bin;
  }

  /** Adds `n` samples to bin `bin`. */
  addBin(bin: number, n = 1): void {
    if (this.length === 0 || bin < this.first) this.startAt(bin);
    const i = bin - this.first;
    if (i >= this.length) {
      this.reserve(i + 1);
      this.length = i + 1;
    }
    this.c[i]! += n;
  }

  add(ms: number): void {
    this.addBin(binOf(ms));
  }

  /** Adds (sign 1) or takes away (sign −1) another histogram's run. */
  merge(h: { first: number; counts: ArrayLike<number> }, sign = 1): void {
    const n = h.counts.length;
    if (n === 0) return;
    if (this.length === 0 || h.first < this.first) this.startAt(h.first);
    const off = h.first - this.first;
    if (off + n > this.length) {
      this.reserve(off + n);
      this.length = off + n;
    }
    for (let i = 0; i < n; i++) this.c[off + i]! += sign * h.counts[i]!;
  }

  /** Adds (× sign) a run stored by `encodeHistogram`, straight from its bytes. */
  addEncoded(bytes: Uint8Array, sign = 1): void {
    const n = bytes.length;
    if (n === 0) return;
    let p = 0;
    let first = 0;
    for (let m = 1; ; m *= 128) {
      const b = bytes[p++]!;
      first += (b & 127) * m;
      if (!(b & 128) || p >= n) break;
    }
    // One count per byte without its continuation bit (and a last one cut short, read as it is).
    let count = bytes[n - 1]! & 128 && p < n ? 1 : 0;
    for (let i = p; i < n; i++) if (!(bytes[i]! & 128)) count++;
    if (count === 0) return;
    if (this.length === 0 || first < this.first) this.startAt(first);
    const off = first - this.first;
    if (off + count > this.length) {
      this.reserve(off + count);
      this.length = off + count;
    }
    const c = this.c;
    for (let i = off; p < n; i++) {
      let x = bytes[p++]!;
      if (x & 128) {
        x &= 127;
        for (let m = 128; ; m *= 128) {
          const b = bytes[p++]!;
          x += (b & 127) * m;
          if (!(b & 128) || p >= n) break;
        }
      }
      c[i]! += sign * x;
    }
  }

  /** Drops zero bins at both ends. */
  trim(): this {
    let a = 0;
    let b = this.length;
    while (a < b && this.c[a] === 0) a++;
    while (b > a && this.c[b - 1] === 0) b--;
    if (a === 0 && b === this.length) return this;
    this.c = this.c.slice(a, b);
    this.first = b > a ? this.first + a : 0;
    this.length = b - a;
    return this;
  }

  /** Nearest-rank percentile (p in 0–1), ms at the middle of its bin; null with no samples. */
  percentile(p: number, total = this.total): number | null {
    return binnedPercentile(this.first, this.counts, p, total);
  }

  /** Counts per wider bin of `factor` bins (5-minute bins are factor 10), up to `last` (that one holds the rest). */
  coarse(factor: number, last: number): number[] {
    const out = new Array<number>(last + 1).fill(0);
    for (let i = 0; i < this.length; i++) out[Math.min(last, Math.floor((this.first + i) / factor))]! += this.c[i]!;
    return out;
  }
}

/** Nearest-rank percentile of a dense run of bin counts: the middle of the bin holding the rank-th sample. */
export function binnedPercentile(first: number, counts: ArrayLike<number>, p: number, total: number): number | null {
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let c = 0;
  for (let i = 0; i < counts.length; i++) {
    c += counts[i]!;
    if (c >= rank) return binMiddle(first + i);
  }
  return binMiddle(first + counts.length - 1);
}

// --- the stored form: unsigned LEB128 varints, the first bin then each count of the run --------

/** Encodes a histogram (no negative counts) as bytes: `first`, then every count from it to the last non-zero bin. */
export function encodeHistogram(h: { first: number; counts: ArrayLike<number> }): Uint8Array {
  let a = 0;
  let b = h.counts.length;
  while (a < b && h.counts[a] === 0) a++;
  while (b > a && h.counts[b - 1] === 0) b--;
  const out: number[] = [];
  const put = (x: number) => {
    if (x < 0 || !Number.isInteger(x)) throw new Error(`a histogram holds counts, not ${x}`);
    while (x >= 128) {
      out.push((x % 128) + 128);
      x = Math.floor(x / 128);
    }
    out.push(x);
  };
  put(a < b ? h.first + a : 0);
  for (let i = a; i < b; i++) put(h.counts[i]!);
  return Uint8Array.from(out);
}

/** Decodes `encodeHistogram`'s bytes, adding them (× sign) into `into` (a new histogram by default). */
export function decodeHistogram(bytes: Uint8Array, into = new Histogram(), sign = 1): Histogram {
  into.addEncoded(bytes, sign);
  return into;
}
