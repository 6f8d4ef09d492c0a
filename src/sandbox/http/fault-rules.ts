// Targeted faults: "the next N requests matching method / path / change kind get this fate".
// A fault matrix needs one fault on one operation, not a rate; rules are checked before the
// dice, in the order given, and a matching rule uses up one of its count whatever the handler
// then answers.
import type { ChangeKind } from '../state/ledger';

/** Before anything is taken on: the request changes nothing. */
export const BEFORE_APPLY_FATES = ['drop', 'hang', 'server-error', 'rate-limited', 'unauthorized'] as const;
/** After the handler took the change on (a task's change still applies when the task ends). */
export const AFTER_APPLY_FATES = ['drop-after-apply', 'hang-after-apply', 'empty-body', 'html-body', 'truncated-body'] as const;

export type BeforeApplyFate = (typeof BEFORE_APPLY_FATES)[number];
export type AfterApplyFate = (typeof AFTER_APPLY_FATES)[number];
/** `normal`, or what goes wrong with this request. */
export type RequestFate = 'normal' | BeforeApplyFate | AfterApplyFate;

export const FATES: readonly RequestFate[] = ['normal', ...BEFORE_APPLY_FATES, ...AFTER_APPLY_FATES];

export interface FaultRule {
  fate: RequestFate;
  /** e.g. `DELETE`; any method when left out. */
  method?: string;
  /** The path with its version (`/v3/accounts/…`); a string matches paths that contain it. */
  path?: string | RegExp;
  /** The change the route makes (`delete`, `remove-all`, `identity-enable`, …). */
  kind?: ChangeKind;
  /** How many matching requests get the fate (default 1; Infinity for all). */
  count?: number;
}

export interface RequestFacts {
  method: string;
  path: string;
  kind: ChangeKind | null;
}

interface ActiveRule {
  rule: Readonly<FaultRule>;
  left: number;
}

export class FaultRules {
  private active: ActiveRule[] = [];

  add(rule: FaultRule): void {
    if (!FATES.includes(rule.fate)) throw new RangeError(`fate must be one of ${FATES.join(', ')}, got ${JSON.stringify(rule.fate)}`);
    const count = rule.count ?? 1;
    if (!(count === Infinity || (Number.isInteger(count) && count >= 1))) throw new RangeError(`count must be a whole number of 1 or more, got ${count}`);
    this.active.push({ rule: { ...rule, method: rule.method?.toUpperCase() }, left: count });
  }

  /** The fate of the first rule that matches (and one fewer left), or null. */
  take(facts: RequestFacts): RequestFate | null {
    const found = this.active.find(({ rule }) => ruleMatches(rule, facts));
    if (!found) return null;
    found.left--;
    if (found.left <= 0) this.active = this.active.filter((active) => active !== found);
    return found.rule.fate;
  }

  /** The rules not used up, with how many requests each still applies to. */
  pending(): Array<FaultRule & { count: number }> {
    return this.active.map(({ rule, left }) => ({ ...rule, count: left }));
  }

  clear(): void {
    this.active = [];
  }
}

function ruleMatches(rule: Readonly<FaultRule>, facts: RequestFacts): boolean {
  if (rule.method !== undefined && rule.method !== facts.method) return false;
  if (rule.kind !== undefined && rule.kind !== facts.kind) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return facts.path.includes(rule.path);
  rule.path.lastIndex = 0;
  return rule.path.test(facts.path);
}
