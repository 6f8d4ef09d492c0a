// What is in flight on an account, as its tree row knows it. The menus hide change actions on a
// pending row; a script can still call them, so every change handler asks here first and one
// change never starts on top of another.
import type { PendingAction } from '../tree/account-node';
import type { CommandContext } from './context';
import { treeNodeOf } from './tree-refresh';
import { targetLabel, type AccountTarget } from './targets';

export function inFlightOn(ctx: CommandContext, target: AccountTarget): readonly PendingAction[] {
  return treeNodeOf(ctx, target)?.inFlight ?? [];
}

/** "12:03:10": the local time of day, as the clock on the person's screen shows it. */
export function timeOfDay(date: Date): string {
  return date.toTimeString().slice(0, 8);
}

/** "Disable is still running (started 12:03:10)" for each action, joined; `where` goes after "running". */
export function describeInFlight(actions: readonly PendingAction[], where = ''): string {
  return actions.map((action) => `${action.label} is still running${where} (started ${timeOfDay(action.started)})`).join('; ');
}

/** Why a bulk run skips this account, or undefined when nothing is in flight on it. */
export function inFlightSkipReason(ctx: CommandContext, target: AccountTarget): string | undefined {
  const actions = inFlightOn(ctx, target);
  return actions.length > 0 ? describeInFlight(actions, ' on it') : undefined;
}

/** Throws, naming what is in flight, when the account has a change in flight. */
export function refuseWhileInFlight(ctx: CommandContext, target: AccountTarget, action: string): void {
  const actions = inFlightOn(ctx, target);
  if (actions.length === 0) return;
  throw new Error(
    `${action} was not sent: on "${targetLabel(target)}", ${describeInFlight(actions)}. Wait until it ends, or use Check Status to see what ISC says now.`,
  );
}
