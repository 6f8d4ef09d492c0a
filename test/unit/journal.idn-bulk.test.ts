// The IDN bulk change (one request per chunk of identities) is one journal entry with an item
// per identity: written before anything is sent, each chunk marked in flight before its
// request, each identity's outcome from the bulk answer; a journal that cannot be written
// means nothing is sent. Against the sandbox over loopback HTTP, with a real client.
import * as assert from 'node:assert/strict';
import { countStates } from '../../src/journal/entry';
import { sendIdnBulkJournaled } from '../../src/journal/journaled-idn-bulk';
import { eachTestFolder, startJournalTenant, type JournalTenant } from './support/journal-fixture';

const TENANT = 'sandbox';

describe('journal: the IDN bulk change', () => {
  let tenant: JournalTenant;
  before(async () => (tenant = await startJournalTenant()));
  after(() => tenant.sandbox.close());
  const { open } = eachTestFolder();
  let next = 0;
  /** Identities with an IDN account that no earlier test used. */
  const identities = (count: number) => {
    const found = tenant.sandbox.tenant.identities().filter((i) => tenant.sandbox.tenant.identityNowAccountOf(i.id)).slice(next, next + count);
    next += count;
    return found;
  };

  it('one entry, an item per identity, each with the bulk answer’s outcome, one per ledger entry', async () => {
    const store = open();
    const [a, b] = identities(2);
    const targets = [
      { identityId: a.id, identityName: a.name, label: a.name },
      { identityId: 'no-such-identity', label: 'no-such-identity' },
      { identityId: b.id, identityName: b.name, label: b.name },
    ];
    const mark = tenant.sandbox.ledger.mark();
    const sent = await sendIdnBulkJournaled(store, { tenantId: TENANT, title: 'Disable IDN accounts of identities (3)', toggle: 'disable', targets }, tenant.client, undefined, 2);
    const entry = (await store.entry(TENANT, sent.entryId!))!;
    assert.equal(entry.bulk, true);
    assert.equal(entry.action, 'idn-disable');
    assert.deepEqual(entry.items.map((item) => item.spec), targets.map((t) => ({ kind: 'idn', toggle: 'disable', identityId: t.identityId })));
    assert.deepEqual(entry.items.map((item) => item.state), ['applied', 'not-applied', 'applied']);
    assert.deepEqual(entry.items.map((item) => item.target.identityName), [a.name, undefined, b.name]);
    assert.ok(entry.items.every((item) => item.sentAt), 'each was marked in flight before its request');
    assert.match(entry.items[1].outcome!.reason!, /404/);
    assert.deepEqual(countStates(entry).applied, 2);
    assert.deepEqual([...sent.outcomes.values()].map((o) => o.outcome), ['applied', 'not-applied', 'applied']);
    const ledger = tenant.sandbox.ledger.entries({ kind: 'identity-disable', since: mark });
    // The sandbox keeps no ledger entry for an identity it does not know (its answer says 404).
    assert.deepEqual(ledger.map((e) => e.identityId).sort(), [a.id, b.id].sort(), 'every identity ISC took on has its journal item');
  });

  it('a chunk whose in-flight record cannot be written is not sent, nor any chunk after it', async () => {
    const store = open();
    const [a, b, c] = identities(3);
    const write = store.updateItem.bind(store);
    let inFlight = 0;
    store.updateItem = async (ref, change) => {
      // The first chunk (one identity) goes; the second chunk's in-flight write fails.
      if (change.state === 'in-progress' && ++inFlight > 1) throw new Error('ENOSPC: no space left on device');
      return write(ref, change);
    };
    const mark = tenant.sandbox.ledger.mark();
    const targets = [a, b, c].map((i) => ({ identityId: i.id, label: i.name }));
    const sent = await sendIdnBulkJournaled(store, { tenantId: TENANT, title: 'Enable (3)', toggle: 'enable', targets }, tenant.client, undefined, 1);
    const entry = (await store.entry(TENANT, sent.entryId!))!;
    assert.deepEqual(entry.items.map((item) => item.state), ['applied', 'not-sent', 'not-sent']);
    assert.match(entry.items[1].outcome!.reason!, /journal could not be written.*ENOSPC/);
    assert.deepEqual(tenant.sandbox.ledger.entries({ since: mark }).map((e) => e.identityId), [a.id], 'only the journaled chunk reached ISC');
  });

  it('an entry that cannot be written sends nothing', async () => {
    const store = open();
    const [a] = identities(1);
    store.begin = () => Promise.reject(new Error('EACCES: permission denied'));
    const mark = tenant.sandbox.ledger.mark();
    const sent = await sendIdnBulkJournaled(store, { tenantId: TENANT, title: 'Enable (1)', toggle: 'enable', targets: [{ identityId: a.id }] }, tenant.client);
    assert.equal(sent.entryId, undefined);
    assert.equal(sent.outcomes.get(a.id)?.outcome, 'not-sent');
    assert.match(sent.outcomes.get(a.id)!.reason!, /EACCES/);
    assert.equal(tenant.sandbox.ledger.count({ since: mark }), 0);
  });
});
