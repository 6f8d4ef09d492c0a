// A bulk run writes each item several times (queued, in progress, its outcome) with the same
// spec and before-state; the journal masks those once, not on every write. What that must not
// cost: a secret the redactor learns later is still masked in the item's next write.
import * as assert from 'node:assert/strict';
import { Redactor } from '../../src/isc/redact';
import type { JournalItem } from '../../src/journal';
import { allText } from '../../tools/testing/folder-text';
import { eachTestFolder } from './support/journal-fixture';

const TENANT = 'sandbox';
const before: JournalItem['before'] = { kind: 'editable', attributes: { department: 'Sales', note: 'planned by ann' } };

describe('journal: an item is masked once per secret known, however often it is written', () => {
  const folders = eachTestFolder();

  it('writing an item again does not walk its unchanged spec and before-state again', async () => {
    const redactor = new Redactor(['a-client-secret']);
    const seen: string[] = [];
    const redact = redactor.redact.bind(redactor);
    redactor.redact = (text: string) => (seen.push(text), redact(text));
    const store = folders.open({ redactor });
    const entry = await store.begin({ tenantId: TENANT, action: 'patch', title: 'Edit department (1)', items: [{ spec: { kind: 'patch', accountId: 'acc-1', operations: [{ op: 'replace', path: '/attributes/department', value: 'Finance' }] } }] });
    const ref = { tenantId: TENANT, entryId: entry.id, index: 0 };
    await store.updateItem(ref, { state: 'in-progress', sentAt: new Date().toISOString(), before });
    await store.updateItem(ref, { taskId: 'task-1' });
    await store.updateItem(ref, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    assert.equal(seen.filter((text) => text === 'Finance').length, 1, 'the spec was masked once, when the entry was written');
    assert.equal(seen.filter((text) => text === 'planned by ann').length, 1, 'the before-state was masked once, when it was first written');
    assert.equal((await store.item(ref))?.state, 'applied');
  });

  it('a secret added after the item was written is masked in its next write, and the item is marked', async () => {
    const redactor = new Redactor();
    const store = folders.open({ redactor });
    const secret = 'learned-later-secret';
    const entry = await store.begin({ tenantId: TENANT, action: 'patch', title: 'Edit note (1)', items: [{ spec: { kind: 'patch', accountId: 'acc-1', operations: [{ op: 'add', path: '/attributes/note', value: `pasted ${secret}` }] } }] });
    const ref = { tenantId: TENANT, entryId: entry.id, index: 0 };
    await store.updateItem(ref, { state: 'in-progress', before: { kind: 'editable', attributes: { note: secret } } });
    redactor.addSecret(secret);
    const item = await store.updateItem(ref, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    assert.ok(item.redacted, 'the item is marked, so its masked copy is never sent');
    assert.ok(!JSON.stringify(item).includes(secret), 'the kept item no longer holds the secret');
    await store.close();
    const lines = (await allText(folders.folder)).split('\n').filter((line) => line.includes('"applied"'));
    assert.ok(lines.length > 0 && lines.every((line) => !line.includes(secret)), 'its latest record on the disk holds no secret');
  });
});
