// Faults that hit after the change was taken on, for EVERY change operation: the change applies
// exactly once (ledger and tenant), and the answer is lost (socket destroyed), never comes
// (hang), or comes broken (2xx with an empty body, an HTML page, or JSON cut in half). The
// `normal` row is the control: the same requests, answered whole.
import * as assert from 'node:assert/strict';
import { AFTER_APPLY_FATES, startSandbox } from '../../src/sandbox';
import type { RequestFate, SandboxHandle } from '../../src/sandbox';
import { OPERATION_NAMES, changeOperations } from './support/sandbox-operations';
import type { ChangeOperation, OperationName } from './support/sandbox-operations';
import { fetchToken, waitFor } from './support/sandbox-http';

const TASK_MS = 20;
const HANG_GIVE_UP_MS = 250;

type Attempt = { answered: true; status: number; contentType: string; text: string } | { answered: false; error: Error };

async function attempt(sandbox: SandboxHandle, token: string, op: ChangeOperation): Promise<Attempt> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (op.json !== undefined) headers['Content-Type'] = op.contentType ?? 'application/json';
  try {
    const response = await fetch(`${sandbox.baseUrl}${op.path}`, {
      method: op.method,
      headers,
      body: op.json === undefined ? undefined : JSON.stringify(op.json),
      signal: AbortSignal.timeout(HANG_GIVE_UP_MS),
    });
    return { answered: true, status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  } catch (error) {
    return { answered: false, error: error as Error };
  }
}

function checkAnswer(fate: RequestFate, result: Attempt): void {
  if (fate === 'drop-after-apply' || fate === 'hang-after-apply') {
    assert.equal(result.answered, false, 'an answer came');
    const error = (result as { error: Error }).error;
    if (fate === 'hang-after-apply') assert.equal(error.name, 'TimeoutError', String(error));
    else assert.notEqual(error.name, 'TimeoutError', 'the socket should close at once, not time out');
    return;
  }
  assert.ok(result.answered, `no answer: ${!result.answered && result.error}`);
  assert.ok(result.status === 202 || result.status === 207, `status ${result.status}: ${result.text}`);
  if (fate === 'normal') {
    assert.doesNotThrow(() => JSON.parse(result.text), `a whole JSON body: ${result.text}`);
  } else if (fate === 'empty-body') {
    assert.equal(result.text, '');
  } else if (fate === 'html-body') {
    assert.match(result.contentType, /^text\/html/);
    assert.match(result.text, /^<!DOCTYPE html>/);
  } else {
    assert.match(result.contentType, /^application\/json/);
    assert.ok(result.text.length > 0, 'the body is empty, not cut off');
    assert.throws(() => JSON.parse(result.text), SyntaxError, `parses: ${result.text}`);
  }
}

const EXPECTED_ANSWER: Record<string, string | number | null> = { 'drop-after-apply': 'dropped', 'hang-after-apply': 'hung' };

for (const fate of ['normal', ...AFTER_APPLY_FATES] as const) {
  describe(`sandbox: ${fate === 'normal' ? 'no fault (control)' : fate} on every change operation`, () => {
    let sandbox: SandboxHandle;
    let token: string;
    let operations: Map<OperationName, ChangeOperation>;

    before(async () => {
      sandbox = await startSandbox({ largeSourceAccounts: 60, identities: 30, taskDurationMs: TASK_MS, rateLimit: false, seed: 5 });
      token = await fetchToken(sandbox);
      operations = changeOperations(sandbox);
    });
    after(() => sandbox.close());

    for (const name of OPERATION_NAMES) {
      it(`${name}: applied exactly once, ${fate === 'normal' ? 'answered whole' : 'the answer broken as asked'}`, async () => {
        const op = operations.get(name) as ChangeOperation;
        const mark = sandbox.ledger.mark();
        if (fate !== 'normal') sandbox.faults.next({ method: op.method, path: op.path, fate });
        assert.equal(op.changed(), false, 'changed before the request');
        checkAnswer(fate, await attempt(sandbox, token, op));
        assert.deepEqual(sandbox.faults.pending(), [], 'the rule was not used');

        await waitFor(() => op.changed(), 2000, `${name} to show in the tenant`);
        await waitFor(() => sandbox.ledger.count({ since: mark, state: 'pending' }) === 0, 2000, 'its tasks to end');
        const entries = sandbox.ledger.entries({ since: mark });
        assert.equal(entries.length, op.changes, 'ledger entries');
        const expectedAnswer = EXPECTED_ANSWER[fate] ?? (op.changes > 1 ? 207 : 202);
        entries.forEach((entry, i) => {
          assert.equal(entry.kind, op.kind);
          assert.equal(entry.state, 'applied');
          assert.equal(entry.method, op.method);
          assert.equal(entry.path, op.path);
          assert.deepEqual(entry.body, op.json);
          assert.equal(entry.answer, expectedAnswer);
          assert.equal(entry.fault, fate === 'normal' ? null : fate);
          assert.equal(entry.requestSeq, entries[0].requestSeq, 'one request');
          if (op.accountIds[i] !== null) assert.equal(entry.accountId, op.accountIds[i]);
          if (op.identityIds[i] !== null) assert.equal(entry.identityId, op.identityIds[i]);
        });
        assert.equal(sandbox.ledger.applied({ since: mark, kind: op.kind }).length, op.changes, 'applied exactly once');
      });
    }
  });
}
