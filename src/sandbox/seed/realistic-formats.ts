// Value formats the realistic attribute sets share: AD's time encodings, GUIDs and SIDs, and
// the skewed counts (group memberships, job history) real directories show.
import type { Prng } from './random';

/** AD GeneralizedTime, as `whenCreated` carries it: `20230412093011.0Z`. */
export function generalizedTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, '.0Z');
}

/** AD FILETIME (100 ns ticks since 1601) as a decimal string, as `pwdLastSet` carries it. */
export function fileTime(ms: number): string {
  return ((BigInt(Math.round(ms)) + 11_644_473_600_000n) * 10_000n).toString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ServiceNow's `2024-03-05 14:22:10`. */
export function glideDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function guid(prng: Prng): string {
  const hex = prng.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A count whose logarithm is normal around `median`: most near it, a long tail above (the
 * shape of group memberships in real directories), clamped to [min, max]. */
export function skewedCount(prng: Prng, median: number, spread: number, min: number, max: number): number {
  // Box-Muller; 1 - float() keeps the logarithm finite.
  const z = Math.sqrt(-2 * Math.log(1 - prng.float())) * Math.cos(2 * Math.PI * prng.float());
  return Math.max(min, Math.min(max, Math.round(median * Math.exp(spread * z))));
}

/** `count` distinct items of `pool` (count well below the pool's size), in picked order. */
export function distinctPicks<T>(prng: Prng, pool: readonly T[], count: number): T[] {
  const wanted = Math.min(count, pool.length);
  const seen = new Set<number>();
  const picked: T[] = [];
  while (picked.length < wanted) {
    const index = prng.int(pool.length);
    if (seen.has(index)) continue;
    seen.add(index);
    picked.push(pool[index]);
  }
  return picked;
}

/** Removes spaces and ampersands, as group and org codes are written. */
export function compact(text: string): string {
  return text.replace(/&/g, 'and').replace(/\s+/g, '');
}
