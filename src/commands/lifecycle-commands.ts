// Enable, disable, unlock and reload: one account follows its task with progress and its
// row refreshes in place; several selected accounts go through the bulk runner. The default
// path is one click; the "with options" commands ask for forceProvisioning and an
// external verification id.
import type { IscApi } from '../isc/api';
import type { Account, AccountToggleRequest, AccountUnlockRequest, AccountsAsyncResult } from '../isc/models';
import { applyExactlyOnce, type ReadBack } from '../isc/outcome';
import { runAccountBulk } from './account-bulk';
import type { CommandContext, CommandGroup } from './context';
import { required } from './pickers';
import { followTask } from './task-progress';
import { markPending, refreshAccountRow } from './tree-refresh';
import { resolveAccountTargets, targetLabel, type AccountTarget } from './targets';

type LifecycleKind = 'enable' | 'disable' | 'unlock' | 'reload';
type LifecycleBody = AccountToggleRequest & AccountUnlockRequest;

interface LifecycleSpec {
  title: string;
  verb: string;
  past: string;
  start: (client: IscApi, id: string, body: LifecycleBody) => Promise<AccountsAsyncResult>;
  /** Whether the account shows the change; reload changes nothing one can read back. */
  readBack?: (account: Account) => ReadBack;
}

const LIFECYCLE: Record<LifecycleKind, LifecycleSpec> = {
  enable: {
    title: 'Enable', verb: 'Enabling', past: 'enabled',
    start: (c, id, body) => c.enableAccount(id, body),
    readBack: (account) => (account.disabled ? 'not-applied' : 'applied'),
  },
  disable: {
    title: 'Disable', verb: 'Disabling', past: 'disabled',
    start: (c, id, body) => c.disableAccount(id, body),
    readBack: (account) => (account.disabled ? 'applied' : 'not-applied'),
  },
  unlock: {
    title: 'Unlock', verb: 'Unlocking', past: 'unlocked',
    start: (c, id, body) => c.unlockAccount(id, body),
    readBack: (account) => (account.locked ? 'not-applied' : 'applied'),
  },
  reload: { title: 'Reload', verb: 'Reloading', past: 'reloaded', start: (c, id) => c.reloadAccount(id) },
};

const READ_BACK_GRACE_MS = 10_000;

/**
 * Starts the action once. When its answer is lost (the client says the outcome is unknown),
 * the account is read back and the request sent again only if the change did not happen, so
 * a dropped connection neither loses the action nor applies it twice. Undefined means the
 * change was confirmed by reading back: there is no task to follow.
 */
async function startOnce(spec: LifecycleSpec, client: IscApi, id: string, body: LifecycleBody): Promise<AccountsAsyncResult | undefined> {
  const readBack = spec.readBack;
  if (!readBack) return spec.start(client, id, body);
  const result = await applyExactlyOnce(
    () => spec.start(client, id, body),
    async () => readBack(await client.getAccount(id)),
    // A received request shows once its ISC task ends, usually within seconds: believe
    // "not applied" only after it held that long.
    { graceMs: READ_BACK_GRACE_MS },
  );
  return result.answer;
}

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

/** Unlock is offered only on locked accounts; a script can still ask, so the handler checks. */
function refuseIfNotLocked(kind: LifecycleKind, target: AccountTarget): void {
  const account = target.node?.account ?? target.account;
  if (kind === 'unlock' && account && !account.locked) {
    throw new Error(`"${targetLabel(target)}" is not locked, so there is nothing to unlock.`);
  }
}

async function runLifecycle(ctx: CommandContext, kind: LifecycleKind, args: unknown[], withOptions: boolean): Promise<unknown> {
  const spec = LIFECYCLE[kind];
  const targets = await resolveAccountTargets(ctx, args, `${spec.title} Account`);
  if (targets.length === 1) refuseIfNotLocked(kind, targets[0]);
  let body: LifecycleBody = {};
  if (kind === 'unlock') body = await askUnlockOptions(ctx);
  else if (withOptions && kind !== 'reload') body = await askToggleOptions(ctx, `${spec.title} Account with Options`);

  if (targets.length > 1) {
    return runAccountBulk(ctx, targets, {
      title: `${spec.title} accounts`,
      progressVerb: spec.verb,
      donePastTense: spec.past,
      start: (client, id) => {
        const target = targets.find((t) => t.accountId === id);
        if (target) refuseIfNotLocked(kind, target);
        return startOnce(spec, client, id, body);
      },
    });
  }

  const [target] = targets;
  const label = targetLabel(target);
  const done = markPending(ctx, target);
  let status;
  try {
    status = await followTask(ctx, {
      title: `${spec.verb} ${label}`,
      tenantId: target.tenantId,
      start: (client) => startOnce(spec, client, target.accountId, body),
    });
  } finally {
    done();
  }
  await refreshAccountRow(ctx, target);
  void ctx.ui.notify('info', `${label}: ${spec.past}.`);
  return status;
}

export const lifecycleCommands: CommandGroup = (ctx) => ({
  'iscAccounts.account.enable': (...args) => runLifecycle(ctx, 'enable', args, false),
  'iscAccounts.account.disable': (...args) => runLifecycle(ctx, 'disable', args, false),
  'iscAccounts.account.enableWithOptions': (...args) => runLifecycle(ctx, 'enable', args, true),
  'iscAccounts.account.disableWithOptions': (...args) => runLifecycle(ctx, 'disable', args, true),
  'iscAccounts.account.unlock': (...args) => runLifecycle(ctx, 'unlock', args, false),
  'iscAccounts.account.reload': (...args) => runLifecycle(ctx, 'reload', args, false),
});
