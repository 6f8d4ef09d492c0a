// Waiting for an ISC task: polled gently, progress reported, SUCCESS and WARNING resolve,
// ERROR, TERMINATED and TEMPERROR reject with the task's own messages.
import * as assert from 'node:assert/strict';
import { IscClient, type TaskStatus } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { startTenant, type LoopbackServer } from '../../tools/testing/loopback-server';

const base = { clientId: 'task-client', clientSecret: 'task-secret-27182818' };

function taskStatus(completionStatus: TaskStatus['completionStatus'], percent: number, messages: TaskStatus['messages'] = []): TaskStatus {
  return {
    id: 'task-1',
    type: 'QUARTZ',
    uniqueName: 'Cloud Account Disable',
    description: 'Disable account',
    parentName: null,
    launcher: 'support',
    created: '2025-01-01T00:00:00Z',
    modified: null,
    launched: null,
    completed: completionStatus ? '2025-01-01T00:00:05Z' : null,
    completionStatus,
    messages,
    returns: [],
    attributes: {},
    progress: null,
    percentComplete: percent,
  };
}

/** A task that runs for `runningPolls` polls, then ends with `final`. */
function taskTenant(runningPolls: number, final: TaskStatus): Promise<LoopbackServer> {
  let polls = 0;
  return startTenant(() => ({ status: 200, json: polls++ < runningPolls ? taskStatus(null, polls * 25) : final }));
}

describe('waitForTask: polls until the task ends', () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it('waits one interval before its first read: a task never ends the moment it is started', async () => {
    server = await taskTenant(0, taskStatus('SUCCESS', 100));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const started = Date.now();
    await client.getTaskStatus('task-1'); // the token and the connection, out of the timing
    const before = server.apiRequests().length;
    const waitStarted = Date.now();
    await client.waitForTask('task-1', { pollIntervalMs: 300 });
    assert.equal(server.apiRequests().length - before, 1, 'one read of a task that had ended');
    assert.ok(Date.now() - waitStarted >= 290, `the first read came after ${Date.now() - waitStarted} ms (started ${waitStarted - started} ms in)`);
  });

  it('resolves with the final status on SUCCESS, reporting progress on the way', async () => {
    server = await taskTenant(3, taskStatus('SUCCESS', 100));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const progress: number[] = [];
    const final = await client.waitForTask('task-1', { pollIntervalMs: 20, onProgress: (s) => progress.push(s.percentComplete) });
    assert.equal(final.completionStatus, 'SUCCESS');
    assert.deepEqual(progress, [25, 50, 75, 100]);
    assert.ok(server.apiRequests().every((r) => r.path === '/beta/task-status/task-1'));
  });

  it('resolves on WARNING', async () => {
    server = await taskTenant(0, taskStatus('WARNING', 100, [{ type: 'WARN', key: 'w', parameters: null, localizedText: { locale: 'en', message: 'slow' } }]));
    const client = new IscClient({ baseUrl: server.url, ...base });
    assert.equal((await client.waitForTask('task-1')).completionStatus, 'WARNING');
  });

  for (const status of ['ERROR', 'TERMINATED', 'TEMPERROR'] as const) {
    it(`rejects on ${status} with the task's error messages`, async () => {
      const messages: TaskStatus['messages'] = [
        { type: 'INFO', key: 'started', parameters: null, localizedText: { locale: 'en', message: 'Started' } },
        { type: 'ERROR', key: 'err', parameters: null, localizedText: { locale: 'en', message: 'Connector refused the change' } },
      ];
      server = await taskTenant(1, taskStatus(status, 100, messages));
      const client = new IscClient({ baseUrl: server.url, ...base });
      await assert.rejects(client.waitForTask('task-1', { pollIntervalMs: 10 }), (error: unknown) => {
        assert.ok(error instanceof IscError);
        assert.match(error.message, new RegExp(`^ISC task "Disable account" \\(task-1\\) ended with ${status}: "Connector refused the change"\\.`));
        assert.equal(error.taskStatus?.completionStatus, status);
        assert.equal(error.serverMessage, 'Connector refused the change');
        return true;
      });
    });
  }

  it('polls less often as time goes on', async () => {
    server = await taskTenant(8, taskStatus('SUCCESS', 100));
    const client = new IscClient({ baseUrl: server.url, ...base });
    await client.waitForTask('task-1', { pollIntervalMs: 20 });
    const times = server.apiRequests().map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 20 ms growing by a quarter each time: 20, 25, 31, 39, 49, 61, 76, 95 (a busy machine only adds).
    assert.ok(times[times.length - 1] - times[0] >= 380, `gaps: ${gaps.join(', ')}`);
    assert.ok(gaps[gaps.length - 1] >= 90, `the last wait grew to about 95 ms: ${gaps.join(', ')}`);
  });

  it('gives up with kind timeout after timeoutMs', async () => {
    server = await taskTenant(1_000, taskStatus('SUCCESS', 100));
    const client = new IscClient({ baseUrl: server.url, ...base });
    await assert.rejects(client.waitForTask('task-1', { pollIntervalMs: 20, timeoutMs: 150 }), (error: unknown) => {
      assert.ok(error instanceof IscError && error.kind === 'timeout');
      assert.match(error.message, /^ISC task task-1 did not finish within 0\.\d s/);
      return true;
    });
  });

  it('stops promptly when cancelled', async () => {
    server = await taskTenant(1_000, taskStatus('SUCCESS', 100));
    const client = new IscClient({ baseUrl: server.url, ...base });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await assert.rejects(client.waitForTask('task-1', { pollIntervalMs: 1_000, signal: controller.signal }), (error: unknown) => error instanceof IscError && error.kind === 'aborted');
    assert.ok(Date.now() - started < 300);
  });
});
