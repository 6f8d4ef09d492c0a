// Who owns an account: reassign to another identity, uncorrelate, set or clear
// manuallyCorrelated. All are JSON Patch requests on /identityId and /manuallyCorrelated,
// which ISC accepts on any account (not only flat-file ones).
import type { JsonPatchOperation } from '../isc/models';
import type { ChangeReport } from '../core/change-report';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { required, searchIdentity } from './pickers';
import { markPending, refreshAccountRow, showUnconfirmed } from './tree-refresh';
import { accountJournalTarget, accountOfTarget, resolveAccountTarget, targetLabel, type AccountTarget } from './targets';

/** Sends the patch (its outcome told and returned), then refreshes the row. */
async function patchAndRefresh(
  ctx: CommandContext,
  target: AccountTarget,
  operations: JsonPatchOperation[],
  title: string,
  past: string,
): Promise<ChangeReport> {
  const done = markPending(ctx, target);
  let report: ChangeReport;
  try {
    report = await runSingleChange(ctx, {
      title,
      past,
      subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: target.account?.sourceId, label: targetLabel(target) },
      spec: { kind: 'patch', accountId: target.accountId, operations },
      target: accountJournalTarget(target),
    });
  } finally {
    done();
  }
  await refreshAccountRow(ctx, target);
  showUnconfirmed(ctx, report, 'changed');
  return report;
}

async function reassign(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const target = await resolveAccountTarget(ctx, args, 'Reassign to Identity');
  const account = await accountOfTarget(ctx, target);
  const label = targetLabel(target);
  const identity = await searchIdentity(ctx, target.tenantId, `Reassign "${label}" to which identity?`);
  if (identity.id === account.identityId) throw new Error(`"${label}" already belongs to ${identity.name}.`);
  return patchAndRefresh(ctx, target, [{ op: 'replace', path: '/identityId', value: identity.id }], `Reassigning ${label} to ${identity.name}`, `reassigned to ${identity.name}`);
}

async function uncorrelate(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const target = await resolveAccountTarget(ctx, args, 'Uncorrelate from Identity');
  const account = await accountOfTarget(ctx, target);
  const label = targetLabel(target);
  if (account.uncorrelated || !account.identityId) throw new Error(`"${label}" is not correlated with an identity.`);
  const owner = account.identity?.name ?? account.identityId;
  const confirmed = await ctx.ui.confirm({
    message: `Uncorrelate "${label}" from ${owner}?`,
    detail: 'The account stays in ISC without an owner until it is correlated again.',
    confirm: 'Uncorrelate',
  });
  if (!confirmed) return undefined;
  return patchAndRefresh(ctx, target, [{ op: 'remove', path: '/identityId' }], `Uncorrelating ${label}`, `uncorrelated from ${owner}`);
}

async function setManuallyCorrelated(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const target = await resolveAccountTarget(ctx, args, 'Set or Clear Manually Correlated');
  const account = await accountOfTarget(ctx, target);
  const label = targetLabel(target);
  const now = (value: boolean) => (account.manuallyCorrelated === value ? ' (current)' : '');
  const choice = await ctx.ui.pick({
    title: `Manually correlated: "${label}"`,
    placeHolder: `Now ${account.manuallyCorrelated}. Set manuallyCorrelated to…`,
    items: [
      { label: 'true', description: `aggregation keeps this correlation${now(true)}`, value: true },
      { label: 'false', description: `correlation rules may move the account${now(false)}`, value: false },
    ],
  });
  const value = required(choice).value;
  return patchAndRefresh(
    ctx,
    target,
    [{ op: 'replace', path: '/manuallyCorrelated', value }],
    `Setting manuallyCorrelated of ${label} to ${value}`,
    `set to manuallyCorrelated ${value}`,
  );
}

export const correlationCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.reassign': (...args) => reassign(ctx, args),
  'iscAccounts.account.uncorrelate': (...args) => uncorrelate(ctx, args),
  'iscAccounts.account.setManuallyCorrelated': (...args) => setManuallyCorrelated(ctx, args),
});
