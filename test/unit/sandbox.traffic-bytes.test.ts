// The traffic log counts each answer's body bytes, so the bench can state bytes on the wire
// (SLIM against FULL, bytes ÷ bandwidth in its bounds) from what the sandbox really sent.
import * as assert from 'node:assert/strict';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { fetchToken, query } from './support/sandbox-http';

describe('sandbox: response bytes in the traffic log', () => {
  let sandbox: SandboxHandle;
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 300, realisticAccounts: true, rateLimit: false });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  async function bodyLength(path: string): Promise<number> {
    const response = await fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.arrayBuffer()).byteLength;
  }

  it('logs the body size of each answer and adds them up in stats()', async () => {
    const before = sandbox.stats().responseBytes;
    const mark = sandbox.requestLog().length;
    const sourceId = sandbox.tenant.largeSource().id;
    const full = await bodyLength(`/v3/accounts?${query({ filters: `sourceId eq "${sourceId}"`, limit: 250 })}`);
    const slim = await bodyLength(`/beta/accounts?${query({ filters: `sourceId eq "${sourceId}"`, limit: 250, detailLevel: 'SLIM' })}`);
    const missing = await bodyLength('/v3/accounts/no-such-account');
    const logged = sandbox.requestLog().slice(mark).map((entry) => entry.responseBytes);
    assert.deepEqual(logged, [full, slim, missing]);
    assert.ok(slim > 0 && slim < full / 4, `a SLIM page (${slim} B) is a fraction of a FULL one (${full} B)`);
    assert.equal(sandbox.stats().responseBytes - before, full + slim + missing);
  });
});
