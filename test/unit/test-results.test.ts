// tools/test/results.ts reads mocha's own output: here that output comes from a real mocha run of
// a small spec with one passing, one pending and two failing tests, so a change in how the spec
// reporter prints is caught here and not on a red CI run that names no test.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../tools/paths';
import { judge, parseMochaSummary } from '../../tools/test/results';

// This text is a sample spec run by its own child mocha, never by this suite. Its it.skip is
// there on purpose: npm test must count and name a pending test (printSkippedLoudly), and this
// checks that it does.
const spec = `
const assert = require('node:assert/strict');
describe('Identities in the browser', () => {
  it('lists an identity', () => {});
  // Pending on purpose: the parser under test must report it as skipped, not passed.
  it.skip('a pending one', () => {});
  describe('Show Accounts of Identity', () => {
    it('from the palette: a tenant, then an identity', () => {
      throw new Error('the palette did not open within 5000 ms');
    });
  });
  it('compares rows', () => {
    assert.deepEqual({ rows: 2 }, { rows: 3 });
  });
});
`;

async function mochaOutput(): Promise<{ stdout: string; exitCode: number }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'isc-results-'));
  try {
    const file = path.join(folder, 'sample.spec.js');
    writeFileSync(file, spec);
    const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
    return await promisify(execFile)(process.execPath, [mocha, '--no-config', '--reporter', 'spec', file], { cwd: folder }).then(
      ({ stdout }) => ({ stdout, exitCode: 0 }),
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, exitCode: error.code }),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('npm test reads mocha’s output (tools/test/results.ts)', function () {
  this.timeout(30_000);
  let output: { stdout: string; exitCode: number };
  before(async () => {
    output = await mochaOutput();
  });

  it('counts passing, failing and pending, and names each failing test with its error', () => {
    const summary = parseMochaSummary(output.stdout);
    assert.ok(summary, output.stdout);
    assert.deepEqual(
      { passed: summary.passed, failed: summary.failed, skipped: summary.skipped, pendingTitles: summary.pendingTitles },
      { passed: 1, failed: 2, skipped: 1, pendingTitles: ['a pending one'] },
    );
    // Mocha runs a suite's own tests before its nested suites'.
    assert.deepEqual(summary.failures, [
      'Identities in the browser compares rows: AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:',
      'Identities in the browser Show Accounts of Identity from the palette: a tenant, then an identity: Error: the palette did not open within 5000 ms',
    ]);
  });

  it('judges the run failed, with the count in its note', () => {
    const outcome = judge({ name: 'e2e', kind: 'suite', script: 'test:e2e', timeoutMs: 1 }, { ...output, timedOut: false, seconds: 1 });
    assert.equal(output.exitCode, 2);
    assert.deepEqual({ ok: outcome.ok, note: outcome.note, failures: outcome.failures.length }, { ok: false, note: '2 failing', failures: 2 });
  });
});
