// Holds what the journal says against what the sandbox received: every change request in the
// sandbox's ledger is one journal item that was sent, and the other way round, with the
// ledger's task. A change that bypasses the journal shows as a ledger entry with no item.
import * as assert from 'node:assert/strict';
import type { JournalEntry, JournalItem } from '../../src/journal';
import type { LedgerEntry } from '../../src/sandbox';
import type { SandboxTenantFixture } from './explorer-helpers';

/** What the ledger and a journal item both name: the change and its target. */
function itemKey({ spec }: JournalItem): string {
  switch (spec.kind) {
    case 'lifecycle':
      return `${spec.action} ${spec.accountId}`;
    case 'idn':
      return `identity-${spec.toggle} ${spec.identityId}`;
    case 'remove-all':
      return `remove-all ${spec.sourceId}`;
    case 'create':
      return `create ${spec.attributes.nativeIdentity}`;
    default:
      return `${spec.kind} ${spec.accountId}`;
  }
}

function ledgerKey(entry: Readonly<LedgerEntry>): string {
  if (entry.kind === 'create') return `create ${entry.nativeIdentity}`;
  if (entry.kind === 'remove-all') return `remove-all ${entry.sourceId}`;
  if (entry.kind === 'identity-enable' || entry.kind === 'identity-disable') return `${entry.kind} ${entry.identityId}`;
  return `${entry.kind} ${entry.accountId}`;
}

export function journalChecks(fixture: () => SandboxTenantFixture) {
  /** Runs `act` and returns the journal entries it made, once they are held against the ledger. */
  async function journaled(act: () => Promise<unknown>): Promise<JournalEntry[]> {
    const fx = fixture();
    const known = new Set((await fx.api.journal.entries(fx.tenantId)).map((entry) => entry.id));
    const mark = fx.sandbox.ledger.mark();
    await act();
    const entries = (await fx.api.journal.entries(fx.tenantId)).filter((entry) => !known.has(entry.id));
    const ledger = fx.sandbox.ledger.entries({ since: mark });
    const sent = entries.flatMap((entry) => entry.items).filter((item) => item.sentAt !== undefined);
    assert.deepEqual(sent.map(itemKey).sort(), ledger.map(ledgerKey).sort(), 'one journal item per change request received');
    for (const item of sent) {
      if (item.taskId) assert.equal(item.taskId, ledger.find((entry) => ledgerKey(entry) === itemKey(item))?.taskId, `${itemKey(item)}: the ledger's task`);
    }
    for (const entry of entries) for (const item of entry.items) assert.ok(item.state !== 'queued' && item.state !== 'in-progress', `${entry.title}: item ${item.index} settled`);
    return entries;
  }

  /** The one entry `act` made, and its first item. */
  async function onlyEntry(act: () => Promise<unknown>): Promise<{ entry: JournalEntry; item: JournalItem }> {
    const entries = await journaled(act);
    assert.equal(entries.length, 1, `one entry: ${entries.map((e) => e.title).join(', ')}`);
    return { entry: entries[0], item: entries[0].items[0] };
  }

  return { journaled, onlyEntry };
}
