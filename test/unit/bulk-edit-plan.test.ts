// The bulk attribute edit's plan: per account the exact JSON Patch, unchanged, or skipped with
// why; the multi-valued rules; edit validation; the value distribution; and the requests and
// time the plan says Apply costs. A property check applies every planned patch (src/patch's
// applier, the one the sandbox runs) and finds the edit done, and nothing else touched.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatch, jsonEqual, type AccountAttributeMap, type AttributeValue, type JsonObject } from '../../src/patch';
import { applyRequests, estimatedSeconds, planAccount, planBulkEdit, type BulkEditTarget } from '../../src/core/bulk-edit-plan';
import { validateBulkEdit } from '../../src/core/bulk-edit-input';
import { AttributeTally, NO_VALUE } from '../../src/core/attribute-overview';
import type { BulkEdit } from '../../src/editor/shared/bulk-protocol';

const PACING = { requestsPer10Seconds: 95, readChunk: 50 };

function target(accountId: string, attributes: AccountAttributeMap, notEditable?: string): BulkEditTarget {
  return { accountId, accountName: `name-${accountId}`, attributes, notEditable };
}

describe('Bulk edit plan: one account', () => {
  it('set adds a missing attribute, replaces another value, and leaves an equal one unchanged', () => {
    const edit: BulkEdit = { kind: 'set', attribute: 'department', value: 'Finance' };
    assert.deepEqual(planAccount({}, edit), { kind: 'changed', operations: [{ op: 'add', path: '/attributes/department', value: 'Finance' }], guard: [{ attribute: 'department' }] });
    assert.deepEqual(planAccount({ department: 'Sales' }, edit), {
      kind: 'changed',
      operations: [{ op: 'replace', path: '/attributes/department', value: 'Finance' }],
      guard: [{ attribute: 'department', value: 'Sales' }],
    });
    assert.deepEqual(planAccount({ department: 'Finance' }, edit), { kind: 'unchanged' });
  });

  it('set to null replaces a value, and null over null is unchanged', () => {
    const edit: BulkEdit = { kind: 'set', attribute: 'manager', value: null };
    assert.deepEqual(planAccount({ manager: 'ann' }, edit), { kind: 'changed', operations: [{ op: 'replace', path: '/attributes/manager', value: null }], guard: [{ attribute: 'manager', value: 'ann' }] });
    assert.deepEqual(planAccount({ manager: null }, edit), { kind: 'unchanged' });
  });

  it('set of a list compares in order: a reordered list is a change', () => {
    const edit: BulkEdit = { kind: 'set', attribute: 'groups', value: ['a', 'b'] };
    assert.equal(planAccount({ groups: ['a', 'b'] }, edit).kind, 'unchanged');
    assert.equal(planAccount({ groups: ['b', 'a'] }, edit).kind, 'changed');
  });

  it('remove removes a present attribute (even null) and leaves a missing one unchanged', () => {
    const edit: BulkEdit = { kind: 'remove', attribute: 'phone' };
    assert.deepEqual(planAccount({ phone: '555' }, edit), { kind: 'changed', operations: [{ op: 'remove', path: '/attributes/phone' }], guard: [{ attribute: 'phone', value: '555' }] });
    assert.deepEqual(planAccount({ phone: null }, edit), { kind: 'changed', operations: [{ op: 'remove', path: '/attributes/phone' }], guard: [{ attribute: 'phone', value: null }] });
    assert.deepEqual(planAccount({ other: 1 }, edit), { kind: 'unchanged' });
  });

  it('add-item: a missing or null attribute becomes a one-item list', () => {
    const edit: BulkEdit = { kind: 'add-item', attribute: 'groups', item: 'Beta' };
    assert.deepEqual(planAccount({}, edit), { kind: 'changed', operations: [{ op: 'add', path: '/attributes/groups', value: ['Beta'] }], guard: [{ attribute: 'groups' }] });
    assert.deepEqual(planAccount({ groups: null }, edit), { kind: 'changed', operations: [{ op: 'replace', path: '/attributes/groups', value: ['Beta'] }], guard: [{ attribute: 'groups', value: null }] });
  });

  it('add-item appends to a list, and leaves a list that has the item unchanged', () => {
    const edit: BulkEdit = { kind: 'add-item', attribute: 'groups', item: 'Beta' };
    assert.deepEqual(planAccount({ groups: ['Alpha'] }, edit), {
      kind: 'changed',
      operations: [{ op: 'replace', path: '/attributes/groups', value: ['Alpha', 'Beta'] }],
      guard: [{ attribute: 'groups', value: ['Alpha'] }],
    });
    assert.deepEqual(planAccount({ groups: ['Beta', 'Alpha'] }, edit), { kind: 'unchanged' });
  });

  it('add-item: a single text equal to the item counts as that item; another text becomes a list of both', () => {
    const edit: BulkEdit = { kind: 'add-item', attribute: 'groups', item: 'Beta' };
    assert.deepEqual(planAccount({ groups: 'Beta' }, edit), { kind: 'unchanged' });
    assert.deepEqual(planAccount({ groups: 'Alpha' }, edit), {
      kind: 'changed',
      operations: [{ op: 'replace', path: '/attributes/groups', value: ['Alpha', 'Beta'] }],
      guard: [{ attribute: 'groups', value: 'Alpha' }],
    });
  });

  it('item edits skip numbers, booleans and objects, saying what the attribute holds', () => {
    for (const held of [3, true, { a: 'b' }] as AttributeValue[]) {
      const plan = planAccount({ groups: held }, { kind: 'remove-item', attribute: 'groups', item: 'x' });
      assert.equal(plan.kind, 'skipped');
      assert.match((plan as { reason: string }).reason, /^skipped: "groups" holds .*, not a list of text$/);
    }
  });

  it('remove-item removes every occurrence, and removes the attribute when nothing is left', () => {
    const edit: BulkEdit = { kind: 'remove-item', attribute: 'groups', item: 'Beta' };
    assert.deepEqual(planAccount({ groups: ['Beta', 'Alpha', 'Beta'] }, edit), {
      kind: 'changed',
      operations: [{ op: 'replace', path: '/attributes/groups', value: ['Alpha'] }],
      guard: [{ attribute: 'groups', value: ['Beta', 'Alpha', 'Beta'] }],
    });
    assert.deepEqual(planAccount({ groups: ['Beta', 'Beta'] }, edit).kind === 'changed' && (planAccount({ groups: ['Beta', 'Beta'] }, edit) as { operations: unknown }).operations, [
      { op: 'remove', path: '/attributes/groups' },
    ]);
    assert.deepEqual((planAccount({ groups: 'Beta' }, edit) as { operations: unknown }).operations, [{ op: 'remove', path: '/attributes/groups' }]);
  });

  it('remove-item leaves accounts without the item unchanged (missing, null, other items, other text)', () => {
    const edit: BulkEdit = { kind: 'remove-item', attribute: 'groups', item: 'Beta' };
    for (const attributes of [{}, { groups: null }, { groups: ['Alpha'] }, { groups: 'Alpha' }, { groups: [] }] as AccountAttributeMap[]) {
      assert.deepEqual(planAccount(attributes, edit), { kind: 'unchanged' }, JSON.stringify(attributes));
    }
  });

  it('an account holding the attribute under another case is skipped: ISC takes both names as one', () => {
    const plan = planAccount({ Department: 'Sales' }, { kind: 'set', attribute: 'department', value: 'Finance' });
    assert.deepEqual(plan, { kind: 'skipped', reason: 'skipped: it holds "Department", which ISC takes as the same attribute as "department"; edit "Department" instead' });
  });

  it('names with / and ~ are escaped in the pointer (the editor’s differ builds the patch)', () => {
    const plan = planAccount({}, { kind: 'set', attribute: 'a/b~c', value: 'x' });
    assert.deepEqual((plan as { operations: unknown }).operations, [{ op: 'add', path: '/attributes/a~1b~0c', value: 'x' }]);
  });
});

