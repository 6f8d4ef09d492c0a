// A small seeded PRNG (sfc32, seeded through splitmix32): the generator and the fault dice
// must give the same sequence for the same seed on every machine, which Math.random cannot.

const SCRATCH = Buffer.alloc(64);

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(probability: number): boolean {
    return probability > 0 && this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `chars` lowercase hex digits after the optional `prefix` bytes, as one flat string
   * (Buffer's hex encoder: this runs for every generated id, and concatenating strings
   * would keep a rope of small strings alive per id). */
  hex(chars: number, prefix: readonly number[] = []): string {
    const bytes = (chars + 1) >> 1;
    for (let i = 0; i < prefix.length; i++) SCRATCH[i] = prefix[i];
    for (let i = prefix.length; i < bytes; i += 4) SCRATCH.writeUInt32LE(this.uint32(), i);
    const text = SCRATCH.toString('hex', 0, bytes);
    return chars & 1 ? text.slice(0, chars) : text;
  }
}

/** Mixes a label into a seed, so each source gets its own stream and adding accounts to one
 * source does not reshuffle the others. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-hex-char id shaped like ISC's (`2c9180857725c14301772a93bb77242d`). */
export function iscId(prng: Prng): string {
  return prng.hex(32, ISC_ID_PREFIX);
}

const ISC_ID_PREFIX: readonly number[] = [0x2c, 0x91, 0x80];

/** Joins parts into one flat string; a template literal would keep a rope of its parts, which
 * for 100k generated distinguished names costs more than the names themselves. */
export function flatJoin(parts: ReadonlyArray<string | number>): string {
  return parts.join('');
}
