// The bulk runner behind "disable 120 selected accounts": bounded concurrency, one outcome per
// item in input order, and cancellation that starts nothing new and drops nothing.
import assert from 'node:assert/strict';
import { runBulk } from '../../src/core/bulk-run';
import { bulkReportMarkdown, changeResult, summarizeOutcomes } from '../../src/core/change-report';
import { IscError } from '../../src/isc/errors';
import { outcomeOfError } from '../../src/isc/change-outcome';

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Bulk runner: many account actions at once', () => {
  it('never has more than `concurrency` actions in flight, and runs them all', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const outcomes = await runBulk(
      items,
      async (item) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick(item % 3);
        inFlight--;
        return item * 2;
      },
      { concurrency: 5 },
    );
    assert.equal(peak, 5);
    assert.equal(outcomes.length, 40);
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'succeeded' ? o.result : -1)),
      items.map((i) => i * 2),
      'outcomes keep the input order',
    );
  });

  it('reports each failure with its own error and goes on with the rest', async () => {
    const outcomes = await runBulk(
      ['a', 'b', 'c', 'd'],
      async (item) => {
        if (item === 'b') throw new IscError({ kind: 'http', status: 404, message: 'gone', serverMessage: 'Account not found', trackingId: 't-1' });
        if (item === 'd') throw new Error('boom');
        return item;
      },
      { concurrency: 2 },
    );
    assert.deepEqual(outcomes.map((o) => o.status), ['succeeded', 'failed', 'succeeded', 'failed']);
  });

  it('on cancel starts nothing new: started ones are "stopped", the rest "not-attempted"', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const outcomes = await runBulk(
      Array.from({ length: 10 }, (_, i) => i),
      (item, signal) => {
        started.push(item);
        if (started.length === 3) controller.abort();
        return new Promise<number>((resolve, reject) => {
          if (signal.aborted) return reject(new Error('aborted'));
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          setTimeout(() => resolve(item), 50);
        });
      },
      { concurrency: 3, signal: controller.signal },
    );
    assert.equal(started.length, 3, 'no action starts after the cancel');
    assert.equal(outcomes.length, 10, 'nothing is dropped');
    assert.deepEqual(
      outcomes.map((o) => o.status),
      [...Array(3).fill('stopped'), ...Array(7).fill('not-attempted')],
    );
  });

  it('with a signal already aborted, attempts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const outcomes = await runBulk([1, 2, 3], async () => ++calls, { concurrency: 2, signal: controller.signal });
    assert.equal(calls, 0);
    assert.deepEqual(outcomes.map((o) => o.status), ['not-attempted', 'not-attempted', 'not-attempted']);
  });

  it('an action that gives its place back lets the next item start, and the run still waits for it', async () => {
    const started: number[] = [];
    let finish!: () => void;
    const waiting = new Promise<void>((resolve) => (finish = resolve));
    const running = runBulk(
      [1, 2, 3],
      async (n, _signal, release) => {
        started.push(n);
        release();
        if (n === 1) await waiting; // e.g. following its ISC task
        return n * 10;
      },
      { concurrency: 1 },
    );
    await tick();
    await tick();
    assert.deepEqual(started, [1, 2, 3], 'items 2 and 3 started while item 1 was still waiting');
    let done = false;
    void running.then(() => (done = true));
    await tick();
    assert.equal(done, false, 'the run waits for the released item');
    finish();
    const outcomes = await running;
    assert.deepEqual(outcomes.map((o) => (o.status === 'succeeded' ? o.result : o.status)), [10, 20, 30]);
  });

  it('a cancel still reaches an action that gave its place back', async () => {
    const controller = new AbortController();
    const running = runBulk(
      [1, 2],
      (n, signal, release) =>
        new Promise<number>((_resolve, reject) => {
          release();
          signal.addEventListener('abort', () => reject(new Error(`item ${n} stopped`)), { once: true });
        }),
      { concurrency: 1, signal: controller.signal },
    );
    await tick();
    controller.abort();
    const outcomes = await running;
    assert.deepEqual(outcomes.map((o) => o.status), ['stopped', 'stopped']);
  });

  it('tells progress as each item settles, counting up to the total', async () => {
    const seen: Array<[number, number]> = [];
    await runBulk([1, 2, 3, 4], async (n) => n, { concurrency: 2, onSettled: (_o, settled, total) => seen.push([settled, total]) });
    assert.deepEqual(seen, [
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('treats a silly concurrency as 1 and an empty list as nothing to do', async () => {
    let inFlight = 0;
    let peak = 0;
    await runBulk([1, 2, 3], async () => {
      peak = Math.max(peak, ++inFlight);
      await tick();
      inFlight--;
    }, { concurrency: 0 });
    assert.equal(peak, 1);
    assert.deepEqual(await runBulk([], async () => 1, { concurrency: 4 }), []);
  });

  it('reports in the four sections of the outcome model; a 503 on a change is "may have been applied", never a failure', () => {
    const unavailable = new IscError({
      kind: 'http',
      status: 503,
      method: 'POST',
      message: 'ISC refused POST /v3/accounts/c/disable: "The service is temporarily unavailable" (503).',
      serverMessage: 'The service is temporarily unavailable',
      trackingId: 'trk-503',
      outcomeUnknown: true,
    });
    const refused = new IscError({ kind: 'http', status: 400, message: 'ISC refused POST /v3/accounts/b/disable: "Source is not reachable" (400).', serverMessage: 'Source is not reachable', trackingId: 'abc123' });
    const subject = (label: string) => ({ tenantId: 't', accountId: label, label });
    const results = [
      changeResult('disable', subject('ann.lee'), { outcome: 'applied', evidence: { kind: 'answer' } }),
      changeResult('disable', subject('bob.ray'), outcomeOfError(refused)),
      changeResult('disable', subject('cy.ng'), outcomeOfError(unavailable)),
      changeResult('disable', subject('di.ko'), { outcome: 'not-sent', reason: 'Cancelled before it was sent.', evidence: { kind: 'none', detail: 'cancelled' } }),
    ];
    assert.equal(summarizeOutcomes(results, 'disabled'), '1 disabled, 1 not disabled, 1 may have been disabled, 1 not sent');
    const text = bulkReportMarkdown(results, { title: 'Disable accounts', past: 'disabled', describe: (r) => r.label, at: new Date(0) });
    assert.match(text, /^# Disable accounts/);
    assert.match(text, /## May have been applied[^\n]*: 1\n\n- cy\.ng — ISC refused POST [^\n]*temporarily unavailable[^\n]*\(tracking id trk-503\)/);
    assert.match(text, /## Not applied: 1\n\n- bob\.ray — ISC refused POST [^\n]*"Source is not reachable" \(400\)\. \(tracking id abc123\)/);
    assert.match(text, /## Not sent: 1\n\n- di\.ko — Cancelled before it was sent\./);
    assert.match(text, /## Applied: 1\n\n- ann\.lee/);
    assert.doesNotMatch(text, /Failed/);
  });
});