describe('Bulk edit plan: many accounts', () => {
  const targets = [
    target('1', { department: 'Sales' }),
    target('2', { department: 'Finance' }),
    target('3', {}),
    target('4', { department: 'HR' }, '"Workday" is not a flat-file source (type "Workday")'),
    target('5', { Department: 'HR' }),
    ...Array.from({ length: 7 }, (_, i) => target(`x${i}`, { department: `D${i}` })),
  ];
  const plan = planBulkEdit(targets, { kind: 'set', attribute: 'department', value: 'Finance' }, PACING);

  it('counts changed, lists unchanged and skipped with why', () => {
    assert.equal(plan.view.targets, 12);
    assert.equal(plan.view.changed, 9);
    assert.deepEqual(plan.view.unchanged, [{ accountId: '2', accountName: 'name-2' }]);
    assert.deepEqual(
      plan.view.skipped.map((s) => [s.accountId, s.reason]),
      [
        ['4', 'skipped: "Workday" is not a flat-file source (type "Workday")'],
        ['5', 'skipped: it holds "Department", which ISC takes as the same attribute as "department"; edit "Department" instead'],
      ],
    );
  });

  it('shows the first 5 patches in full and counts every changed one by shape', () => {
    assert.equal(plan.view.examples.length, 5);
    assert.deepEqual(plan.view.examples[0], { accountId: '1', accountName: 'name-1', operations: [{ op: 'replace', path: '/attributes/department', value: 'Finance' }] });
    assert.deepEqual(plan.view.shapes, [
      { shape: 'replace /attributes/department', count: 8 },
      { shape: 'add /attributes/department', count: 1 },
    ]);
    assert.equal(plan.changes.length, 9);
    assert.deepEqual(plan.changes.map((change) => change.accountId).slice(0, 3), ['1', '3', 'x0']);
  });

  it('counts every request Apply makes (one PATCH each, one read per chunk) and the time the pacing implies', () => {
    assert.equal(plan.view.requests, 9 + 1);
    assert.equal(plan.view.estimatedSeconds, estimatedSeconds(10, 95));
    assert.equal(applyRequests(1000, 50), 1020);
    assert.equal(applyRequests(0, 50), 0);
    assert.equal(applyRequests(51, 50), 53);
    assert.equal(estimatedSeconds(1020, 95), 107.4);
    assert.equal(estimatedSeconds(100, 100), 10);
  });

  it('gives every plan its own id', () => {
    assert.notEqual(plan.view.planId, planBulkEdit(targets, plan.view.edit, PACING).view.planId);
  });
});

