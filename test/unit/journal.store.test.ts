// The journal store: what it acknowledged is on the disk, a crash cuts off nothing but the run,
// a torn last line loses nothing else, it stays bounded, and it is kept per tenant.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ChangeSpec } from '../../src/journal/change-spec';
import { entryState } from '../../src/journal/entry';
import { INTERRUPTED_IN_FLIGHT, INTERRUPTED_QUEUED } from '../../src/journal/interruption';
import { eachTestFolder } from './support/journal-fixture';

const TENANT = 'acme-sandbox';
const disable = (accountId: string): ChangeSpec => ({ kind: 'lifecycle', action: 'disable', accountId });
const DAY = 24 * 60 * 60 * 1000;

describe('journal store: an entry is on the disk before anything is sent', () => {
  const test = eachTestFolder();
  const open = test.open;

  it('once begin resolves, another reader of the folder sees the entry with every item queued', async () => {
    const store = open();
    const entry = await store.begin({ tenantId: TENANT, action: 'disable', title: 'Disable accounts (3)', items: ['a1', 'a2', 'a3'].map((id) => ({ spec: disable(id), target: { accountId: id } })) });
    const reader = open();
    const seen = await reader.entry(TENANT, entry.id);
    assert.equal(seen?.items.length, 3);
    assert.deepEqual(seen?.items.map((item) => item.state), ['queued', 'queued', 'queued']);
    assert.equal(seen?.bulk, true);
    assert.equal(entryState(seen!), 'in-progress', 'a live run is shown in progress, not interrupted');
  });

  it('after a crash, what was in flight is unknown (may have been applied) and what was queued is not sent', async () => {
    const crashed = open();
    const entry = await crashed.begin({ tenantId: TENANT, action: 'disable', title: 'Disable accounts (3)', items: ['a1', 'a2', 'a3'].map((id) => ({ spec: disable(id) })) });
    const ref = (index: number) => ({ tenantId: TENANT, entryId: entry.id, index });
    await crashed.updateItem(ref(0), { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    await crashed.updateItem(ref(1), { state: 'in-progress', sentAt: new Date().toISOString(), before: { kind: 'flags', disabled: false, locked: false }, taskId: 'task-1' });
    // The crashed store is never closed; the next one takes its session as dead, as after a restart.
    const restarted = open({ sessionLives: (session) => session !== crashed.session });
    const [after] = await restarted.entries(TENANT);
    assert.equal(after.items[0].state, 'applied');
    assert.equal(after.items[1].state, 'unknown');
    assert.equal(after.items[1].outcome?.reason, INTERRUPTED_IN_FLIGHT);
    assert.equal(after.items[1].outcome?.taskId, 'task-1', 'the task id kept before the crash is evidence to settle by');
    assert.deepEqual(after.items[1].before, { kind: 'flags', disabled: false, locked: false });
    assert.equal(after.items[1].interrupted, true);
    assert.equal(after.items[2].state, 'not-sent');
    assert.equal(after.items[2].outcome?.reason, INTERRUPTED_QUEUED);
    assert.equal(entryState(after), 'mixed');
  });

  it('a run of another window that still runs is not called interrupted', async () => {
    const other = open();
    const entry = await other.begin({ tenantId: TENANT, action: 'disable', title: 'Disable', items: [{ spec: disable('a1') }] });
    await other.updateItem({ tenantId: TENANT, entryId: entry.id, index: 0 }, { state: 'in-progress', sentAt: new Date().toISOString() });
    const second = open();
    assert.equal((await second.entry(TENANT, entry.id))?.items[0].state, 'in-progress');
  });

  it('a torn last line loses nothing else, and the next compaction leaves a clean file', async () => {
    const crashed = open();
    for (let i = 0; i < 3; i++) await crashed.begin({ tenantId: TENANT, action: 'disable', title: `Disable ${i}`, items: [{ spec: disable(`a${i}`) }] });
    const tenantFolder = path.join(test.folder, TENANT);
    const segment = (await fs.readdir(tenantFolder)).find((name) => name.startsWith(crashed.session));
    assert.ok(segment, 'the session writes its own segment');
    await fs.appendFile(path.join(tenantFolder, segment), '{"at":1700000000000,"session":"x","entry":{"id":"torn","tenan');
    const dead = (session: string) => session !== crashed.session && !session.startsWith('gone');
    const restarted = open({ sessionLives: dead });
    const journal = await restarted.tenant(TENANT);
    assert.equal(journal.skippedLines, 1, 'the torn line is skipped');
    assert.deepEqual((await restarted.entries(TENANT)).map((e) => e.title).sort(), ['Disable 0', 'Disable 1', 'Disable 2']);
    const base = await fs.readFile(path.join(tenantFolder, 'journal.jsonl'), 'utf8');
    assert.doesNotMatch(base, /"torn"/);
    assert.equal(base.split('\n').filter(Boolean).every((line) => JSON.parse(line) !== undefined), true);
    assert.ok(!(await fs.readdir(tenantFolder)).includes(segment), 'the dead session’s segment was folded into the base');
  });
});

describe('journal store: bounded by days and entries, with rotation', () => {
  const test = eachTestFolder();
  const open = test.open;

  it('keeps the newest entries up to the limit, and never drops one still running', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const writer = open({ now: () => (clock += 1000) });
    const running = await writer.begin({ tenantId: TENANT, action: 'disable', title: 'running', items: [{ spec: disable('r') }] });
    for (let i = 0; i < 5; i++) {
      const entry = await writer.begin({ tenantId: TENANT, action: 'disable', title: `done ${i}`, items: [{ spec: disable(`a${i}`) }] });
      await writer.updateItem({ tenantId: TENANT, entryId: entry.id, index: 0 }, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    }
    const reader = open({ maxEntries: 3, now: () => clock });
    const titles = (await reader.entries(TENANT)).map((e) => e.title);
    assert.deepEqual(titles, ['done 4', 'done 3', 'running']);
    assert.ok(titles.includes(running.title));
  });

  it('drops settled entries older than the number of days', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const writer = open({ now: () => clock });
    const old = await writer.begin({ tenantId: TENANT, action: 'disable', title: 'old', items: [{ spec: disable('a1') }] });
    await writer.updateItem({ tenantId: TENANT, entryId: old.id, index: 0 }, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    clock += 20 * DAY;
    await writer.begin({ tenantId: TENANT, action: 'disable', title: 'recent', items: [{ spec: disable('a2') }] });
    clock += 15 * DAY;
    const reader = open({ maxDays: 30, now: () => clock });
    assert.deepEqual((await reader.entries(TENANT)).map((e) => e.title), ['recent']);
  });

  it('rotates a segment past its size into the base: few files, nothing lost', async () => {
    const store = open({ maxSegmentBytes: 4_000 });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const entry = await store.begin({ tenantId: TENANT, action: 'disable', title: `entry ${i}`, items: [{ spec: disable(`a${i}`) }] });
      await store.updateItem({ tenantId: TENANT, entryId: entry.id, index: 0 }, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
      ids.push(entry.id);
    }
    await (await store.tenant(TENANT)).close();
    const files = await fs.readdir(path.join(test.folder, TENANT));
    assert.ok(files.filter((name) => name.endsWith('.jsonl')).length <= 3, `files: ${files.join(', ')}`);
    const reader = open();
    const entries = await reader.entries(TENANT);
    assert.equal(entries.length, 60);
    assert.ok(entries.every((e) => e.items[0].state === 'applied'));
  });
});

describe('journal store: kept per tenant; remove a tenant, clear all', () => {
  const { open } = eachTestFolder();

  it('removing a tenant removes its entries and folder, and no other tenant’s', async () => {
    const store = open();
    for (const tenantId of ['one', 'two/with:odd*chars.']) {
      const entry = await store.begin({ tenantId, action: 'disable', title: tenantId, items: [{ spec: disable('a1') }] });
      await store.updateItem({ tenantId, entryId: entry.id, index: 0 }, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    }
    assert.deepEqual((await store.tenantIds()).sort(), ['one', 'two/with:odd*chars.']);
    await store.removeTenant('one');
    assert.deepEqual(await store.tenantIds(), ['two/with:odd*chars.']);
    const reader = open();
    assert.equal((await reader.entries('one')).length, 0);
    assert.equal((await reader.entries('two/with:odd*chars.')).length, 1);
  });

  it('clear all keeps an entry still running, in this window or another', async () => {
    const store = open();
    const done = await store.begin({ tenantId: TENANT, action: 'disable', title: 'done', items: [{ spec: disable('a1') }] });
    await store.updateItem({ tenantId: TENANT, entryId: done.id, index: 0 }, { state: 'applied', outcome: { outcome: 'applied', evidence: { kind: 'answer' } } });
    await store.begin({ tenantId: TENANT, action: 'disable', title: 'running', items: [{ spec: disable('a2') }] });
    await store.clearAll();
    assert.deepEqual((await store.entries(TENANT)).map((e) => e.title), ['running']);
    const reader = open();
    assert.deepEqual((await reader.entries(TENANT)).map((e) => e.title), ['running'], 'the clear is on the disk too');
  });
});
