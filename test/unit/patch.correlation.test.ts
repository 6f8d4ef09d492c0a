// Correlation edits (which identity owns an account) and the combined account PATCH / PUT bodies.
import assert from 'node:assert/strict';
import { accountPatch, diffCorrelation, putBody, type CorrelationState } from '../../src/patch';
import type { Account, JsonPatchOperation } from '../../src/isc/models';

const cases: Array<{ title: string; before: CorrelationState; after: CorrelationState; expected: JsonPatchOperation[] }> = [
  { title: 'no change', before: { identityId: 'id-1', manuallyCorrelated: false }, after: { identityId: 'id-1', manuallyCorrelated: false }, expected: [] },
  {
    title: 'first correlation uses replace (ISC has no add on /identityId)',
    before: { identityId: null },
    after: { identityId: 'id-2' },
    expected: [{ op: 'replace', path: '/identityId', value: 'id-2' }],
  },
  {
    title: 'reassignment replaces the identity',
    before: { identityId: 'id-1' },
    after: { identityId: 'id-2' },
    expected: [{ op: 'replace', path: '/identityId', value: 'id-2' }],
  },
  { title: 'uncorrelating removes the identity', before: { identityId: 'id-1' }, after: { identityId: null }, expected: [{ op: 'remove', path: '/identityId' }] },
  { title: 'an absent identity also uncorrelates', before: { identityId: 'id-1' }, after: {}, expected: [{ op: 'remove', path: '/identityId' }] },
  { title: 'an empty identity id also uncorrelates', before: { identityId: 'id-1' }, after: { identityId: '' }, expected: [{ op: 'remove', path: '/identityId' }] },
  { title: 'null, undefined and "" are the same "no identity"', before: { identityId: '' }, after: { identityId: null }, expected: [] },
  {
    title: 'the manual flag alone',
    before: { identityId: 'id-1', manuallyCorrelated: false },
    after: { identityId: 'id-1', manuallyCorrelated: true },
    expected: [{ op: 'replace', path: '/manuallyCorrelated', value: true }],
  },
  { title: 'an unstated flag is left alone', before: { manuallyCorrelated: true }, after: {}, expected: [] },
  {
    title: 'a flag stated on reassignment is sent even if unchanged, after the identity (ISC would set it to true)',
    before: { identityId: 'id-1', manuallyCorrelated: false },
    after: { identityId: 'id-2', manuallyCorrelated: false },
    expected: [
      { op: 'replace', path: '/identityId', value: 'id-2' },
      { op: 'replace', path: '/manuallyCorrelated', value: false },
    ],
  },
  {
    title: 'uncorrelate and clear the flag: identity first',
    before: { identityId: 'id-1', manuallyCorrelated: true },
    after: { identityId: null, manuallyCorrelated: false },
    expected: [
      { op: 'remove', path: '/identityId' },
      { op: 'replace', path: '/manuallyCorrelated', value: false },
    ],
  },
];

describe('diffing correlation', () => {
  for (const { title, before, after, expected } of cases) {
    it(title, () => assert.deepEqual(diffCorrelation(before, after), expected));
  }
});

function account(overrides: Partial<Account>): Account {
  return {
    sourceId: 'src-1', sourceName: 'HR file', attributes: { email: 'a@b' }, authoritative: false, disabled: false,
    locked: false, nativeIdentity: 'u1', systemAccount: false, uncorrelated: false, manuallyCorrelated: false,
    hasEntitlements: false, identityId: 'id-1', ...overrides,
  };
}

describe('building the account PATCH body', () => {
  it('puts attribute operations before correlation ones', () => {
    const before = account({});
    const after = account({ attributes: { email: 'c@d' }, identityId: 'id-2', manuallyCorrelated: true });
    assert.deepEqual(accountPatch(before, after), [
      { op: 'replace', path: '/attributes/email', value: 'c@d' },
      { op: 'replace', path: '/identityId', value: 'id-2' },
      { op: 'replace', path: '/manuallyCorrelated', value: true },
    ]);
  });

  it('reads missing or null attributes in the edited view as "not edited", never "remove all"', () => {
    const before = account({});
    assert.deepEqual(accountPatch(before, { identityId: 'id-1' }), []);
    assert.deepEqual(accountPatch(before, { identityId: 'id-1', attributes: null }), []);
    assert.deepEqual(accountPatch(before, { identityId: 'id-1', attributes: {} }), [{ op: 'remove', path: '/attributes/email' }]);
  });

  it('treats null attributes before the edit as none', () => {
    assert.deepEqual(accountPatch(account({ attributes: null }), account({ attributes: { a: '1' } })), [
      { op: 'add', path: '/attributes/a', value: '1' },
    ]);
  });
});

describe('building the "Replace all (PUT)" body', () => {
  it('states every attribute, as a copy the caller cannot change afterwards', () => {
    const after = { email: 'a@b', groups: ['x'] };
    const body = putBody(after);
    after.groups.push('y');
    assert.deepEqual(body, { attributes: { email: 'a@b', groups: ['x'] } });
  });
});
