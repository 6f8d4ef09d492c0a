// Send Again: offered only for not applied or unknown, its confirmation names the risk, and the
// new attempt is a new entry pointing back at the first, which the journal keeps as it was.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { JournalItem } from '../../src/journal/entry';
import { JournaledRun, sendJournaled } from '../../src/journal/journaled-run';
import { JournalStore } from '../../src/journal/journal-store';
import { sendAgainEntry, sendAgainRisk, whyNotSendAgain } from '../../src/journal/send-again';
import { journalFolder, JOURNAL_WINDOW, startJournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: send again', () => {
  it('is offered for not applied and unknown only, and names the risk of doubling', () => {
    const item = (state: JournalItem['state'], kind: 'create' | 'delete' = 'delete'): JournalItem => ({
      index: 0,
      spec: kind === 'create' ? { kind, attributes: { sourceId: 's', nativeIdentity: 'n' } } : { kind, accountId: 'a' },
      target: {},
      state,
      updated: '',
    });
    assert.match(whyNotSendAgain(item('applied'))!, /this one is applied/);
    assert.match(whyNotSendAgain(item('in-progress'))!, /in-progress/);
    assert.equal(whyNotSendAgain(item('not-applied')), undefined);
    assert.equal(whyNotSendAgain(item('unknown')), undefined);
    assert.match(whyNotSendAgain({ ...item('unknown'), redacted: true })!, /secret/);
    assert.match(sendAgainRisk(item('unknown', 'create')), /may have been applied already.*second account/);
    assert.match(sendAgainRisk(item('not-applied')), /did not apply it/);
  });

  it('sends a refused change again as a new entry that points back at the first', async () => {
    const tenant = await startJournalTenant();
    const folder = await journalFolder();
    const store = new JournalStore(folder);
    try {
      const account = tenant.sandbox.tenant.accountsOfSource(tenant.sandbox.tenant.largeSource().id).find((a) => !a.disabled)!;
      tenant.sandbox.faults.next({ kind: 'disable', fate: 'server-error' });
      const first = await sendJournaled(store, { tenantId: TENANT, title: 'Disabling', spec: { kind: 'lifecycle', action: 'disable', accountId: account.id } }, tenant.client, { window: JOURNAL_WINDOW });
      const entry = (await store.entry(TENANT, first.entryId))!;
      assert.notEqual(entry.items[0].state, 'applied');
      assert.equal(whyNotSendAgain(entry.items[0]), undefined);
      const again = await JournaledRun.begin(store, sendAgainEntry(entry, entry.items));
      const result = await again.send(0, tenant.client, { window: JOURNAL_WINDOW });
      assert.equal(result.outcome.outcome, 'applied');
      assert.deepEqual((await again.entry()).origin, { entryId: entry.id, why: 'send-again' });
      assert.equal((await store.entry(TENANT, entry.id))!.items[0].state, entry.items[0].state, 'the first entry stays as it was');
      assert.equal(tenant.sandbox.ledger.count({ kind: 'disable', accountId: account.id, state: 'applied' }), 1);
    } finally {
      await store.close();
      await tenant.sandbox.close();
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
