// Enable or disable the IDN account of identities: one identity (from an account's owner,
// or a pick), or many at once through the bulk endpoint, whose 207 answer is reported per
// identity.
import type { BulkIdentitiesAccountsResponse } from '../isc/models';
import { AccountNode } from '../tree/account-node';
import { bulkReportMarkdown } from './bulk-report';
import { summarize, tally, type BulkOutcome } from './bulk-run';
import type { CommandContext, CommandGroup } from './context';
import { pickTenant, searchIdentity, type IdentityChoice } from './pickers';
import { followTask } from './task-progress';
import { refreshSourceRows } from './tree-refresh';

type Toggle = 'enable' | 'disable';
const BULK_CHUNK = 100;

interface IdentityTargets {
  tenantId: string;
  identities: IdentityChoice[];
  /** Selected accounts without an identity, named in the answer rather than dropped. */
  skipped: string[];
}

/** Account nodes give their owners; `{tenantId, identityIds}` or an identity id come from scripts. */
async function resolveIdentities(ctx: CommandContext, args: unknown[], title: string): Promise<IdentityTargets> {
  const [first, second] = args;
  const nodes = (Array.isArray(second) && second.length > 0 ? second : [first]).filter((n): n is AccountNode => n instanceof AccountNode);
  if (nodes.length > 0) {
    const byId = new Map<string, IdentityChoice>();
    const skipped: string[] = [];
    for (const node of nodes) {
      const id = node.account.identityId ?? node.account.identity?.id;
      if (!id || node.account.uncorrelated) skipped.push(node.label);
      else byId.set(id, { id, name: node.account.identity?.name ?? id });
    }
    if (byId.size === 0) throw new Error(`${title}: the selected accounts are not correlated with any identity.`);
    return { tenantId: nodes[0].tenantId, identities: [...byId.values()], skipped };
  }
  if (first && typeof first === 'object' && Array.isArray((first as { identityIds?: unknown }).identityIds)) {
    const { tenantId, identityIds } = first as { tenantId?: unknown; identityIds: unknown[] };
    const tenant = typeof tenantId === 'string' ? tenantId : (await pickTenant(ctx, title)).id;
    const ids = identityIds.filter((id): id is string => typeof id === 'string');
    return { tenantId: tenant, identities: ids.map((id) => ({ id, name: id })), skipped: [] };
  }
  if (typeof first === 'string') {
    return { tenantId: (await pickTenant(ctx, title)).id, identities: [{ id: first, name: first }], skipped: [] };
  }
  if (first !== undefined) throw new Error(`${title}: expected account nodes, an identity id or {tenantId, identityIds}.`);
  const tenant = await pickTenant(ctx, title);
  return { tenantId: tenant.id, identities: [await searchIdentity(ctx, tenant.id, title)], skipped: [] };
}

/** The IdentityNow source's rows show the IDN accounts that just changed. */
async function refreshIdnSource(ctx: CommandContext, tenantId: string): Promise<void> {
  const tenant = ctx.explorer.tenantNodeById(tenantId);
  const sources = tenant?.loadedSources().filter((node) => /identitynow/i.test(`${node.source.type} ${node.source.connector}`)) ?? [];
  await Promise.all(sources.map((node) => refreshSourceRows(ctx, node)));
}

async function toggleIdn(ctx: CommandContext, toggle: Toggle, args: unknown[]): Promise<unknown> {
  const verb = toggle === 'enable' ? 'Enable' : 'Disable';
  const past = toggle === 'enable' ? 'enabled' : 'disabled';
  const title = `${verb} IDN Account of Identity`;
  const { tenantId, identities, skipped } = await resolveIdentities(ctx, args, title);
  const client = await ctx.clients.forTenant(tenantId);
  const skippedNote = skipped.length ? ` Skipped (no identity): ${skipped.join(', ')}.` : '';

  if (identities.length === 1) {
    const [identity] = identities;
    const status = await followTask(ctx, {
      title: `${toggle === 'enable' ? 'Enabling' : 'Disabling'} the IDN account of ${identity.name}`,
      tenantId,
      start: async (c) => {
        const answer = toggle === 'enable' ? await c.enableIdnAccountForIdentity(identity.id) : await c.disableIdnAccountForIdentity(identity.id);
        return { id: typeof answer?.id === 'string' ? answer.id : undefined };
      },
    });
    await refreshIdnSource(ctx, tenantId);
    void ctx.ui.notify('info', `The IDN account of ${identity.name} is ${past}.${skippedNote}`);
    return status;
  }

  const answers: BulkIdentitiesAccountsResponse[] = [];
  for (let i = 0; i < identities.length; i += BULK_CHUNK) {
    const ids = identities.slice(i, i + BULK_CHUNK).map((identity) => identity.id);
    answers.push(...(toggle === 'enable' ? await client.enableIdnAccountsForIdentities(ids) : await client.disableIdnAccountsForIdentities(ids)));
  }
  const outcomes: Array<BulkOutcome<IdentityChoice, BulkIdentitiesAccountsResponse>> = identities.map((identity) => {
    const answer = answers.find((a) => a.id === identity.id);
    if (!answer) return { item: identity, status: 'failed', error: new Error('ISC sent no answer for this identity.') };
    const ok = answer.statusCode !== undefined && answer.statusCode >= 200 && answer.statusCode < 300;
    if (ok) return { item: identity, status: 'succeeded', result: answer };
    return { item: identity, status: 'failed', error: new Error(`${answer.statusCode ?? '?'}: ${answer.message ?? 'no message'}`) };
  });
  const summary = summarize(outcomes, past);
  const reportTitle = `${verb} IDN accounts of identities`;
  const reportUri = ctx.documents.addReport(
    reportTitle,
    bulkReportMarkdown(outcomes, {
      title: reportTitle,
      donePastTense: past,
      describe: (identity) => `${identity.name} (identity ${identity.id})`,
      context: skipped.length ? [`Skipped accounts without an identity: ${skipped.join(', ')}`] : [],
    }),
  );
  await refreshIdnSource(ctx, tenantId);
  const level = tally(outcomes).failed > 0 ? 'warning' : 'info';
  void ctx.ui.notify(level, `${reportTitle}: ${summary}.${skippedNote}`, 'Show Report').then((choice) => {
    if (choice === 'Show Report') void ctx.documents.showReport(reportUri);
  });
  return {
    summary,
    reportUri,
    items: outcomes.map((o) => ({ identityId: o.item.id, name: o.item.name, status: o.status, reason: 'error' in o ? String((o.error as Error).message) : undefined })),
  };
}

export const identityCommands: CommandGroup = (ctx) => ({
  'iscAccounts.identity.enableIdnAccount': (...args) => toggleIdn(ctx, 'enable', args),
  'iscAccounts.identity.disableIdnAccount': (...args) => toggleIdn(ctx, 'disable', args),
});
