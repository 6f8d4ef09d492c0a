// Who owns an account: reassign to another identity, uncorrelate, set or clear
// manuallyCorrelated. All are JSON Patch requests on /identityId and /manuallyCorrelated,
// which ISC accepts on any account (not only flat-file ones). Reassign and uncorrelate also
// work on a selection: one question, then the bulk runner.
import type { JsonPatchOperation } from '../isc/models';
import type { ChangeReport } from '../core/change-report';
import { accountCount, confirmAndRunBulk } from './account-bulk';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { refuseWhileInFlight } from './in-flight';
import { required, searchIdentity } from './pickers';
import { markPending, refreshAccountRow, showUnconfirmed } from './tree-refresh';
import { accountJournalTarget, accountRowOfTarget, resolveAccountTarget, resolveAccountTargets, rowOfTarget, targetLabel, type AccountTarget } from './targets';

/** Sends the patch (its outcome told and returned), then refreshes the row. */
async function patchAndRefresh(
  ctx: CommandContext,
  target: AccountTarget,
  operations: JsonPatchOperation[],
  title: string,
  past: string,
  pending: string,
): Promise<ChangeReport> {
  const done = markPending(ctx, target, pending);
  let report: ChangeReport;
  try {
    report = await runSingleChange(ctx, {
      title,
      past,
      subject: { tenantId: target.tenantId, accountId: target.accountId, sourceId: rowOfTarget(target)?.sourceId, label: targetLabel(target) },
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
  const targets = await resolveAccountTargets(ctx, args, 'Reassign to Identity');
  if (targets.length > 1) return reassignMany(ctx, targets);
  const [target] = targets;
  refuseWhileInFlight(ctx, target, 'Reassign');
  const account = await accountRowOfTarget(ctx, target);
  const label = targetLabel(target);
  const identity = await searchIdentity(ctx, target.tenantId, `Reassign "${label}" to which identity?`);
  if (identity.id === account.identityId) throw new Error(`"${label}" already belongs to ${identity.name}.`);
  const operations: JsonPatchOperation[] = [{ op: 'replace', path: '/identityId', value: identity.id }];
  return patchAndRefresh(ctx, target, operations, `Reassigning ${label} to ${identity.name}`, `reassigned to ${identity.name}`, 'Reassign');
}

/** One identity for the whole selection; accounts it already owns are skipped. */
async function reassignMany(ctx: CommandContext, targets: AccountTarget[]): Promise<ChangeReport | undefined> {
  const tenantId = singleTenant(targets, 'Reassign to Identity');
  const identity = await searchIdentity(ctx, tenantId, `Reassign ${accountCount(targets.length)} to which identity?`);
  return confirmAndRunBulk(
    ctx,
    targets,
    {
      title: `Reassign accounts to ${identity.name}`,
      progressVerb: 'Reassigning',
      past: `reassigned to ${identity.name}`,
      pending: 'Reassign',
      skip: (target) => (rowOfTarget(target)?.identityId === identity.id ? `it already belongs to ${identity.name}` : undefined),
      spec: (target) => ({ kind: 'patch', accountId: target.accountId, operations: [{ op: 'replace', path: '/identityId', value: identity.id }] }),
    },
    (toSend) => ({
      message: `Reassign ${accountCount(toSend.length)} to ${identity.name}?`,
      detail: `Each account is then owned by ${identity.name} (identity id ${identity.id}).`,
      confirm: 'Reassign',
    }),
  );
}

/** An identity belongs to one tenant: a selection across tenants cannot share it. */
function singleTenant(targets: AccountTarget[], title: string): string {
  const tenants = new Set(targets.map((target) => target.tenantId));
  if (tenants.size > 1) throw new Error(`${title} works on the accounts of one tenant at a time; the selection has accounts of ${tenants.size} tenants.`);
  return targets[0].tenantId;
}

async function uncorrelate(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const targets = await resolveAccountTargets(ctx, args, 'Uncorrelate from Identity');
  if (targets.length > 1) return uncorrelateMany(ctx, targets);
  const [target] = targets;
  refuseWhileInFlight(ctx, target, 'Uncorrelate');
  const account = await accountRowOfTarget(ctx, target);
  const label = targetLabel(target);
  if (account.uncorrelated || !account.identityId) throw new Error(`"${label}" is not correlated with an identity.`);
  const owner = account.identity?.name ?? account.identityId;
  const confirmed = await ctx.ui.confirm({
    message: `Uncorrelate "${label}" from ${owner}?`,
    detail: 'The account stays in ISC without an owner until it is correlated again.',
    confirm: 'Uncorrelate',
  });
  if (!confirmed) return undefined;
  return patchAndRefresh(ctx, target, [{ op: 'remove', path: '/identityId' }], `Uncorrelating ${label}`, `uncorrelated from ${owner}`, 'Uncorrelate');
}

async function uncorrelateMany(ctx: CommandContext, targets: AccountTarget[]): Promise<ChangeReport | undefined> {
  return confirmAndRunBulk(
    ctx,
    targets,
    {
      title: 'Uncorrelate accounts',
      progressVerb: 'Uncorrelating',
      past: 'uncorrelated',
      pending: 'Uncorrelate',
      skip: (target) => {
        const account = rowOfTarget(target);
        return account && (account.uncorrelated || !account.identityId) ? 'it is not correlated with an identity' : undefined;
      },
      spec: (target) => ({ kind: 'patch', accountId: target.accountId, operations: [{ op: 'remove', path: '/identityId' }] }),
    },
    (toSend) => ({
      message: `Uncorrelate ${accountCount(toSend.length)} from their identities?`,
      detail: 'The accounts stay in ISC without an owner until they are correlated again.',
      confirm: 'Uncorrelate',
    }),
  );
}

async function setManuallyCorrelated(ctx: CommandContext, args: unknown[]): Promise<unknown> {
  const target = await resolveAccountTarget(ctx, args, 'Set or Clear Manually Correlated');
  refuseWhileInFlight(ctx, target, 'Set Manually Correlated');
  const account = await accountRowOfTarget(ctx, target);
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
    'Set Manually Correlated',
  );
}

export const correlationCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.reassign': (...args) => reassign(ctx, args),
  'iscAccounts.account.uncorrelate': (...args) => uncorrelate(ctx, args),
  'iscAccounts.account.setManuallyCorrelated': (...args) => setManuallyCorrelated(ctx, args),
});
