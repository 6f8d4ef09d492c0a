// Create Account on a flat-file source. Where the tenant offers the source's account schema,
// a form built from it (types, lists, the identity attribute required); otherwise, or for a
// script, the guided key=value input as before. Either way the create goes through the
// journal (runSingleChange) and is reported like every change.
import { parseAttributeList } from '../core/attribute-input';
import type { ChangeReport } from '../core/change-report';
import { readCreateValues, type NewAccount } from '../core/create-form';
import { accountSchemaOffer } from '../core/schema-offer';
import { isFlatFileSource } from '../isc/source-kind';
import type { AccountAttributeMap, Source } from '../isc/models';
import { runSingleChange } from './change-run';
import type { CommandContext } from './context';
import { required } from './pickers';
import { refreshSourceRows } from './tree-refresh';
import { resolveSourceTarget, type SourceTarget } from './targets';

const TITLE = 'Create Account (flat file)';

/**
 * Palette and menus: no arguments or a source node. Scripts: `{tenantId, sourceId}` for the
 * interactive input, or `{tenantId, sourceId, attributes}` to create without asking; the
 * attributes are checked against the account schema where it is offered, as the form's are.
 */
export async function createAccount(ctx: CommandContext, args: unknown[]): Promise<ChangeReport | undefined> {
  const target = await resolveSourceTarget(ctx, args, TITLE, { flatFileOnly: true });
  const { source } = target;
  if (!isFlatFileSource(source)) {
    throw new Error(`Create Account works only on flat-file (DelimitedFile) sources; "${source.name}" is ${source.type ?? source.connector}.`);
  }
  const given = scriptedAttributes(args[0]);
  const client = await ctx.clients.forTenant(target.tenantId);
  const offer = await ctx.ui.progress(`Reading the account schema of ${source.name}`, (signal) =>
    accountSchemaOffer(client, { id: source.id ?? '', name: source.name }, signal),
  );
  let report: ChangeReport | undefined;
  if (offer.offered) {
    if (given) {
      const read = readCreateValues(offer.form, given);
      if (!read.ok) throw new Error(`${TITLE}: nothing was sent. ${read.problems.map((problem) => problem.message).join(' ')}`);
      report = await send(ctx, target, read.account);
    } else {
      report = await ctx.createForms.show(target.tenantId, offer.form, (account) => send(ctx, target, account));
    }
  } else {
    ctx.log.info(`${TITLE}: no form for "${source.name}": ${offer.reason}; asking for key=value attributes instead.`);
    const account = given ? accountFromScript(given) : await askKeyValues(ctx, source);
    if (!account) return undefined;
    report = await send(ctx, target, account);
  }
  if (report) await refreshSourceRows(ctx, target.node);
  return report;
}

function scriptedAttributes(first: unknown): Record<string, unknown> | undefined {
  if (!first || typeof first !== 'object' || !('attributes' in first)) return undefined;
  const attributes = (first as { attributes: unknown }).attributes;
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw new Error(`${TITLE}: "attributes" must be an object of attribute names and values.`);
  }
  return attributes as Record<string, unknown>;
}

/** Without a schema a script names the native identity itself, as the guided input asks. */
function accountFromScript(attributes: Record<string, unknown>): NewAccount {
  const { nativeIdentity, name, ...rest } = attributes;
  if (typeof nativeIdentity !== 'string' || nativeIdentity.trim() === '') {
    throw new Error(`${TITLE}: the source offers no account schema, so "attributes.nativeIdentity" (text) is required.`);
  }
  const accountName = typeof name === 'string' && name.trim() !== '' ? name.trim() : nativeIdentity.trim();
  return { attributes: rest as AccountAttributeMap, nativeIdentity: nativeIdentity.trim(), name: accountName };
}

async function askKeyValues(ctx: CommandContext, source: Source): Promise<NewAccount> {
  const step = (n: number) => `${TITLE}: ${source.name} (${n}/3)`;
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
  return { attributes: extra.value, nativeIdentity, name };
}

function send(ctx: CommandContext, target: SourceTarget, account: NewAccount): Promise<ChangeReport> {
  const { source } = target;
  const { nativeIdentity, name } = account;
  const attributes = { ...account.attributes, sourceId: source.id ?? '', nativeIdentity, name };
  return runSingleChange(ctx, {
    title: `Creating the account ${name} on ${source.name}`,
    past: `created on "${source.name}"`,
    subject: { tenantId: target.tenantId, sourceId: source.id, label: `${name} (native identity ${nativeIdentity})` },
    spec: { kind: 'create', attributes },
    target: { accountName: name, sourceName: source.name },
  });
}
