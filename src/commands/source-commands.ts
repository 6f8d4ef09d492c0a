// Source-wide actions: create an account on a flat-file source (create-account.ts), and remove
// all accounts of a source (the user types the source's name to confirm).
import { formatCount, sourceAccountsFilter } from '../tree/source-presentation';
import type { ChangeReport } from '../core/change-report';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { createAccount } from './create-account';
import { resolveSourceTarget } from './targets';

async function removeAllAccounts(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const title = 'Remove All Accounts of Source';
  const target = await resolveSourceTarget(ctx, args, title);
  const { source } = target;
  const client = await ctx.clients.forTenant(target.tenantId);
  const total =
    target.node?.totalCount ??
    (await client.listAccounts({ filters: sourceAccountsFilter(source.id ?? '', undefined), limit: 1, count: true })).totalCount;
  const howMany = total === undefined ? 'all accounts' : `all ${formatCount(total)} accounts`;
  const confirmed = await ctx.ui.confirm({
    message: `Remove ${howMany} of the source "${source.name}" from ISC?`,
    detail: 'Nothing changes on the source itself; the next aggregation brings the accounts back. Next, you type the source name to confirm.',
    confirm: 'Continue…',
  });
  if (!confirmed) return undefined;
  const typed = await ctx.ui.input({
    title,
    prompt: `Type "${source.name}" to remove ${howMany} of this source from ISC`,
    placeHolder: source.name,
    validate: (text) => (text === source.name ? undefined : `Type the source name exactly: ${source.name}`),
  });
  if (typed !== source.name) return undefined;
  const report = await runSingleChange(ctx, {
    title: `Removing ${howMany} of ${source.name}`,
    past: `${howMany} removed from ISC`,
    subject: { tenantId: target.tenantId, sourceId: source.id, label: source.name ?? source.id ?? '' },
    spec: { kind: 'remove-all', sourceId: source.id ?? '' },
    target: { sourceName: source.name },
  });
  if (target.node) {
    target.node.forgetCount();
    ctx.explorer.refresh(target.node);
  }
  return report;
}

export const sourceCommands: CommandGroup = (ctx) => ({
  'iscAccounts.source.createAccount': (...args) => createAccount(ctx, args),
  'iscAccounts.source.removeAllAccounts': (...args) => removeAllAccounts(ctx, args),
});
