// The bulk runner behind "disable 120 selected accounts": bounded concurrency, one outcome per
// item in input order, and cancellation that starts nothing new and drops nothing.
import assert from 'node:assert/strict';
import { bulkReportMarkdown } from '../../src/commands/bulk-report';
import { runBulk, summarize, tally } from '../../src/commands/bulk-run';
import { IscError } from '../../src/isc/errors';

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
    assert.equal(summarize(outcomes, 'disabled'), '2 disabled, 2 failed');
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
    const t = tally(outcomes);
    assert.deepEqual(t, { succeeded: 0, failed: 0, stopped: 3, notAttempted: 7 });
    assert.equal(summarize(outcomes, 'enabled'), '0 enabled, 0 failed, 3 stopped when cancelled, 7 not attempted');
  });

  it('with a signal already aborted, attempts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const outcomes = await runBulk([1, 2, 3], async () => ++calls, { concurrency: 2, signal: controller.signal });
    assert.equal(calls, 0);
    assert.ok(outcomes.every((o) => o.status === 'not-attempted'));
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

  it('writes a report listing every account with the server message and tracking id of failures', async () => {
    const outcomes = await runBulk(
      [{ name: 'ann.lee' }, { name: 'bob.ray' }],
      async (item) => {
        if (item.name === 'bob.ray') throw new IscError({ kind: 'http', status: 400, message: 'x', serverMessage: 'Source is not reachable', trackingId: 'abc123' });
        return item;
      },
      { concurrency: 2 },
    );
    const text = bulkReportMarkdown(outcomes, { title: 'Disable accounts', donePastTense: 'disabled', describe: (i) => i.name, at: new Date(0) });
    assert.match(text, /^# Disable accounts/);
    assert.match(text, /\*\*1 disabled, 1 failed\*\* \(2 in all\)/);
    assert.match(text, /## Failed: 1\n\n- bob\.ray — Source is not reachable \(tracking id abc123\)/);
    assert.match(text, /## Succeeded: 1\n\n- ann\.lee/);
  });
});
