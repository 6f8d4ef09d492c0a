// The stale check of a bulk edit, kept in the journal with the change: each attribute the
// patch touches, with the value the plan saw. Just before the change is sent (the first time,
// or on Resume after a reload), the account as read then is compared with it; if any value
// differs the change is not sent, and the reason names the attribute and both values, so an
// account changed since the plan is reported, never overwritten. No vscode here.
import type { ChangeOutcome } from '../isc/change-outcome';
import type { Account, AttributeValue } from '../isc/models';
import { jsonEqual } from '../patch/json';

/** What the plan saw of one attribute; `value` left out: the attribute was absent. */
export interface AttributeGuard {
  attribute: string;
  value?: AttributeValue;
}

const STALE = 'changed since the plan';

/** "skipped: department changed since the plan (was "Sales", now "HR")", or undefined when every value is as planned. */
export function staleReason(guard: readonly AttributeGuard[], account: Account): string | undefined {
  const attributes = account.attributes ?? {};
  for (const { attribute, ...seen } of guard) {
    const was = 'value' in seen ? seen.value : undefined;
    const now = Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
    const same = was === undefined || now === undefined ? was === now : jsonEqual(was, now);
    if (!same) return `skipped: ${attribute} ${STALE} (was ${shown(was)}, now ${shown(now)})`;
  }
  return undefined;
}

export const UNREADABLE_FOR_GUARD = 'skipped: the account could not be read just before sending, so it could not be checked against the plan';

export function staleOutcome(reason: string): ChangeOutcome {
  return { outcome: 'not-sent', reason, evidence: { kind: 'none', detail: STALE } };
}

/** Not sent because the account had changed since the plan (Resume does not offer it again: plan again). */
export function isStaleOutcome(outcome: ChangeOutcome | undefined): boolean {
  return outcome?.outcome === 'not-sent' && outcome.evidence.kind === 'none' && outcome.evidence.detail === STALE;
}

function shown(value: AttributeValue | undefined): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
