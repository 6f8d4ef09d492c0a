// The bench's critical-path bound: round trips × latency + bytes ÷ bandwidth.
import * as assert from 'node:assert/strict';
import { criticalPathBoundMs, transferMs } from '../../bench/lib/bounds';

describe('bench bounds: the critical path with bytes on the wire', () => {
  it('counts 50 Mbit/s as 6.25 MB a second', () => {
    assert.equal(transferMs(6_250_000, 50), 1000);
    assert.equal(transferMs(1_600_000, 50), 256);
  });

  it('adds nothing for bytes when the link has no bandwidth limit', () => {
    assert.equal(transferMs(10_000_000, 0), 0);
  });

  it('is one latency per round trip plus the transfer of every byte on the path', () => {
    assert.equal(criticalPathBoundMs(3, 625_000, 50, 50), 3 * 50 + 100);
    assert.equal(criticalPathBoundMs(2, 0, 50, 50), 100);
  });
});
