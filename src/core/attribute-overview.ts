// What the targets of a bulk edit hold, attribute by attribute: value → count, tallied as the
// accounts are read (a page at a time), so the overview never needs every account at once.
// Distinct values are tracked up to a cap per attribute; beyond it they count as "other".
// No vscode here.
import type { AccountAttributeMap } from '../patch';
import type { AttributeOverview, ValueCount } from './bulk-edit-model';

export const NO_VALUE = '(none)';
const SHOWN_VALUES = 30;
const TRACKED_VALUES = 1_000;

interface Tally {
  multiValued: boolean;
  holders: number;
  counts: Map<string, number>;
  untracked: number;
}

export class AttributeTally {
  private readonly tallies = new Map<string, Tally>();
  private accounts = 0;

  add(attributes: AccountAttributeMap): void {
    this.accounts++;
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined) continue;
      let tally = this.tallies.get(name);
      if (!tally) this.tallies.set(name, (tally = { multiValued: false, holders: 0, counts: new Map(), untracked: 0 }));
      tally.holders++;
      if (Array.isArray(value)) tally.multiValued = true;
      const shown = JSON.stringify(value);
      const count = tally.counts.get(shown);
      if (count !== undefined) tally.counts.set(shown, count + 1);
      else if (tally.counts.size < TRACKED_VALUES) tally.counts.set(shown, 1);
      else tally.untracked++;
    }
  }

  get size(): number {
    return this.accounts;
  }

  /** Every attribute any target holds, by name; accounts without it count as "(none)". */
  overview(): AttributeOverview[] {
    return [...this.tallies]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, tally]) => {
        const values: ValueCount[] = [...tally.counts].map(([value, count]) => ({ value, count }));
        const missing = this.accounts - tally.holders;
        if (missing > 0) values.push({ value: NO_VALUE, count: missing });
        values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
        const distribution = values.slice(0, SHOWN_VALUES);
        const otherValues = tally.untracked + values.slice(SHOWN_VALUES).reduce((sum, value) => sum + value.count, 0);
        return { name, multiValued: tally.multiValued, distribution, otherValues };
      });
  }
}
