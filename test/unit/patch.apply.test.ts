// Behaviour of the applier beyond the conformance suite: what the editor relies on
// (no mutation, atomic failure, typed errors) and the traps in array indices and keys.
import assert from 'node:assert/strict';
import { applyPatch, JsonPatchError, type JsonPatchErrorReason, type JsonPatchOperation, type JsonValue } from '../../src/patch';

function failsWith(document: JsonValue, patch: unknown[], reason: JsonPatchErrorReason, opIndex = 0): void {
  assert.throws(
    () => applyPatch(document, patch as JsonPatchOperation[]),
    (error: unknown) => {
      assert.ok(error instanceof JsonPatchError, String(error));
      assert.equal(error.reason, reason, error.message);
      assert.equal(error.opIndex, opIndex);
      return true;
    },
  );
}

describe('applying a patch leaves its input alone', () => {
  it('returns a new document and does not change the one given', () => {
    const document = { attributes: { groups: ['a', 'b'], email: 'x@y' } };
    const result = applyPatch(document, [
      { op: 'add', path: '/attributes/groups/-', value: 'c' },
      { op: 'replace', path: '/attributes/email', value: 'z@y' },
    ]);
    assert.deepEqual(result, { attributes: { groups: ['a', 'b', 'c'], email: 'z@y' } });
    assert.deepEqual(document, { attributes: { groups: ['a', 'b'], email: 'x@y' } });
  });

  it('changes nothing when a later operation fails (all or nothing)', () => {
    const document = { a: 1, list: [1, 2] };
    failsWith(document, [{ op: 'remove', path: '/a' }, { op: 'add', path: '/list/-', value: 3 }, { op: 'remove', path: '/nope' }], 'missing-target', 2);
    assert.deepEqual(document, { a: 1, list: [1, 2] });
  });

  it('does not share values with the patch: editing the result leaves the patch as written', () => {
    const value = { nested: ['x'] };
    const result = applyPatch({}, [{ op: 'add', path: '/a', value }]) as { a: { nested: string[] } };
    result.a.nested.push('y');
    assert.deepEqual(value, { nested: ['x'] });
  });

  it('copies by value: two copies of one member are independent', () => {
    const result = applyPatch({ a: { n: 1 } }, [{ op: 'copy', from: '/a', path: '/b' }]) as Record<string, { n: number }>;
    result.b.n = 2;
    assert.equal(result.a.n, 1);
  });
});

describe('array indices', () => {
  it('refuses leading zeros, exponents, signs and spaces', () => {
    for (const token of ['01', '00', '1e0', '+1', '-1', ' 1', '1 ', '0x1', '1.0']) {
      failsWith(['a', 'b'], [{ op: 'replace', path: `/${token}`, value: 'c' }], 'invalid-index');
    }
  });

  it('lets "-" mean the end only for add', () => {
    assert.deepEqual(applyPatch([1], [{ op: 'add', path: '/-', value: 2 }]), [1, 2]);
    failsWith([1], [{ op: 'replace', path: '/-', value: 2 }], 'invalid-index');
    failsWith([1], [{ op: 'remove', path: '/-' }], 'invalid-index');
    failsWith([1], [{ op: 'test', path: '/-', value: 1 }], 'invalid-index');
  });

  it('allows add at length but not past it, and nothing else at length', () => {
    assert.deepEqual(applyPatch([1], [{ op: 'add', path: '/1', value: 2 }]), [1, 2]);
    failsWith([1], [{ op: 'add', path: '/2', value: 2 }], 'index-out-of-bounds');
    failsWith([1], [{ op: 'remove', path: '/1' }], 'index-out-of-bounds');
  });
});

describe('object members are data, whatever their name', () => {
  it('adds and removes a member called __proto__ without touching the prototype', () => {
    const result = applyPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    assert.ok(Object.prototype.hasOwnProperty.call(result, '__proto__'));
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(applyPatch(result, [{ op: 'remove', path: '/__proto__' }]), {});
  });

  it('does not find inherited members such as toString', () => {
    failsWith({}, [{ op: 'remove', path: '/toString' }], 'missing-target');
    failsWith({}, [{ op: 'test', path: '/constructor', value: null }], 'missing-target');
  });
});

describe('errors name the operation and say why', () => {
  it('reports the index of the failing operation and its reason in the message', () => {
    try {
      applyPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 1 }, { op: 'test', path: '/a', value: 2 }]);
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof JsonPatchError);
      assert.equal(error.opIndex, 1);
      assert.equal(error.reason, 'test-failed');
      assert.match(error.message, /^Patch operation 1: test failed at "\/a": expected 2, found 1/);
    }
  });

  it('refuses a malformed pointer as invalid-pointer', () => {
    failsWith({}, [{ op: 'add', path: 'a', value: 1 }], 'invalid-pointer');
    failsWith({ '~': 1 }, [{ op: 'remove', path: '/~' }], 'invalid-pointer');
    failsWith({ a: 1 }, [{ op: 'move', from: '/a~2', path: '/b' }], 'invalid-pointer');
  });

  it('refuses operations that are not objects, and values JSON cannot carry', () => {
    failsWith({}, [null], 'invalid-operation');
    failsWith({}, [{ op: 'add', path: '/a', value: Number.NaN }], 'invalid-operation');
    failsWith({}, [{ op: 'add', path: '/a', value: undefined }], 'invalid-operation');
    failsWith({}, [{ op: 'add', path: '/a', value: new Date(0) }], 'invalid-operation');
    failsWith({}, [{ op: 'remove' }], 'invalid-operation');
  });

  it('refuses a patch that is not an array with opIndex -1', () => {
    assert.throws(
      () => applyPatch({}, { op: 'add' } as unknown as JsonPatchOperation[]),
      (error: unknown) => error instanceof JsonPatchError && error.opIndex === -1,
    );
  });

  it('refuses to walk through a scalar, to remove the root, or to move into a descendant', () => {
    failsWith({ a: 'text' }, [{ op: 'add', path: '/a/b', value: 1 }], 'not-a-container');
    failsWith({ a: 1 }, [{ op: 'remove', path: '' }], 'remove-root');
    failsWith({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], 'move-into-descendant');
  });

  it('moves to the same location only when the source exists', () => {
    assert.deepEqual(applyPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/a' }]), { a: 1 });
    failsWith({}, [{ op: 'move', from: '/a', path: '/a' }], 'missing-target');
  });
});
