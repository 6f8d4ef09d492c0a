// Undo from the journal: enable ↔ disable, and an attribute or correlation patch through the
// inverse JSON Patch computed from the before-state. The stale check comes first: when the
// account no longer shows what the change set, undo reports the diff instead of overwriting.
import * as assert from 'node:assert/strict';
import type { ChangeSpec } from '../../src/journal/change-spec';
import type { JournalItem } from '../../src/journal/entry';
import { JournaledRun, sendJournaled } from '../../src/journal/journaled-run';
import { describeStale, planUndo, staleValues, undoEntry } from '../../src/journal/undo';
import { JOURNAL_WINDOW, sharedJournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: undo of an applied change, with the stale check', () => {
  const tenant = sharedJournalTenant();

  async function change(spec: ChangeSpec): Promise<{ entryId: string; item: JournalItem }> {
    const { entryId } = await sendJournaled(tenant.store, { tenantId: TENANT, title: 'change', spec }, tenant.client, { window: JOURNAL_WINDOW });
    return { entryId, item: (await tenant.store.entry(TENANT, entryId))!.items[0] };
  }

  /** What the view's Undo does once the user agreed: checks, then sends the inverse as a new entry. */
  async function undo(entryId: string): Promise<{ stale: string } | { undoEntryId: string; state: string }> {
    const entry = (await tenant.store.entry(TENANT, entryId))!;
    const plan = planUndo(entry.items[0]);
    if ('notInvertible' in plan) throw new Error(plan.notInvertible);
    const accountId = (plan.spec as { accountId: string }).accountId;
    const now = await tenant.client.getAccount(accountId);
    const stale = staleValues(plan, now);
    if (stale.length > 0) return { stale: describeStale(stale) };
    const run = await JournaledRun.begin(tenant.store, undoEntry(entry, entry.items[0], plan));
    const result = await run.send(0, tenant.client, { window: JOURNAL_WINDOW, before: now });
    return { undoEntryId: run.entryId, state: result.outcome.outcome };
  }

  it('a disable is undone by an enable, journaled as an undo of its entry', async () => {
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id).find((a) => !a.disabled)!;
    const { entryId } = await change({ kind: 'lifecycle', action: 'disable', accountId: account.id });
    const result = await undo(entryId);
    assert.ok('undoEntryId' in result, JSON.stringify(result));
    assert.equal(result.state, 'applied');
    assert.equal(data.account(account.id)?.disabled, false);
    const undoEntryFound = (await tenant.store.entry(TENANT, result.undoEntryId))!;
    assert.deepEqual(undoEntryFound.origin, { entryId, why: 'undo' });
    assert.equal(undoEntryFound.action, 'enable');
  });

  it('an attribute patch is undone by its inverse patch: replaced values back, added ones removed', async () => {
    const flat = tenant.sandbox.tenant.flatFileSource();
    const account = tenant.sandbox.tenant.accountsOfSource(flat.id)[0];
    const before = await tenant.client.getAccount(account.id);
    const name = Object.keys(before.attributes ?? {}).find((key) => typeof before.attributes?.[key] === 'string')!;
    const { entryId, item } = await change({
      kind: 'patch',
      accountId: account.id,
      operations: [
        { op: 'replace', path: `/attributes/${name}`, value: 'changed by the test' },
        { op: 'add', path: '/attributes/journalNote', value: 'added' },
      ],
    });
    const plan = planUndo(item);
    assert.ok('spec' in plan && plan.spec.kind === 'patch');
    assert.deepEqual(plan.spec.operations, [
      { op: 'remove', path: '/attributes/journalNote' },
      { op: 'replace', path: `/attributes/${name}`, value: before.attributes?.[name] },
    ]);
    const result = await undo(entryId);
    assert.ok('state' in result && result.state === 'applied', JSON.stringify(result));
    assert.deepEqual((await tenant.client.getAccount(account.id)).attributes, before.attributes);
  });

  it('an uncorrelation is undone: the identity and the manually-correlated flag come back', async () => {
    const { tenant: data } = tenant.sandbox;
    const account = data.accountsOfSource(data.largeSource().id).find((a) => a.identityId && a.manuallyCorrelated === false)!;
    const before = await tenant.client.getAccount(account.id);
    const { entryId } = await change({ kind: 'patch', accountId: account.id, operations: [{ op: 'remove', path: '/identityId' }] });
    assert.equal((await tenant.client.getAccount(account.id)).identityId ?? null, null);
    const result = await undo(entryId);
    assert.ok('state' in result && result.state === 'applied', JSON.stringify(result));
    const now = await tenant.client.getAccount(account.id);
    assert.equal(now.identityId, before.identityId);
    assert.equal(now.manuallyCorrelated, before.manuallyCorrelated);
  });

  it('after a concurrent change, undo shows the diff and sends nothing', async () => {
    const flat = tenant.sandbox.tenant.flatFileSource();
    const account = tenant.sandbox.tenant.accountsOfSource(flat.id)[1];
    const { entryId } = await change({ kind: 'patch', accountId: account.id, operations: [{ op: 'add', path: '/attributes/journalNote', value: 'mine' }] });
    // Someone else changes the same attribute afterwards.
    await tenant.client.patchAccount(account.id, [{ op: 'replace', path: '/attributes/journalNote', value: 'theirs' }]);
    const mark = tenant.sandbox.ledger.mark();
    const result = await undo(entryId);
    assert.ok('stale' in result, JSON.stringify(result));
    assert.equal(result.stale, '/attributes/journalNote: the change set "mine", the account now shows "theirs"; undo would set (none)');
    assert.equal(tenant.sandbox.ledger.count({ since: mark }), 0, 'nothing was sent');
    assert.equal((await tenant.client.getAccount(account.id)).attributes?.journalNote, 'theirs');
  });

  it('what cannot be undone says why', () => {
    const item = (spec: ChangeSpec, extra: Partial<JournalItem> = {}): JournalItem => ({ index: 0, spec, target: {}, state: 'applied', updated: '', ...extra });
    const reason = (i: JournalItem) => {
      const plan = planUndo(i);
      return 'notInvertible' in plan ? plan.notInvertible : 'invertible';
    };
    assert.match(reason(item({ kind: 'delete', accountId: 'a' })), /cannot be undone/);
    assert.match(reason(item({ kind: 'lifecycle', action: 'reload', accountId: 'a' })), /reload cannot be undone/);
    assert.match(reason(item({ kind: 'lifecycle', action: 'disable', accountId: 'a' }, { state: 'unknown' })), /Only an applied change/);
    assert.match(reason(item({ kind: 'lifecycle', action: 'disable', accountId: 'a' }, { before: { kind: 'flags', disabled: true, locked: false } })), /already disabled/);
    assert.match(reason(item({ kind: 'lifecycle', action: 'disable', accountId: 'a' })), /not kept/);
    assert.match(reason(item({ kind: 'patch', accountId: 'a', operations: [] }, { redacted: true })), /secret/);
  });
});