describe('Bulk edit input: actionable errors', () => {
  const fails = (input: unknown, pattern: RegExp) => assert.throws(() => validateBulkEdit(input), pattern);

  it('takes the four kinds', () => {
    assert.deepEqual(validateBulkEdit({ kind: 'set', attribute: 'department', value: 'Finance' }), { kind: 'set', attribute: 'department', value: 'Finance' });
    assert.deepEqual(validateBulkEdit({ kind: 'remove', attribute: 'x', extra: 1 }), { kind: 'remove', attribute: 'x' });
    assert.deepEqual(validateBulkEdit({ kind: 'add-item', attribute: 'groups', item: 'B' }), { kind: 'add-item', attribute: 'groups', item: 'B' });
    assert.deepEqual(validateBulkEdit({ kind: 'remove-item', attribute: 'groups', item: 'B' }), { kind: 'remove-item', attribute: 'groups', item: 'B' });
  });

  it('names what is wrong', () => {
    fails(null, /The edit must be an object such as \{"kind": "set"/);
    fails([], /The edit must be an object/);
    fails({ kind: 'rename', attribute: 'a' }, /"kind" must be one of "set", "remove", "add-item", "remove-item"; got "rename"/);
    fails({ attribute: 'a' }, /got nothing/);
    fails({ kind: 'set', attribute: '', value: 'x' }, /^Error: The attribute name is empty\.$/);
    fails({ kind: 'set', attribute: 3, value: 'x' }, /The attribute name must be text/);
    fails({ kind: 'set', attribute: 'a' }, /The value of "a" is missing; use null for an empty value/);
    fails({ kind: 'set', attribute: 'a', value: { nested: true } }, /The value of "a" is an object/);
    fails({ kind: 'set', attribute: 'a', value: ['x', 2] }, /has item 2 of type number; multi-valued attributes hold text only/);
    fails({ kind: 'add-item', attribute: 'groups', item: '' }, /The item to add or remove is empty/);
    fails({ kind: 'remove-item', attribute: 'groups', item: 5 }, /The item to add or remove must be text; got 5/);
    fails({ kind: 'remove-item', attribute: 'groups' }, /must be text; got nothing/);
  });
});

describe('Bulk edit overview: the value distribution', () => {
  it('counts each value, "(none)" for accounts without it, most common first', () => {
    const tally = new AttributeTally();
    for (const attributes of [{ d: 'Sales', g: ['a'] }, { d: 'Sales' }, { d: 'HR' }, {}] as AccountAttributeMap[]) tally.add(attributes);
    const [d, g] = tally.overview();
    assert.deepEqual(d, { name: 'd', multiValued: false, distribution: [{ value: '"Sales"', count: 2 }, { value: '"HR"', count: 1 }, { value: NO_VALUE, count: 1 }], otherValues: 0 });
    assert.deepEqual(g, { name: 'g', multiValued: true, distribution: [{ value: NO_VALUE, count: 3 }, { value: '["a"]', count: 1 }], otherValues: 0 });
  });

  it('shows the 30 most common values and counts the rest as other', () => {
    const tally = new AttributeTally();
    for (let i = 0; i < 40; i++) tally.add({ id: `v${i}` });
    const [id] = tally.overview();
    assert.equal(id.distribution.length, 30);
    assert.equal(id.otherValues, 10);
  });
});

describe('Bulk edit plan: property — each planned patch, applied, gives the edited value', () => {
  const names = fc.constantFrom('groups', 'department', 'a/b', '~x', '__proto__', 'other');
  const text = fc.constantFrom('Alpha', 'Beta', 'Gamma', '');
  const value: fc.Arbitrary<AttributeValue> = fc.oneof(text, fc.array(text, { maxLength: 4 }), fc.constant(null), fc.integer(), fc.boolean());
  const attributes = fc.dictionary(names, value, { maxKeys: 4 });
  const edit: fc.Arbitrary<BulkEdit> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), attribute: names, value }),
    fc.record({ kind: fc.constant('remove' as const), attribute: names }),
    fc.record({ kind: fc.constant('add-item' as const), attribute: names, item: fc.constantFrom('Alpha', 'Beta') }),
    fc.record({ kind: fc.constant('remove-item' as const), attribute: names, item: fc.constantFrom('Alpha', 'Beta') }),
  );

  const itemsOf = (v: AttributeValue | undefined): AttributeValue[] | undefined =>
    v === undefined || v === null ? [] : typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;

  it('holds for generated accounts and edits', () => {
    fc.assert(
      fc.property(attributes, edit, (before, e) => {
        const plan = planAccount(before, e);
        const held = Object.hasOwn(before, e.attribute) ? before[e.attribute] : undefined;
        if (plan.kind === 'skipped') {
          assert.ok(e.kind === 'add-item' || e.kind === 'remove-item', 'only item edits skip here');
          assert.equal(itemsOf(held), undefined);
          return;
        }
        const after: AccountAttributeMap =
          plan.kind === 'unchanged' ? before : ((applyPatch({ attributes: before } as JsonObject, plan.operations) as JsonObject).attributes as AccountAttributeMap);
        if (plan.kind === 'changed') {
          assert.ok(!jsonEqual(after as JsonObject, before as JsonObject), 'a changed plan changes something');
          assert.deepEqual(plan.guard, [held === undefined ? { attribute: e.attribute } : { attribute: e.attribute, value: held }]);
        }
        const now = Object.hasOwn(after, e.attribute) ? after[e.attribute] : undefined;
        if (e.kind === 'set') assert.deepEqual(now, e.value);
        if (e.kind === 'remove') assert.equal(now, undefined);
        if (e.kind === 'add-item') assert.ok(itemsOf(now)!.includes(e.item));
        if (e.kind === 'remove-item') assert.ok(!itemsOf(now)!.includes(e.item));
        for (const name of Object.keys(before)) if (name !== e.attribute) assert.deepEqual(after[name], before[name], `${name} untouched`);
      }),
      { numRuns: 2000 },
    );
  });
});
