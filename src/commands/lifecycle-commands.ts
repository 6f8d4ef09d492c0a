// Enable, disable, unlock and reload: one account follows its task with progress and its
// row refreshes in place; several selected accounts go through the bulk runner, which skips
// those the action does not apply to. The default path is one click; the "with options"
// commands ask for forceProvisioning and an external verification id.
import type { Account, AccountToggleRequest, AccountUnlockRequest } from '../isc/models';
import type { LifecycleBody, LifecycleKind } from '../isc/change-requests';
import type { ChangeReport } from '../core/change-report';
import { nothingToSend, runAccountBulk, type AccountBulkAction } from './account-bulk';
import { runSingleChange } from './change-run';
import { checkStatus } from './check-status';
import type { CommandContext, CommandGroup } from './context';
import { refuseWhileInFlight } from './in-flight';
import { required } from './pickers';
import { markPending, refreshAccountRow, showUnconfirmed } from './tree-refresh';
import { accountJournalTarget, accountOfTarget, resolveAccountTargets, rowOfTarget, targetLabel, type AccountTarget } from './targets';

interface LifecycleSpec {
  title: string;
  verb: string;
  past: string;
}

const LIFECYCLE: Record<LifecycleKind, LifecycleSpec> = {
  enable: { title: 'Enable', verb: 'Enabling', past: 'enabled' },
  disable: { title: 'Disable', verb: 'Disabling', past: 'disabled' },
  unlock: { title: 'Unlock', verb: 'Unlocking', past: 'unlocked' },
  reload: { title: 'Reload', verb: 'Reloading', past: 'reloaded' },
};

async function askToggleOptions(ctx: CommandContext, title: string): Promise<AccountToggleRequest> {
  const force = await ctx.ui.pick({
    title,
    placeHolder: 'Force provisioning?',
    items: [
      { label: 'Do not force provisioning', description: 'ISC skips the change if the account already has this state', value: false },
      { label: 'Force provisioning', description: 'send the change to the source even if ISC thinks it is done', value: true },
    ],
  });
  const verification = await ctx.ui.input({
    title,
    prompt: 'External verification id (optional): leave empty for none',
    placeHolder: 'e.g. a ticket number',
  });
  const body: AccountToggleRequest = { forceProvisioning: required(force).value };
  const id = required(verification).trim();
  if (id) body.externalVerificationId = id;
  return body;
}

async function askUnlockOptions(ctx: CommandContext): Promise<AccountUnlockRequest> {
  const choice = await ctx.ui.pick<'source' | 'both' | 'options'>({
    title: 'Unlock Account',
    placeHolder: 'Unlock the IDN account too?',
    items: [
      { label: 'Unlock', description: 'the account on its source', value: 'source' },
      { label: 'Unlock, and the IDN account too', description: 'unlockIDNAccount: true', value: 'both' },
      { label: 'Options…', description: 'force provisioning, external verification id', value: 'options' },
    ],
  });
  const value = required(choice).value;
  if (value !== 'options') return { unlockIDNAccount: value === 'both' };
  const idn = await ctx.ui.pick({
    title: 'Unlock Account',
    placeHolder: 'Unlock the IDN account too?',
    items: [
      { label: 'No', value: false },
      { label: 'Yes', description: 'unlockIDNAccount: true', value: true },
    ],
  });
  return { unlockIDNAccount: required(idn).value, ...(await askToggleOptions(ctx, 'Unlock Account')) };
}

/**
 * Why the action does not apply to the account as the command last read it, or undefined.
 * Menus offer each action only where it applies; a selection or a script can still ask.
 * Force provisioning sends to the source whatever state ISC shows, so it is never skipped.
 */
function notApplicable(kind: LifecycleKind, target: AccountTarget, forced: boolean): string | undefined {
  const account = rowOfTarget(target);
  if (!account) return undefined;
  if (kind === 'unlock') return account.locked ? undefined : 'it is not locked';
  if (forced) return undefined;
  if (kind === 'enable' && !account.disabled) return 'it is already enabled';
  if (kind === 'disable' && account.disabled) return 'it is already disabled';
  return undefined;
}

function refuseIfNotApplicable(kind: LifecycleKind, target: AccountTarget, forced: boolean): void {
  const why = notApplicable(kind, target, forced);
  if (why) throw new Error(`"${targetLabel(target)}": ${why}, so there is nothing to ${kind}. Nothing was sent.`);
}

async function runLifecycle(ctx: CommandContext, kind: LifecycleKind, args: unknown[], withOptions: boolean): Promise<ChangeReport> {
  const spec = LIFECYCLE[kind];
  const targets = await resolveAccountTargets(ctx, args, `${spec.title} Account`);
  // A script gives only ids: read the one account, so it is named and checked like a tree row.
  let fresh: Account | undefined;
  if (targets.length === 1 && !rowOfTarget(targets[0])) fresh = await accountOfTarget(ctx, targets[0]).catch(() => undefined);
  const bulk = (forced: boolean, body: LifecycleBody = {}): AccountBulkAction => ({
    title: `${spec.title} accounts`,
    progressVerb: spec.verb,
    past: spec.past,
    pending: spec.title,
    skip: (target) => notApplicable(kind, target, forced),
    spec: (target) => ({ kind: 'lifecycle', action: kind, accountId: target.accountId, body }),
  });
  if (targets.length === 1) refuseWhileInFlight(ctx, targets[0], spec.title);
  // Before asking for options, unless forcing could make the action apply after all.
  const mayForce = withOptions && kind !== 'reload';
  if (!mayForce || kind === 'unlock') {
    if (targets.length === 1) {
      refuseIfNotApplicable(kind, targets[0], false);
    } else {
      const nothing = nothingToSend(ctx, targets, bulk(false));
      if (nothing) return nothing;
    }
  }
  let body: LifecycleBody = {};
  if (kind === 'unlock') body = await askUnlockOptions(ctx);
  else if (mayForce) body = await askToggleOptions(ctx, `${spec.title} Account with Options`);
  const forced = body.forceProvisioning === true;

  if (targets.length > 1) return runAccountBulk(ctx, targets, bulk(forced, body));

  const [target] = targets;
  refuseIfNotApplicable(kind, target, forced);
  const label = targetLabel(target);
  const done = markPending(ctx, target, spec.title);
  let report: ChangeReport;
  try {
    report = await runSingleChange(ctx, {
      title: `${spec.verb} ${label}`,
      past: spec.past,
      subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: rowOfTarget(target)?.sourceId, label },
      spec: { kind: 'lifecycle', action: kind, accountId: target.accountId, body },
      target: accountJournalTarget(target),
      before: fresh,
    });
  } finally {
    done();
  }
  await refreshAccountRow(ctx, target);
  showUnconfirmed(ctx, report, spec.past);
  return report;
}

export const lifecycleCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.enable': (...args) => runLifecycle(ctx, 'enable', args, false),
  'iscAccounts.account.disable': (...args) => runLifecycle(ctx, 'disable', args, false),
  'iscAccounts.account.enableWithOptions': (...args) => runLifecycle(ctx, 'enable', args, true),
  'iscAccounts.account.disableWithOptions': (...args) => runLifecycle(ctx, 'disable', args, true),
  'iscAccounts.account.unlock': (...args) => runLifecycle(ctx, 'unlock', args, false),
  'iscAccounts.account.reload': (...args) => runLifecycle(ctx, 'reload', args, false),
  'iscAccounts.account.checkStatus': (...args) => checkStatus(ctx, args),
});
