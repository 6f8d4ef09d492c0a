// Searching as you type, with a fake clock and searches whose answers the test releases: the
// keystrokes within the pause send nothing, a keystroke aborts the search in flight, and a slow
// answer to older text never replaces the answer to newer text.
import * as assert from 'node:assert/strict';
import { TypedSearch, type Timers } from '../../src/ui/typed-search';

class FakeClock implements Timers {
  private now = 0;
  private pending = new Map<number, { at: number; run: () => void }>();
  private nextHandle = 1;

  set(run: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.now + ms, run });
    return handle;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [handle, timer] of [...this.pending]) {
      if (timer.at <= this.now) {
        this.pending.delete(handle);
        timer.run();
      }
    }
  }
}

interface Asked {
  text: string;
  signal: AbortSignal;
  answer(result: string): Promise<void>;
  refuse(error: Error): Promise<void>;
}

const DEBOUNCE = 300;

function harness() {
  const clock = new FakeClock();
  const asked: Asked[] = [];
  const shown: string[] = [];
  const failures: string[] = [];
  const busy: boolean[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const search = new TypedSearch<string>(
    // Like a server that ignores the abort: the answer still comes when the test releases it.
    (text, signal) =>
      new Promise((resolve, reject) => {
        asked.push({
          text,
          signal,
          answer: async (result) => {
            resolve(result);
            await settle();
          },
          refuse: async (error) => {
            reject(error);
            await settle();
          },
        });
      }),
    { busy: (on) => busy.push(on), show: (result) => shown.push(result), fail: (error) => failures.push(String(error)) },
    DEBOUNCE,
    clock,
  );
  return { clock, asked, shown, failures, busy, search, settle };
}

describe('Searching as you type', () => {
  it('sends nothing for the keystrokes within the pause, then one search for the last text', async () => {
    const { clock, asked, shown, search, settle } = harness();
    for (const text of ['a', 'an', 'ann']) {
      search.typed(text);
      clock.advance(DEBOUNCE - 1);
    }
    await settle();
    assert.deepEqual(asked.map((a) => a.text), [], 'nothing while typing');
    assert.equal(search.settled, false);
    clock.advance(1);
    assert.deepEqual(asked.map((a) => a.text), ['ann']);
    await asked[0].answer('ann: 3 accounts');
    assert.deepEqual(shown, ['ann: 3 accounts']);
    assert.equal(search.settled, true);
  });

  it('aborts the search in flight at the next keystroke, before the pause ends', () => {
    const { clock, asked, search } = harness();
    search.typed('an');
    clock.advance(DEBOUNCE);
    assert.equal(asked[0].signal.aborted, false);
    search.typed('ann');
    assert.equal(asked[0].signal.aborted, true, 'aborted at the keystroke');
    assert.equal(asked.length, 1, 'the next search waits for the pause');
  });

  it('never shows a slow answer to older text over the newer one', async () => {
    const { clock, asked, shown, busy, search } = harness();
    search.now('');
    search.typed('an');
    clock.advance(DEBOUNCE);
    search.typed('ann');
    clock.advance(DEBOUNCE);
    assert.deepEqual(asked.map((a) => a.text), ['', 'an', 'ann']);
    await asked[2].answer('for ann');
    await asked[1].answer('for an');
    await asked[0].answer('for nothing');
    assert.deepEqual(shown, ['for ann']);
    assert.equal(busy.at(-1), false);
  });

  it('shows nothing older while the newer search still runs', async () => {
    const { clock, asked, shown, search } = harness();
    search.typed('an');
    clock.advance(DEBOUNCE);
    search.typed('ann');
    await asked[0].answer('for an');
    assert.deepEqual(shown, [], 'the answer to "an" arrived while "ann" was typed');
    assert.equal(search.settled, false);
    clock.advance(DEBOUNCE);
    await asked[1].answer('for ann');
    assert.deepEqual(shown, ['for ann']);
  });

  it('shows the error of the latest search only, and nothing after stop', async () => {
    const { clock, asked, shown, failures, search } = harness();
    search.typed('x');
    clock.advance(DEBOUNCE);
    search.typed('xy');
    clock.advance(DEBOUNCE);
    await asked[0].refuse(new Error('aborted'));
    await asked[1].refuse(new Error('400 bad filter'));
    assert.deepEqual(failures, ['Error: 400 bad filter']);
    search.typed('xyz');
    search.stop();
    clock.advance(DEBOUNCE);
    assert.equal(asked.length, 2, 'a stopped search sends nothing');
    assert.deepEqual(shown, []);
  });
});
