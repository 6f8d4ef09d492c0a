// The bulk editor's webview messages are input: the guard rebuilds a well-formed edit from
// known members, and refuses anything else with a reason that names what is wrong.
import * as assert from 'node:assert/strict';
import { guardBulkMessage } from '../../src/editor/bulk-message-guard';

function refusal(message: unknown): { reason: string; planRequest: boolean } {
  const result = guardBulkMessage(message);
  assert.equal(result.ok, false, `taken: ${JSON.stringify(message)}`);
  return result.ok ? { reason: '', planRequest: false } : { reason: result.reason, planRequest: result.planRequest };
}

const plan = (edit: unknown) => ({ type: 'plan', edit });

describe('Bulk editor: messages from the webview are checked before use', () => {
  describe('well-formed messages are taken', () => {
    it('takes every edit kind, rebuilt from its known members only', () => {
      const edits = [
        { kind: 'set', attribute: 'department', value: 'Finance' },
        { kind: 'set', attribute: 'groups', value: ['A', 'B'] },
        { kind: 'set', attribute: 'badge', value: null },
        { kind: 'set', attribute: 'level', value: 3 },
        { kind: 'set', attribute: 'active', value: false },
        { kind: 'remove', attribute: 'location' },
        { kind: 'add-item', attribute: 'groups', item: 'Project-Beta' },
        { kind: 'remove-item', attribute: 'groups', item: 'Project-Beta' },
      ];
      for (const edit of edits) {
        const result = guardBulkMessage(plan({ ...edit, extra: '<script>' }));
        assert.ok(result.ok, result.ok ? '' : result.reason);
        assert.deepEqual(result.message, { type: 'plan', edit });
      }
    });

    it('takes ready, cancel, open-report and apply with a plan id', () => {
      for (const type of ['ready', 'cancel', 'open-report']) assert.deepEqual(guardBulkMessage({ type, junk: 1 }), { ok: true, message: { type } });
      assert.deepEqual(guardBulkMessage({ type: 'apply', planId: 'p-1' }), { ok: true, message: { type: 'apply', planId: 'p-1' } });
    });
  });

  describe('a malformed plan request is refused, saying what is wrong, and answered as a plan error', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['no edit', undefined, /^edit is not an object$/],
      ['an edit that is a list', [], /^edit is not an object$/],
      ['an unknown kind', { kind: 'rename', attribute: 'a' }, /^edit\.kind is "rename", not one of set, remove, add-item, remove-item$/],
      ['a missing kind', { attribute: 'a', value: 'x' }, /^edit\.kind is undefined, not one of/],
      ['a number as attribute name', { kind: 'remove', attribute: 42 }, /^edit\.attribute is not a string$/],
      ['an empty attribute name', { kind: 'remove', attribute: '  ' }, /^edit\.attribute: the attribute name is empty$/],
      ['a set without a value', { kind: 'set', attribute: 'department' }, /^edit\.value is missing$/],
      ['a nested object as value', { kind: 'set', attribute: 'department', value: { a: 1 } }, /^edit\.value: The value of "department" is an object/],
      ['a list holding a number', { kind: 'set', attribute: 'groups', value: ['a', 1] }, /^edit\.value: The value of "groups" has item 2 of type number/],
      ['a non-string item', { kind: 'add-item', attribute: 'groups', item: 7 }, /^edit\.item is not a string$/],
      ['an empty item', { kind: 'remove-item', attribute: 'groups', item: '' }, /^edit\.item is empty$/],
      ['a huge item', { kind: 'add-item', attribute: 'groups', item: 'x'.repeat(1_000_001) }, /^edit\.item is longer than 1000000 characters$/],
    ];
    for (const [what, edit, reason] of cases) {
      it(`refuses ${what}`, () => {
        const refused = refusal(plan(edit));
        assert.match(refused.reason, reason);
        assert.equal(refused.planRequest, true, 'the webview is told why its plan request was refused');
      });
    }

    it('refuses a value JSON cannot carry', () => {
      assert.match(refusal(plan({ kind: 'set', attribute: 'n', value: Number.NaN })).reason, /^edit\.value is not JSON$/);
    });
  });

  describe('other malformed messages are refused for the log', () => {
    it('refuses a non-object, an unknown type, and apply without a string plan id', () => {
      assert.deepEqual(refusal('ready'), { reason: 'message is not an object', planRequest: false });
      assert.deepEqual(refusal({ type: 'eval', code: '1' }), { reason: 'unknown message type "eval"', planRequest: false });
      assert.deepEqual(refusal({ type: 'apply', planId: 3 }), { reason: 'planId is not a string', planRequest: false });
      assert.deepEqual(refusal({ type: 'apply' }), { reason: 'planId is not a string', planRequest: false });
    });
  });
});
