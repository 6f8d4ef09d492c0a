// The outcome model: a change ends applied, not applied or unknown, each with its evidence; an
// unknown one is settled only by evidence and never sent again.
import * as assert from 'node:assert/strict';
import type { IscApi } from '../../src/isc/api';
import { runChange, type ChangeRequest } from '../../src/isc/change';
import { IscError } from '../../src/isc/errors';
import { toggleIdnAccounts } from '../../src/isc/idn-bulk';
import type { Account, TaskStatus } from '../../src/isc/models';
import { outcomeOfError } from '../../src/isc/change-outcome';
import { patchProof, putProof, toggleProof } from '../../src/isc/proofs';
import type { ProofPlan } from '../../src/isc/read-back';

const window = { windowMs: 200, firstIntervalMs: 10, maxIntervalMs: 20 };

function lost(method = 'POST'): IscError {
  return new IscError({ kind: 'network', message: `The connection closed before ISC answered ${method} /v3/accounts/a1/disable.`, method, outcomeUnknown: true });
}

function task(completionStatus: TaskStatus['completionStatus'], extra: Partial<TaskStatus> = {}): TaskStatus {
  return { id: 't1', completionStatus, messages: [], percentComplete: 100, ...extra } as TaskStatus;
}

function change(overrides: Partial<ChangeRequest<{ id?: string }>>): ChangeRequest<{ id?: string }> & { sends: () => number } {
  let sends = 0;
  const send = overrides.send ?? (async () => ({}));
  return {
    window,
    taskIdOf: (answer) => answer.id,
    ...overrides,
    send: async (signal) => {
      sends++;
      return send(signal);
    },
    sends: () => sends,
  };
}

function proofAfter(reads: number): ProofPlan & { reads: () => number } {
  let count = 0;
  return { what: 'the account', read: async () => (++count >= reads ? 'applied' : 'not-yet'), reads: () => count };
}

const account = (fields: Partial<Account>): Account => ({ id: 'a1', disabled: false, locked: false, attributes: {}, ...fields }) as Account;

describe('outcome model: every change ends applied, not applied or unknown', () => {
  it('an answer without a task is applied, on the evidence of the answer', async () => {
    const run = await runChange(change({}));
    assert.deepEqual(run.outcome, { outcome: 'applied', evidence: { kind: 'answer' } });
  });

  it('a task that ends SUCCESS is applied; WARNING without messages is applied with no warnings, not an error', async () => {
    const ok = await runChange(change({ send: async () => ({ id: 't1' }), waitForTask: async () => task('SUCCESS') }));
    assert.equal(ok.outcome.outcome, 'applied');
    assert.deepEqual(ok.outcome.evidence, { kind: 'task', taskId: 't1', completionStatus: 'SUCCESS' });
    const warned = await runChange(change({ send: async () => ({ id: 't1' }), waitForTask: async () => ({ ...task('WARNING'), messages: undefined }) as unknown as TaskStatus }));
    assert.equal(warned.outcome.outcome, 'applied');
    assert.deepEqual(warned.outcome.warnings, ['task t1 ended with WARNING and no message']);
  });

  it('a task that ends ERROR is not applied, with the task’s messages', async () => {
    const failed = task('ERROR', { messages: [{ type: 'ERROR', key: 'x', localizedText: { message: 'Source is offline' }, parameters: null }] as TaskStatus['messages'] });
    const run = await runChange(change({ send: async () => ({ id: 't1' }), waitForTask: async () => Promise.reject(new IscError({ kind: 'http', message: 'task failed', taskStatus: failed })) }));
    assert.equal(run.outcome.outcome, 'not-applied');
    assert.match(run.outcome.reason!, /ERROR: Source is offline/);
  });

  it('a refusal is not applied with ISC’s reason and tracking id, and nothing is read back', async () => {
    const proof = proofAfter(1);
    const refused = new IscError({ kind: 'http', status: 400, message: 'ISC refused it.', serverMessage: 'Bad attribute', trackingId: 'trk-1' });
    const run = await runChange(change({ send: async () => Promise.reject(refused), prepare: async () => proof }));
    assert.deepEqual({ ...run.outcome }, { outcome: 'not-applied', reason: 'ISC refused it.', trackingId: 'trk-1', evidence: { kind: 'answer', status: 400 } });
    assert.equal(proof.reads(), 0);
  });

  it('a lost answer is settled by a read-back that proves the change, and the change is sent once', async () => {
    const proof = proofAfter(3);
    const request = change({ send: async () => Promise.reject(lost()), prepare: async () => proof });
    const run = await runChange(request);
    assert.equal(run.outcome.outcome, 'applied');
    assert.equal(run.outcome.evidence.kind, 'read-back');
    assert.equal(request.sends(), 1);
  });

  it('reads that keep saying "not yet" never prove "not applied": after the window it stays unknown, never re-sent', async () => {
    const proof = proofAfter(Number.POSITIVE_INFINITY);
    const request = change({ send: async () => Promise.reject(lost()), prepare: async () => proof });
    const run = await runChange(request);
    assert.equal(run.outcome.outcome, 'unknown');
    assert.match(run.outcome.reason!, /did not show the change yet; it may still be applied/);
    assert.equal(request.sends(), 1, 'never re-sent');
    assert.ok(proof.reads() >= 3, `read back with pauses (${proof.reads()} reads)`);
    assert.ok(run.recheck, 'it can be checked again');
  });

  it('what reading back cannot prove stays unknown without reading, and says why', async () => {
    const run = await runChange(change({ send: async () => Promise.reject(lost()), prepare: async () => ({ unprovable: 'Reading back cannot prove a reload.' }) }));
    assert.equal(run.outcome.outcome, 'unknown');
    assert.match(run.outcome.reason!, /cannot prove a reload/);
  });

  it('Cancel while reading back ends at once; the outcome stays unknown', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const run = await runChange(change({ send: async () => Promise.reject(lost()), prepare: async () => proofAfter(Number.POSITIVE_INFINITY), window: { windowMs: 60_000 }, signal: controller.signal }));
    assert.ok(Date.now() - started < 2_000);
    assert.equal(run.outcome.outcome, 'unknown');
    assert.match(run.outcome.reason!, /stopped checking/);
  });

  it('Cancel while following a task: unknown, and the task keeps running', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runChange(change({ send: async () => ({ id: 't9' }), waitForTask: async () => Promise.reject(new IscError({ kind: 'aborted', message: 'Cancelled.' })), signal: controller.signal }));
    assert.equal(run.outcome.outcome, 'not-sent', 'cancelled before sending: nothing was sent');
    const following = new AbortController();
    const run2 = await runChange(
      change({ send: async () => ({ id: 't9' }), waitForTask: async () => (following.abort(), Promise.reject(new IscError({ kind: 'aborted', message: 'Cancelled.' }))), signal: following.signal }),
    );
    assert.equal(run2.outcome.outcome, 'unknown');
    assert.match(run2.outcome.reason!, /keeps running in ISC/);
  });

  it('an error that says the change may have reached ISC is unknown; one that says it did not is not applied', () => {
    assert.equal(outcomeOfError(lost()).outcome, 'unknown');
    assert.equal(outcomeOfError(new IscError({ kind: 'network', message: 'refused', method: 'POST' })).outcome, 'not-applied');
  });

  it('an error that is not the client’s says nothing of how far the change got: unknown, never "not applied"', () => {
    const outcome = outcomeOfError(new TypeError("Cannot read properties of undefined (reading 'id')"));
    assert.equal(outcome.outcome, 'unknown');
    assert.match(outcome.reason ?? '', /may have been applied/);
  });
});

