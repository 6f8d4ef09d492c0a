// Enable or disable the IDN account of identities: one identity (from an account's owner, a
// pinned identity, or a pick), or many at once through the bulk endpoint, whose 207 answer is
// reported, and journaled, per identity.
import { sendIdnBulkJournaled } from '../journal';
import { AccountNode } from '../tree/account-node';
import { IdentityNode } from '../tree/identity-node';
import { changeResult, type ChangeReport, type ChangeResult, type ChangeSubject } from '../core/change-report';
import { errorMessage } from '../ui/error-text';
import { reportBulk } from './account-bulk';
import { runSingleChange } from './change-run';
import type { CommandContext, CommandGroup } from './context';
import { pickTenant, searchIdentity, type IdentityChoice } from './pickers';
import { followIdnToggle, markIdnPending } from './idn-rows';

type Toggle = 'enable' | 'disable';

interface IdentityTargets {
  tenantId: string;
  identities: IdentityChoice[];
  /** Selected accounts without an identity, named in the answer rather than dropped. */
  skipped: string[];
}

/** Account nodes give their owners, identity nodes themselves; `{tenantId, identityIds}` or an identity id come from scripts. */
async function resolveIdentities(ctx: CommandContext, args: unknown[], title: string): Promise<IdentityTargets> {
  const [first, second] = args;
  const given = Array.isArray(second) && second.length > 0 ? second : [first];
  const nodes = given.filter((n): n is AccountNode | IdentityNode => n instanceof AccountNode || n instanceof IdentityNode);
  if (nodes.length > 0) {
    const byId = new Map<string, IdentityChoice>();
    const skipped: string[] = [];
    for (const node of nodes) {
      if (node instanceof IdentityNode) {
        byId.set(node.identityId, { id: node.identityId, name: node.name });
        continue;
      }
      const id = node.row.identityId ?? node.row.identity?.id;
      if (!id || node.row.uncorrelated) skipped.push(node.label);
      else byId.set(id, { id, name: node.row.identity?.name ?? id });
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

async function toggleIdn(ctx: CommandContext, toggle: Toggle, args: unknown[]): Promise<ChangeReport> {
  const verb = toggle === 'enable' ? 'Enable' : 'Disable';
  const past = toggle === 'enable' ? 'enabled' : 'disabled';
  const { tenantId, identities, skipped } = await resolveIdentities(ctx, args, `${verb} IDN Account of Identity`);
  const skippedNote = skipped.length ? ` Skipped (no identity): ${skipped.join(', ')}.` : '';
  const ids = identities.map((identity) => identity.id);
  const done = markIdnPending(ctx, tenantId, ids);
  let results: ChangeResult[];
  let single: ChangeReport | undefined;
  try {
    if (identities.length === 1) {
      const [identity] = identities;
      single = await runSingleChange(ctx, {
        title: `${toggle === 'enable' ? 'Enabling' : 'Disabling'} the IDN account of ${identity.name}`,
        past: `${past} (IDN account)${skippedNote}`,
        subject: subject(tenantId, identity),
        spec: { kind: 'idn', toggle, identityId: identity.id },
        target: identityTarget(identity),
      });
      results = single.results;
    } else {
      results = await sendIdnBulk(ctx, tenantId, toggle, identities);
    }
  } catch (error) {
    done();
    throw error;
  }
  const accepted = results.filter((result) => result.outcome === 'applied' && result.identityId).map((result) => result.identityId!);
  void followIdnToggle(ctx, tenantId, toggle, ids, accepted)
    .catch((error: unknown) => ctx.log.warn(`Could not show the IDN accounts after the change: ${errorMessage(error)}`))
    .finally(done);
  if (single) return single;
  return reportBulk(ctx, results, {
    title: `${verb} IDN accounts of identities`,
    past: `${past} (IDN account)`,
    describe: (result) => `${result.label} (identity ${result.identityId})`,
    context: skipped.length ? [`Skipped accounts without an identity: ${skipped.join(', ')}`] : [],
    note: skippedNote,
  });
}

/** Many identities at once through the bulk endpoint: one result per identity. */
async function sendIdnBulk(ctx: CommandContext, tenantId: string, toggle: Toggle, identities: IdentityChoice[]): Promise<ChangeResult[]> {
  const client = await ctx.clients.forTenant(tenantId);
  const reportTitle = `${toggle === 'enable' ? 'Enable' : 'Disable'} IDN accounts of identities`;
  const bulkTitle = `${reportTitle} (${identities.length})`;
  const { outcomes, journalError } = await ctx.ui.progress(bulkTitle, (signal) =>
    sendIdnBulkJournaled(ctx.journal, { tenantId, title: bulkTitle, toggle, targets: identities.map(identityTarget) }, client, signal),
  );
  if (journalError) ctx.log.warn(`${reportTitle}: some outcomes could not be written to the journal: ${errorMessage(journalError)}`);
  return identities.map((identity) => {
    const outcome = outcomes.get(identity.id) ?? { outcome: 'not-sent' as const, reason: 'Not sent.', evidence: { kind: 'none' as const, detail: 'not sent' } };
    return changeResult(`idn-${toggle}`, subject(tenantId, identity), outcome);
  });
}

function subject(tenantId: string, identity: IdentityChoice): ChangeSubject {
  return { tenantId, identityId: identity.id, label: identity.name };
}

/** The identity as the journal names it: its id, and its name when the command knows one. */
function identityTarget(identity: IdentityChoice): { identityId: string; identityName?: string; label: string } {
  return { identityId: identity.id, ...(identity.name !== identity.id ? { identityName: identity.name } : {}), label: identity.name };
}

export const identityCommands: CommandGroup = (ctx) => ({
  'iscAccounts.identity.enableIdnAccount': (...args) => toggleIdn(ctx, 'enable', args),
  'iscAccounts.identity.disableIdnAccount': (...args) => toggleIdn(ctx, 'disable', args),
});
