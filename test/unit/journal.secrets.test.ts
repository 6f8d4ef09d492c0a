// The journal never holds a secret or a token: a client secret and a real access token planted
// in what is sent, and in a reason, are found nowhere in the journal's files or its exports.
// What was sent still went as given; the journal marks such an item and never sends its
// masked copy.
import * as assert from 'node:assert/strict';
import { Redactor } from '../../src/isc/redact';
import { entriesToCsv, entriesToJsonLines } from '../../src/journal/journal-export';
import { JournaledRun, sendJournaled } from '../../src/journal/journaled-run';
import { resumableItems } from '../../src/journal/resume';
import { allText } from '../../tools/testing/folder-text';
import { eachTestFolder, JOURNAL_WINDOW, startJournalTenant, type JournalTenant } from './support/journal-fixture';
import { fetchToken } from './support/sandbox-http';

const TENANT = 'sandbox';

describe('journal: no secret or token is ever written', () => {
  let tenant: JournalTenant;
  before(async () => (tenant = await startJournalTenant()));
  after(() => tenant.sandbox.close());
  const folders = eachTestFolder();

  it('searching the files and the exports finds neither the client secret nor the token', async () => {
    const { sandbox } = tenant;
    const secret = sandbox.clientSecret;
    const token = await fetchToken(sandbox);
    const store = folders.open({ redactor: new Redactor([secret]) });
    const flat = sandbox.tenant.flatFileSource();
    const [first, second] = sandbox.tenant.accountsOfSource(flat.id);
    const mark = sandbox.ledger.mark();

    const patched = await sendJournaled(store, { tenantId: TENANT, title: 'Patching', spec: { kind: 'patch', accountId: first.id, operations: [{ op: 'add', path: '/attributes/note', value: `pasted ${secret} by mistake` }] } }, tenant.client, { window: JOURNAL_WINDOW });
    const put = await sendJournaled(store, { tenantId: TENANT, title: 'Replacing', spec: { kind: 'put', accountId: second.id, attributes: { name: second.name, apiKey: token, header: `Authorization: Bearer ${token}` } } }, tenant.client, { window: JOURNAL_WINDOW });
    // A reason that quotes a token (a server echoing a header) goes through the same redaction.
    await store.updateItem({ tenantId: TENANT, entryId: put.entryId, index: 0 }, { outcome: { ...put.run.outcome, reason: `ISC said: access_token=${token}&client_secret=${secret}` } });
    assert.equal(patched.run.outcome.outcome, 'applied');
    assert.equal(put.run.outcome.outcome, 'applied');
    assert.match(JSON.stringify(sandbox.ledger.entries({ since: mark }).map((e) => e.body)), new RegExp(token.slice(0, 40)), 'the change itself went as given');

    const entries = await store.entries(TENANT);
    await store.close();
    for (const [where, text] of [['files', await allText(folders.folder)], ['JSON Lines', entriesToJsonLines(entries)], ['CSV', entriesToCsv(entries)]]) {
      assert.ok(!text.includes(secret), `the client secret is in the ${where}`);
      assert.ok(!text.includes(token), `the token is in the ${where}`);
      assert.ok(!text.includes(token.split('.')[1]), `part of the token is in the ${where}`);
      assert.match(text, /\[redacted\]/, `the ${where} say what was masked`);
    }
    assert.ok(entries.every((entry) => entry.items[0].redacted), 'items whose spec lost a value to redaction are marked');
    assert.throws(() => JournaledRun.of(store, entries[0], [0]), /secret the journal does not keep/);
    assert.deepEqual(resumableItems({ ...entries[0], items: [{ ...entries[0].items[0], state: 'not-sent', sentAt: undefined }] }), []);
  });
});
