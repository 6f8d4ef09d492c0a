// Source-wide actions: create an account on a flat-file source (guided input), and remove
// all accounts of a source (the user types the source's name to confirm).
import { isFlatFileSource } from '../isc/source-kind';
import { formatCount, sourceAccountsFilter } from '../tree/source-presentation';
import { parseAttributeList } from '../core/attribute-input';
import type { ChangeReport } from '../core/change-report';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { required } from './pickers';
import { refreshSourceRows } from './tree-refresh';
import { resolveSourceTarget } from './targets';

async function createAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport> {
  const title = 'Create Account (flat file)';
  const target = await resolveSourceTarget(ctx, args, title, { flatFileOnly: true });
  const { source } = target;
  if (!isFlatFileSource(source)) {
    throw new Error(`Create Account works only on flat-file (DelimitedFile) sources; "${source.name}" is ${source.type ?? source.connector}.`);
  }
  const step = (n: number) => `${title}: ${source.name} (${n}/3)`;
  const nativeIdentity = required(
    await ctx.ui.input({
      title: step(1),
      prompt: 'Native identity: the account’s unique id in the file',
      placeHolder: 'e.g. C10042',
      validate: (text) => (text.trim() ? undefined : 'The native identity is required.'),
    }),
  ).trim();
  const name = required(
    await ctx.ui.input({
      title: step(2),
      prompt: 'Account name',
      value: nativeIdentity,
      validate: (text) => (text.trim() ? undefined : 'The account name is required.'),
    }),
  ).trim();
  const extraText = required(
    await ctx.ui.input({
      title: step(3),
      prompt: 'More attributes (optional): key=value pairs separated by ";", or a JSON object',
      placeHolder: 'e.g. email=ann.lee@example.com; department=Finance',
      validate: (text) => {
        const parsed = parseAttributeList(text);
        return parsed.ok ? undefined : parsed.message;
      },
    }),
  );
  const extra = parseAttributeList(extraText);
  if (!extra.ok) throw new Error(extra.message);
  const attributes = { ...extra.value, sourceId: source.id ?? '', nativeIdentity, name };
  const report = await runSingleChange(ctx, {
    title: `Creating the account ${name} on ${source.name}`,
    past: `created on "${source.name}"`,
    subject: { tenantId: target.tenantId, sourceId: source.id, label: `${name} (native identity ${nativeIdentity})` },
    spec: { kind: 'create', attributes },
    target: { accountName: name, sourceName: source.name },
  });
  await refreshSourceRows(ctx, target.node);
  return report;
}

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