describe('outcome model: what a read-back can prove', () => {
  const client = {} as IscApi;

  it('enable, disable, unlock: only a change from the other state; never a forced one or one already in place', () => {
    assert.ok('read' in toggleProof(client, 'disable', 'a1', account({ disabled: false }), false));
    assert.match((toggleProof(client, 'enable', 'a1', account({ disabled: false }), false) as { unprovable: string }).unprovable, /already enabled/);
    assert.match((toggleProof(client, 'enable', 'a1', account({ disabled: true }), true) as { unprovable: string }).unprovable, /forced enable/);
    assert.match((toggleProof(client, 'unlock', 'a1', account({ locked: false }), false) as { unprovable: string }).unprovable, /already unlocked/);
  });

  it('PATCH and PUT: only values that differ from before count; a change to nothing new cannot be proven', async () => {
    const before = account({ attributes: { title: 'Clerk', city: 'Oslo' }, manuallyCorrelated: false });
    assert.ok('unprovable' in patchProof(client, 'a1', before, [{ op: 'replace', path: '/attributes/title', value: 'Clerk' }]));
    const reads: Account[] = [before, account({ attributes: { title: 'Chief', city: 'Oslo' } })];
    const reading = { getAccount: async () => reads.shift()! } as unknown as IscApi;
    const plan = patchProof(reading, 'a1', before, [{ op: 'replace', path: '/attributes/title', value: 'Chief' }]);
    assert.ok('read' in plan);
    assert.equal(await plan.read(), 'not-yet');
    assert.equal(await plan.read(), 'applied');
    const put = putProof(reading, 'a1', before, { title: 'Clerk' });
    assert.ok('read' in put, 'removing city is a change a read can show');
  });
});

describe('outcome model: bulk IDN accounts in chunks', () => {
  it('keeps the answers of applied chunks; the failing chunk is unknown; later chunks are not sent', async () => {
    const calls: string[][] = [];
    const client = {
      enableIdnAccountsForIdentities: async (ids: string[]) => {
        calls.push(ids);
        if (calls.length === 2) throw new IscError({ kind: 'http', status: 503, message: 'unavailable', method: 'POST', outcomeUnknown: true });
        return ids.map((id) => (id === 'i1' ? { id, statusCode: 404, message: 'not found' } : { id, statusCode: 202 }));
      },
    } as unknown as IscApi;
    const ids = Array.from({ length: 7 }, (_, i) => `i${i}`);
    const outcomes = await toggleIdnAccounts(client, 'enable', ids, undefined, 3);
    assert.deepEqual(
      ids.map((id) => outcomes.get(id)?.outcome),
      ['applied', 'not-applied', 'applied', 'unknown', 'unknown', 'unknown', 'not-sent'],
    );
    assert.equal(calls.length, 2, 'nothing sent after the failing chunk');
  });
});
