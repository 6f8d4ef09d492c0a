// How an account looks in the tree, decided without VS Code: its contextValue (what the
// menus offer), its icon, description and tooltip facts. Tested in plain Node.
import type { Account } from '../isc/models';
import type { AccountRow } from './account-row';

export interface AccountView {
  account: AccountRow;
  flatFile: boolean;
  /** The account is an identity's IDN account (of the IdentityNow source). */
  idn?: boolean;
  /** Rows listed across sources (an identity's) name their source instead of the identity. */
  sourceLabel?: string;
  /** An action on this account is in flight. */
  pending: boolean;
  /** The last change's outcome is unknown: "may have been disabled". */
  unconfirmed?: string;
  /** ISC answered this row's GET with another account (or one without an id): what it sent. */
  wrongAnswer?: string;
}

/** `account[:flatfile][:idn][:enabled|:disabled][:locked][:correlated|:uncorrelated][:manual][:pending]` */
export function accountContextValue({ account, flatFile, idn, pending }: AccountView): string {
  const parts = ['account'];
  if (flatFile) parts.push('flatfile');
  if (idn) parts.push('idn');
  parts.push(account.disabled ? 'disabled' : 'enabled');
  if (account.locked) parts.push('locked');
  parts.push(account.uncorrelated ? 'uncorrelated' : 'correlated');
  if (account.manuallyCorrelated) parts.push('manual');
  if (pending) parts.push('pending');
  return parts.join(':');
}

/** Words for the states a person cares about, most urgent first. */
export function accountStates({ account, pending, unconfirmed, wrongAnswer }: AccountView): string[] {
  const states: string[] = [];
  if (pending) states.push('pending');
  if (wrongAnswer) states.push('not refreshed: ISC answered with another account');
  if (unconfirmed) states.push(unconfirmed);
  if (account.locked) states.push('locked');
  states.push(account.disabled ? 'disabled' : 'enabled');
  if (account.uncorrelated) states.push('uncorrelated');
  if (account.manuallyCorrelated) states.push('manually correlated');
  return states;
}

export interface AccountIcon {
  /** A codicon id for ThemeIcon. */
  id: string;
  /** A theme color id for ThemeColor. */
  color?: string;
}

/** One icon per account; when several states hold, the one needing attention first wins. */
export function accountIcon({ account, pending, wrongAnswer }: AccountView): AccountIcon {
  if (pending) return { id: 'loading~spin' };
  if (wrongAnswer) return { id: 'error', color: 'errorForeground' };
  if (account.locked) return { id: 'lock', color: 'charts.orange' };
  if (account.disabled) return { id: 'circle-slash', color: 'disabledForeground' };
  if (account.uncorrelated) return { id: 'question', color: 'charts.yellow' };
  return { id: 'pass', color: 'charts.green' };
}

export function accountLabel(account: AccountRow): string {
  return account.name || account.nativeIdentity || account.id || '(unnamed account)';
}

/** The source (in an identity's list), else the identity's name, else the native identity; unusual states appended. */
export function accountDescription(view: AccountView): string {
  const { account } = view;
  const who = view.sourceLabel || account.identity?.name || account.nativeIdentity || '';
  const unusual = accountStates(view).filter((state) => state !== 'enabled' && state !== 'manually correlated');
  return [who, unusual.join(', ')].filter(Boolean).join(' · ');
}

/** What the lazily resolved tooltip adds to the row: the full account, or why it could not be read. */
export interface TooltipDetail {
  full?: Account;
  unread?: string;
}

/** Label/value pairs for the tooltip, from the full account when it was read; the node renders values as escaped text. */
export function accountTooltipRows(view: AccountView, { full, unread }: TooltipDetail = {}): Array<[string, string]> {
  const account = full ?? view.account;
  const shown = { ...view, account };
  const rows: Array<[string, string | undefined | null]> = [
    ['Name', account.name],
    ['Native identity', account.nativeIdentity],
    ['Identity', account.uncorrelated ? '(uncorrelated)' : account.identity?.name ?? account.identityId],
    ['Source', account.sourceName ?? account.sourceId],
    ['State', accountStates(shown).join(', ')],
    ['Created', full?.created],
    ['Modified', full?.modified],
    ['Id', account.id],
    ['Not refreshed', view.wrongAnswer && `${view.wrongAnswer} The row shows what was loaded before; click it (or Refresh it) to read it again.`],
    ['Not read', unread && `the full account could not be read: ${unread}`],
  ];
  return rows.filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '');
}

const TOOLTIP_ATTRIBUTES = 15;
const TOOLTIP_VALUE_CHARS = 80;

/** The first attributes of the full account, one short line each (a tooltip, not the editor). */
export function accountAttributeRows(account: Account): { rows: Array<[string, string]>; total: number } {
  const entries = Object.entries(account.attributes ?? {});
  const rows = entries.slice(0, TOOLTIP_ATTRIBUTES).map(([name, value]): [string, string] => [name, shortValue(value)]);
  return { rows, total: entries.length };
}

function shortValue(value: unknown): string {
  if (Array.isArray(value) && value.length === 0) return '(none)';
  const first = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'string' ? first : JSON.stringify(first) ?? String(first);
  const clipped = text.length > TOOLTIP_VALUE_CHARS ? `${text.slice(0, TOOLTIP_VALUE_CHARS - 1)}…` : text;
  return Array.isArray(value) && value.length > 1 ? `${clipped} (+${value.length - 1} more)` : clipped;
}

/**
 * Items of a listed page that repeat an account listed before them, by index, with why: two
 * rows would be one account (the client already refuses a page with an item without an id).
 */
export function listedAccountProblems(items: readonly AccountRow[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  items.forEach((account, index) => {
    const id = account.id ?? '';
    if (seen.has(id)) problems.set(index, `ISC listed account ${id} (${accountLabel(account)}) twice`);
    seen.add(id);
  });
  return problems;
}
