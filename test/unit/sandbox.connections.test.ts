// Connection-level faults: a closed port (ECONNREFUSED: the sandbox stops listening, or a URL
// where nothing listens) and https with a self-signed certificate that a client which does not
// trust it refuses with a TLS error, while one that trusts it is served.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import { closedPortUrl, startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { call, fetchToken, waitFor } from './support/sandbox-http';

const TLS_DIR = path.join(__dirname, '..', 'fixtures', 'sandbox-tls');

/** The code of a fetch failure's cause (undici wraps it: TypeError "fetch failed"). */
async function failureCode(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? String(error);
  }
  assert.fail('the request succeeded');
}

describe('sandbox: refused connections', () => {
  let sandbox: SandboxHandle;
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 20, identities: 10, rateLimit: false, taskDurationMs: 10 });
    token = await fetchToken(sandbox);
  });
  after(() => sandbox.close());

  it('refuseConnections closes the port and cuts open connections (ECONNREFUSED); acceptConnections opens it again', async () => {
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200, 'a kept-alive connection is open now');
    sandbox.faults.next({ path: '/v3/sources', fate: 'hang' });
    const hung = call(sandbox, token, '/v3/sources');
    await waitFor(() => sandbox.stats().byStatus.hung === 1, 2000, 'the request to hang');
    let timer: NodeJS.Timeout | undefined;
    const cutOff = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('refuseConnections waits for the hung connection instead of cutting it')), 2000);
    });
    await Promise.race([sandbox.refuseConnections(), cutOff]).finally(() => clearTimeout(timer));
    await assert.rejects(hung, 'the hung request was not cut');
    const account = sandbox.tenant.accountsOfSource(sandbox.tenant.largeSource().id)[0];
    const requestsBefore = sandbox.stats().requests;
    assert.equal(await failureCode(call(sandbox, token, `/v3/accounts/${account.id}/disable`, { method: 'POST', json: {} })), 'ECONNREFUSED');
    assert.equal(sandbox.stats().requests, requestsBefore, 'the request reached the server');
    assert.equal(sandbox.ledger.count({ accountId: account.id }), 0);
    await sandbox.acceptConnections();
    assert.equal((await call(sandbox, token, '/v3/sources')).status, 200, 'same URL, same tokens');
  });

  it('can start refusing, and offers a URL where nothing listens', async () => {
    const refusing = await startSandbox({ largeSourceAccounts: 5, identities: 5, refuseConnections: true });
    try {
      assert.equal(await failureCode(fetchToken(refusing)), 'ECONNREFUSED');
      await refusing.acceptConnections();
      assert.ok((await fetchToken(refusing)).length > 0);
    } finally {
      await refusing.close();
    }
    assert.equal(await failureCode(fetch(`${await closedPortUrl()}/oauth/token`, { method: 'POST' })), 'ECONNREFUSED');
  });
});

describe('sandbox: https with a self-signed certificate', () => {
  let sandbox: SandboxHandle;
  const cert = readFileSync(path.join(TLS_DIR, 'cert.pem'));

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 5, identities: 5, tls: { cert, key: readFileSync(path.join(TLS_DIR, 'key.pem')) } });
  });
  after(() => sandbox.close());

  it('is refused with a TLS error by a client that does not trust the certificate; nothing reaches the API', async () => {
    assert.match(sandbox.baseUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    const code = await failureCode(fetchToken(sandbox));
    assert.match(code, /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/, code);
    assert.equal(sandbox.stats().requests, 0);
  });

  it('serves a client that trusts it', async () => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }).toString();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sandbox.baseUrl}/oauth/token`, { method: 'POST', ca: cert, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 200);
    assert.equal(sandbox.stats().tokensIssued, 1);
  });
});
