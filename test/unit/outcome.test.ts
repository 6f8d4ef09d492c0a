// Settling an ambiguous change (answer lost) by reading state back, never by blind resending.
import * as assert from 'node:assert/strict';
import { IscError } from '../../src/isc/errors';
import { applyExactlyOnce, settleAmbiguous, type ReadBack } from '../../src/isc/outcome';

const fast = { graceMs: 20, intervalMs: 5, timeoutMs: 200 };

function lostAnswer(): IscError {
  return new IscError({
    kind: 'network',
    message: 'The connection closed before ISC answered POST /v3/accounts/a1/disable.',
    method: 'POST',
    path: '/v3/accounts/a1/disable',
    outcomeUnknown: true,
  });
}

/** A fake server: `applied` flips when a send reaches it; `dropAnswer` loses the answer. */
function fakeChange(script: Array<'ok' | 'drop-after-apply' | 'drop-before-apply'>) {
  let applied = 0;
  let call = 0;
  return {
    get applied() {
      return applied;
    },
    get sends() {
      return call;
    },
    send: async (): Promise<string> => {
      const step = script[call++] ?? 'ok';
      if (step !== 'drop-before-apply') applied++;
      if (step === 'ok') return 'task-1';
      throw lostAnswer();
    },
    read: async (): Promise<ReadBack> => (applied > 0 ? 'applied' : 'not-applied'),
  };
}

describe('settling an ambiguous change by reading state back', () => {
  it('sends once when the answer arrives', async () => {
    const change = fakeChange(['ok']);
    const result = await applyExactlyOnce(change.send, change.read, fast);
    assert.deepEqual(result, { answer: 'task-1', sends: 1, settledByReadBack: false });
    assert.equal(change.applied, 1);
  });

  it('does not resend when the change was applied but its answer was lost', async () => {
    const change = fakeChange(['drop-after-apply']);
    const result = await applyExactlyOnce(change.send, change.read, fast);
    assert.equal(result.settledByReadBack, true);
    assert.equal(change.sends, 1);
    assert.equal(change.applied, 1);
  });

  it('resends only after reading back showed the change did not happen', async () => {
    const change = fakeChange(['drop-before-apply', 'ok']);
    const result = await applyExactlyOnce(change.send, change.read, fast);
    assert.equal(result.sends, 2);
    assert.equal(change.applied, 1);
  });

  it('gives up with a definite error when every send is lost before applying', async () => {
    const change = fakeChange(['drop-before-apply', 'drop-before-apply']);
    await assert.rejects(applyExactlyOnce(change.send, change.read, { ...fast, maxSends: 2 }), (error: IscError) => {
      assert.equal(error.outcomeUnknown, false);
      assert.match(error.message, /still not applied after 2 attempts/);
      return true;
    });
    assert.equal(change.applied, 0);
  });

  it('passes a definite failure (not outcome-unknown) through untouched, without reading', async () => {
    let reads = 0;
    const refused = new IscError({ kind: 'http', status: 400, message: 'ISC refused it.' });
    await assert.rejects(
      applyExactlyOnce(
        async () => Promise.reject(refused),
        async () => {
          reads++;
          return 'applied';
        },
        fast,
      ),
      (error) => error === refused,
    );
    assert.equal(reads, 0);
  });

  it('waits out a running task instead of believing an early "not applied"', async () => {
    // The change lands on the third read, after the first two said 'pending' and 'not-applied'.
    const answers: ReadBack[] = ['pending', 'not-applied', 'applied'];
    const settled = await settleAmbiguous(async () => answers.shift() ?? 'applied', { ...fast, graceMs: 50 });
    assert.equal(settled, 'applied');
  });

  it('reports unknown, never a guess, when reading back keeps failing', async () => {
    const change = fakeChange(['drop-after-apply']);
    const failingRead = async (): Promise<ReadBack> => {
      throw new IscError({ kind: 'network', message: 'connection refused' });
    };
    await assert.rejects(applyExactlyOnce(change.send, failingRead, fast), (error: IscError) => {
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.message, /could not tell/);
      return true;
    });
    assert.equal(change.sends, 1, 'never resent while the outcome is unknown');
  });

  it('stops reading when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by test')), 20);
    await assert.rejects(
      settleAmbiguous(async () => 'pending', { ...fast, timeoutMs: 10_000, signal: controller.signal }),
      /cancelled by test/,
    );
  });
});
