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

export function scrubItem(item: JournalItem, redactor: Redactor): JournalItem {
  const { spec, before, ...rest } = item;
  const keptSpec = scrubJson(spec, redactor);
  const keptBefore = scrubJson(before, redactor);
  const scrubbed: JournalItem = { ...scrubJson(rest, redactor).value, spec: keptSpec.value };
  if (keptBefore.value !== undefined) scrubbed.before = keptBefore.value;
  if (keptSpec.changed || keptBefore.changed) scrubbed.redacted = true;
  return scrubbed;
}
