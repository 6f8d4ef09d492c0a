// Properties of the attribute differ over generated flat attribute maps: applying its patch
// to the old map gives the new one, and it only ever says what ISC accepts.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { applyPatch, diffAttributes, parsePointer } from '../../src/patch';
import type { AccountAttributeMap, AttributeValue } from '../../src/patch';

/** Names that break naive pointer code or plain-object maps, mixed with arbitrary unicode. */
const trickyName = fc.constantFrom(
  '', ' ', 'with space', '/', '~', '~0', '~1', '~01', 'a/b~c', '//', '~/~', 'Email', 'email',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '-', 'ünïcödé', '名前', '😀',
);
const attributeName = fc.oneof(
  trickyName,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'B', '/', '~', '0', '1', ' '), maxLength: 6 }),
);

/** -0 is folded to 0: JSON cannot tell them apart and the differ treats them as equal. */
const finiteNumber = fc
  .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n) => (Object.is(n, -0) ? 0 : n));

const flatValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constant(''),
  finiteNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 4 }), // includes []
);

const attributeMap = fc.dictionary(attributeName, flatValue, { maxKeys: 10 });

/**
 * Pairs that share most names, so equal values, changed values, reordered lists, adds and
 * removes all show up often; fully independent pairs are in the mix too.
 */
const editedPair: fc.Arbitrary<[AccountAttributeMap, AccountAttributeMap]> = fc.oneof(
  fc.tuple(attributeMap, attributeMap),
  fc
    .array(
      fc.record({
        name: attributeName,
        inBefore: fc.boolean(),
        inAfter: fc.boolean(),
        value: flatValue,
        edit: fc.oneof(
          fc.constant<'same' | 'reverse'>('same'),
          fc.constant<'same' | 'reverse'>('reverse'),
          flatValue.map((value) => ({ value })),
        ),
      }),
      { maxLength: 10 },
    )
    .map((slots) => {
      const before: AccountAttributeMap = {};
      const after: AccountAttributeMap = {};
      for (const { name, inBefore, inAfter, value, edit } of slots) {
        const edited =
          edit === 'same' ? value : edit === 'reverse' ? (Array.isArray(value) ? [...value].reverse() : value) : edit.value;
        if (inBefore) define(before, name, value);
        if (inAfter) define(after, name, edited);
      }
      return [before, after] as [AccountAttributeMap, AccountAttributeMap];
    }),
);

function define(map: AccountAttributeMap, name: string, value: AttributeValue): void {
  Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
}

const has = (map: AccountAttributeMap, name: string): boolean => Object.prototype.hasOwnProperty.call(map, name);

/** The oracle: names whose presence or value differs, judged by node's own deep equality. */
function changedNames(before: AccountAttributeMap, after: AccountAttributeMap): Set<string> {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return new Set(
    [...names].filter(
      (name) => has(before, name) !== has(after, name) || !isDeepStrictEqual(before[name], after[name]),
    ),
  );
}

/** A plain-object copy, since fast-check may build maps without a prototype. */
const plain = (map: AccountAttributeMap): AccountAttributeMap => ({ ...map });

describe('diffing attributes: properties', () => {
  it('applying diff(before, after) to { attributes: before } gives { attributes: after }', () => {
    fc.assert(
      fc.property(editedPair, ([before, after]) => {
        const result = applyPatch({ attributes: before }, diffAttributes(before, after));
        assert.deepStrictEqual(result, { attributes: plain(after) });
      }),
      { numRuns: 1000 },
    );
  });

  it('diff(x, x) and diff(x, copy of x) are empty', () => {
    fc.assert(
      fc.property(attributeMap, (map) => {
        assert.deepStrictEqual(diffAttributes(map, map), []);
        assert.deepStrictEqual(diffAttributes(map, structuredClone(plain(map))), []);
      }),
    );
  });

  it('uses one add, replace or remove on /attributes/<escaped name> per changed name, and nothing else', () => {
    fc.assert(
      fc.property(editedPair, ([before, after]) => {
        const patch = diffAttributes(before, after);
        const changed = changedNames(before, after);
        assert.equal(patch.length, changed.size);
        const named = patch.map((operation) => {
          const tokens = parsePointer(operation.path);
          assert.equal(tokens.length, 2, operation.path);
          assert.equal(tokens[0], 'attributes');
          const name = tokens[1];
          const expectedOp = !has(before, name) ? 'add' : !has(after, name) ? 'remove' : 'replace';
          assert.equal(operation.op, expectedOp, operation.path);
          if (operation.op !== 'remove') assert.ok('value' in operation && isDeepStrictEqual(operation.value, after[name]));
          return name;
        });
        assert.deepStrictEqual(new Set(named), changed);
      }),
      { numRuns: 500 },
    );
  });

  it('orders operations removes, replaces, adds, each by name in code-unit order', () => {
    const rank = { remove: 0, replace: 1, add: 2 } as const;
    let ordered = 0; // runs with two operations or more: the only ones the loop below checks
    fc.assert(
      fc.property(editedPair, ([before, after]) => {
        const keys = diffAttributes(before, after).map((operation) => {
          assert.ok(operation.op === 'remove' || operation.op === 'replace' || operation.op === 'add');
          return [rank[operation.op], parsePointer(operation.path)[1]] as const;
        });
        if (keys.length >= 2) ordered++;
        for (let i = 1; i < keys.length; i++) {
          const [previousRank, previousName] = keys[i - 1];
          const [currentRank, currentName] = keys[i];
          assert.ok(previousRank < currentRank || (previousRank === currentRank && previousName < currentName));
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(ordered >= 50, `only ${ordered} of 300 runs had two operations or more to order`);
  });
});
