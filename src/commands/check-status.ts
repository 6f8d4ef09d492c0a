// Check Status, offered on a pending row instead of the change actions: what is in flight on the
// account (as its row knows it) and what ISC says about the account now. It only reads
// (GET /accounts/{id}) and never sends a change; the row takes the data it read.
import { IscError } from '../isc/errors';
import type { Account } from '../isc/models';
import { accountStates } from '../tree/account-presentation';
import type { CommandContext } from './context';
import { describeInFlight, inFlightOn } from './in-flight';
import { refreshSourceRows, showReadAccount, treeNodeOf } from './tree-refresh';
import { resolveAccountTarget, targetLabel } from './targets';

/** What Check Status resolves to for scripts and tests. */
export interface AccountStatus {
  tenantId: string;
  accountId: string;
  label: string;
  /** What is in flight on the account, with when it started (ISO 8601). */
  inFlight: Array<{ label: string; started: string }>;
  /** What ISC says now: "enabled", "locked", …; ["gone"] when ISC no longer has the account; ["unknown"] when it answered with another. */
  now: string[];
  /** The sentence the person was shown. */
  message: string;
}

export async function checkStatus(ctx: CommandContext, args: unknown[]): Promise<AccountStatus> {
  const target = await resolveAccountTarget(ctx, args, 'Check Status');
  const label = targetLabel(target);
  const client = await ctx.clients.forTenant(target.tenantId);
  let account: Account | undefined;
  try {
    account = await ctx.ui.progress(`Checking ${label}`, (signal) => client.getAccount(target.accountId, { signal }));
  } catch (error) {
    if (!(error instanceof IscError && error.status === 404)) throw error;
  }
  // Read after the request: an action may have ended while ISC answered.
  const inFlight = inFlightOn(ctx, target);
  const node = treeNodeOf(ctx, target);
  const wrongAnswer = account && showReadAccount(ctx, target, account);
  if (!account && node && inFlight.length === 0) await refreshSourceRows(ctx, node.parent);
  const now = wrongAnswer ? ['unknown'] : account ? accountStates({ account, flatFile: false, pending: false }) : ['gone'];
  const running = inFlight.length > 0 ? `${describeInFlight(inFlight)}.` : 'No change is in flight on it.';
  const says = wrongAnswer ? `nothing about it: ${wrongAnswer}` : account ? now.join(', ') : 'the account does not exist (404)';
  const message = `"${label}": ${running} ISC now says: ${says}.`;
  void ctx.ui.notify(wrongAnswer ? 'warning' : 'info', message);
  return {
    tenantId: target.tenantId,
    accountId: target.accountId,
    label,
    inFlight: inFlight.map((action) => ({ label: action.label, started: action.started.toISOString() })),
    now,
    message,
  };
}
