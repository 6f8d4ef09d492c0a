// `npm run sandbox` flags: every fault knob has one, `--fault` reads a targeted rule, bad values
// are refused with a message, and --help lists every flag.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CLI_FLAGS, USAGE, UsageError, parseFaultRule, sandboxOptionsFromFlags } from '../../src/sandbox/cli-options';
import { DEFAULT_FAULTS } from '../../src/sandbox/http/faults';

const REPO = path.join(__dirname, '..', '..');

describe('sandbox: command-line flags', () => {
  it('--help lists every flag', () => {
    for (const flag of Object.keys(CLI_FLAGS)) assert.ok(USAGE.includes(`--${flag}`), `--${flag} is not in the help text`);
  });

  it('maps every fault knob to its option', () => {
    const options = sandboxOptionsFromFlags(
      {
        latency: '5', bandwidth: '50', 'task-ms': '900', 'fault-seed': '7', burst429: '3', 'revoke-tokens-after': '10', 'token-ttl': '2.5',
        'server-errors': '0.1', drop: '0.2', hang: '0.01', 'drop-after-apply': '0.3', 'hang-after-apply': '0.4',
        'empty-body': '0.5', 'html-body': '0.6', 'truncated-body': '0.7',
        fault: ['drop-after-apply DELETE /accounts/ 2', 'hang kind=remove-all *'],
      },
      REPO,
    );
    assert.deepEqual(options.faults, {
      latencyMs: 5, bandwidthMbitPerConnection: 50, taskDurationMs: 900, seed: 7, burst429: 3, revokeTokensAfter: 10, tokenTtlSeconds: 2.5,
      serverErrorRate: 0.1, dropConnectionRate: 0.2, hangRate: 0.01, dropAfterApplyRate: 0.3, hangAfterApplyRate: 0.4,
      emptyBodyRate: 0.5, htmlBodyRate: 0.6, truncatedBodyRate: 0.7,
    });
    const knobs = Object.keys(DEFAULT_FAULTS).sort();
    assert.deepEqual(Object.keys(options.faults ?? {}).sort(), knobs, 'a knob without a flag');
    assert.deepEqual(options.faultRules, [
      { fate: 'drop-after-apply', method: 'DELETE', path: '/accounts/', count: 2 },
      { fate: 'hang', kind: 'remove-all', count: Infinity },
    ]);
  });

  it('reads --tls as the test fixture, or the given files', () => {
    const fixture = sandboxOptionsFromFlags({ tls: true }, REPO).tls;
    assert.match(String(fixture?.cert), /BEGIN CERTIFICATE/);
    assert.match(String(fixture?.key), /BEGIN PRIVATE KEY/);
    assert.throws(() => sandboxOptionsFromFlags({ 'tls-cert': 'x.pem' }, REPO), /go together/);
    assert.equal(sandboxOptionsFromFlags({}, REPO).tls, undefined);
  });

  it('refuses bad values with a message', () => {
    assert.throws(() => parseFaultRule('explode DELETE'), (e: Error) => e instanceof UsageError && /not a fate/.test(e.message));
    assert.throws(() => parseFaultRule('hang delete'), /cannot read "delete"/);
    assert.throws(() => sandboxOptionsFromFlags({ drop: '1.5' }, REPO), /--drop takes a number from 0 to 1/);
    assert.throws(() => sandboxOptionsFromFlags({ 'task-ms': 'soon' }, REPO), /--task-ms takes a whole number/);
  });
});
