// The attribute differ on hand-picked edits: what counts as a change, the operations ISC
// accepts, and the order they come in.
import assert from 'node:assert/strict';
import { applyPatch, diffAttributes } from '../../src/patch';
import type { AccountAttributeMap } from '../../src/patch';

describe('diffing attributes: what is a change', () => {
  it('produces nothing for equal maps, even when they are different objects', () => {
    const before = { email: 'a@b', groups: ['x', 'y'], count: 3, active: true, manager: null };
    assert.deepEqual(diffAttributes(before, structuredClone(before)), []);
  });

  it('treats a reordered multi-valued list as a change', () => {
    assert.deepEqual(diffAttributes({ groups: ['x', 'y'] }, { groups: ['y', 'x'] }), [
      { op: 'replace', path: '/attributes/groups', value: ['y', 'x'] },
    ]);
  });

  it('does not coerce: the string "10" differs from the number 10, and false from null', () => {
    assert.equal(diffAttributes({ n: 10 }, { n: '10' }).length, 1);
    assert.equal(diffAttributes({ flag: false }, { flag: null }).length, 1);
    assert.equal(diffAttributes({ list: [] }, { list: '' }).length, 1);
  });

  it('tells a null value from a missing attribute', () => {
    assert.deepEqual(diffAttributes({ a: null }, {}), [{ op: 'remove', path: '/attributes/a' }]);
    assert.deepEqual(diffAttributes({}, { a: null }), [{ op: 'add', path: '/attributes/a', value: null }]);
  });

  it('ignores member order inside an object value, which JSON does not keep', () => {
    assert.deepEqual(diffAttributes({ o: { a: 1, b: 2 } }, { o: { b: 2, a: 1 } }), []);
  });

  it('treats 0 and -0 as equal: the wire cannot tell them apart', () => {
    assert.deepEqual(diffAttributes({ n: 0 }, { n: -0 }), []);
  });

  it('treats an undefined value as absent, as JSON.stringify does', () => {
    const withUndefined = { a: undefined } as unknown as AccountAttributeMap;
    assert.deepEqual(diffAttributes(withUndefined, {}), []);
    assert.deepEqual(diffAttributes({ a: 1 }, withUndefined), [{ op: 'remove', path: '/attributes/a' }]);
  });

  it('accepts maps without a prototype', () => {
    const before = Object.assign(Object.create(null) as AccountAttributeMap, { a: 1 });
    assert.deepEqual(diffAttributes(before, { a: 2 }), [{ op: 'replace', path: '/attributes/a', value: 2 }]);
  });
});

describe('diffing attributes: the operations', () => {
  it('escapes names into the path: a/b~c goes to /attributes/a~1b~0c, ~1 to ~01', () => {
    assert.deepEqual(diffAttributes({}, { 'a/b~c': 'v', '~1': 'w' }), [
      { op: 'add', path: '/attributes/a~1b~0c', value: 'v' },
      { op: 'add', path: '/attributes/~01', value: 'w' },
    ]);
  });

  it('orders removes, then replaces, then adds, each by name', () => {
    const before = { b: 1, a: 1, z: 1, y: 1 };
    const after = { z: 2, y: 2, d: 3, c: 3 };
    assert.deepEqual(
      diffAttributes(before, after).map(({ op, path }) => `${op} ${path}`),
      [
        'remove /attributes/a',
        'remove /attributes/b',
        'replace /attributes/y',
        'replace /attributes/z',
        'add /attributes/c',
        'add /attributes/d',
      ],
    );
  });

  it('sorts by code unit, not by locale: "Z" before "a" before "é"', () => {
    const paths = diffAttributes({}, { é: 1, a: 1, Z: 1 }).map((operation) => operation.path);
    assert.deepEqual(paths, ['/attributes/Z', '/attributes/a', '/attributes/é']);
  });

  it('removes before it adds, so a case-only rename survives ISC matching names case-insensitively', () => {
    assert.deepEqual(diffAttributes({ Email: 'a@b' }, { email: 'a@b' }), [
      { op: 'remove', path: '/attributes/Email' },
      { op: 'add', path: '/attributes/email', value: 'a@b' },
    ]);
  });

  it('copies values into the patch, so later edits of the map do not change it', () => {
    const after = { groups: ['x'] };
    const patch = diffAttributes({}, after);
    after.groups.push('y');
    assert.deepEqual(patch, [{ op: 'add', path: '/attributes/groups', value: ['x'] }]);
  });

  it('produces a patch the applier turns back into the edited map, names like __proto__ included', () => {
    const before: AccountAttributeMap = { keep: 'k', gone: 1, ['__proto__']: 'p', changed: ['a', 'b'] };
    const after: AccountAttributeMap = { keep: 'k', changed: ['b', 'a'], 'new/one': true, constructor: null };
    const result = applyPatch({ attributes: before }, diffAttributes(before, after));
    assert.deepEqual(result, { attributes: after });
  });
});
