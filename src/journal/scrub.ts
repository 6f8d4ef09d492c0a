// Nothing secret is written to the journal: every string of an item (keys too) passes the
// client's redaction (src/isc/redact.ts) before it is stored. Headers are never journaled at
// all. An item whose spec or before-state lost something to redaction is marked, so the
// journal never sends "[redacted]" to ISC in place of a value. No vscode here.
import type { Redactor } from '../isc/redact';
import type { JournalItem } from './entry';

export function scrubJson<T>(value: T, redactor: Redactor): { value: T; changed: boolean } {
  let changed = false;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const masked = redactor.redact(node);
      if (masked !== node) changed = true;
      return masked;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(node)) {
        // defineProperty: a key such as "__proto__" is data here, never the prototype.
        Object.defineProperty(copy, walk(key) as string, { value: walk(member), enumerable: true, writable: true, configurable: true });
      }
      return copy;
    }
    return node;
  };
  return { value: walk(value) as T, changed };
}

/**
 * Scrubs items for one journal. A bulk run writes each item several times with the same spec,
 * before-state and target; the parts this scrubber returned are remembered (by identity, with
 * the redactor's generation), so writing them again does not walk them again. A secret added
 * since makes every part be walked anew.
 */
export class ItemScrubber {
  private readonly scrubbed = new WeakMap<object, number>();

  constructor(private readonly redactor: Redactor) {}

  item(item: JournalItem): JournalItem {
    const { spec, before, ...rest } = item;
    const keptSpec = this.part(spec);
    const keptBefore = this.part(before);
    const scrubbed = { spec: keptSpec.value } as JournalItem;
    for (const [key, member] of Object.entries(rest)) {
      Object.defineProperty(scrubbed, this.redactor.redact(key), { value: this.part(member).value, enumerable: true, writable: true, configurable: true });
    }
    if (keptBefore.value !== undefined) scrubbed.before = keptBefore.value;
    if (keptSpec.changed || keptBefore.changed) scrubbed.redacted = true;
    return scrubbed;
  }

  /** An unchanged part was masked already when it was kept, so it changes nothing now (as walking it again would find). */
  private part<T>(value: T): { value: T; changed: boolean } {
    if (value && typeof value === 'object' && this.scrubbed.get(value) === this.redactor.generation) return { value, changed: false };
    const kept = scrubJson(value, this.redactor);
    if (kept.value && typeof kept.value === 'object') this.scrubbed.set(kept.value, this.redactor.generation);
    return kept;
  }
}
