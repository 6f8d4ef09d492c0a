// TLS failures are named for what they are: an untrusted (self-signed, unknown issuer),
// expired or wrong-host certificate, or a failed handshake, each with what to do about it.
// The handshake fails before the HTTP request is sent, so nothing is retried (it would not
// get better) and a change is never "may have been applied". Real https servers on
// loopback with the certificates of test/fixtures/tls.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { accountJson, startLoopbackServer, startTenant, type LoopbackServer } from '../../tools/testing/loopback-server';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'tls', name), 'utf8');
const key = fixture('server.key');
const testCa = fixture('ca.pem');
const certificates = {
  valid: fixture('valid.pem'),
  expired: fixture('expired.pem'),
  wrongHost: fixture('wrong-host.pem'),
  selfSigned: fixture('self-signed.pem'),
};

const base = { clientId: 'tls-client', clientSecret: 'tls-secret-31415926', retryBaseDelayMs: 1, retryMaxDelayMs: 5, maxRetries: 4, timeoutMs: 3_000 };

interface Case {
  name: string;
  cert: string;
  trustTestCa: boolean;
  code: string;
  says: RegExp;
}

const cases: Case[] = [
  { name: 'a self-signed certificate', cert: certificates.selfSigned, trustTestCa: true, code: 'DEPTH_ZERO_SELF_SIGNED_CERT', says: /not trusted.*NODE_EXTRA_CA_CERTS/ },
  { name: "an unknown issuer (a company proxy's CA)", cert: certificates.valid, trustTestCa: false, code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', says: /not trusted.*NODE_EXTRA_CA_CERTS/ },
  { name: 'an expired certificate', cert: certificates.expired, trustTestCa: true, code: 'CERT_HAS_EXPIRED', says: /has expired.*date and time/ },
  { name: 'a certificate for another host name', cert: certificates.wrongHost, trustTestCa: true, code: 'ERR_TLS_CERT_ALTNAME_INVALID', says: /another host name.*tenant URL/ },
];

function expectTls(method: string, path: string, code: string, says: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof IscError, String(error));
    assert.equal(error.kind, 'tls', error.message);
    assert.equal(error.outcomeUnknown, undefined, 'nothing was sent, so the outcome is known');
    assert.equal(error.method, method);
    assert.equal(error.path, path);
    assert.match(error.message, new RegExp(code));
    assert.match(error.message, says);
    assert.match(error.message, /nothing was sent/);
    return true;
  };
}

/** A tenant with a good certificate and a client (trusting the test CA) that already has a token. */
async function tenantWithToken(): Promise<{ server: LoopbackServer; client: IscClient }> {
  const server = await startTenant(() => ({ status: 202, json: { id: 'task-1', ...accountJson('a1') } }), { tls: { key, cert: certificates.valid } });
  const client = new IscClient({ baseUrl: server.url, ...base, extraCaCertificates: [testCa] });
  await client.verifyCredentials();
  return { server, client };
}

/** From now on the server presents `cert`; kept-alive connections are closed so the next request shakes hands again. */
async function switchCertificate(server: LoopbackServer, cert: string): Promise<void> {
  server.useCertificate(cert);
  server.dropConnections();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('client: TLS failures', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('the test certificates work when trusted (so the failures below are about the certificates)', async () => {
    server = await startTenant(() => ({ status: 200, json: accountJson('a1') }), { tls: { key, cert: certificates.valid } });
    const client = new IscClient({ baseUrl: server.url, ...base, extraCaCertificates: [testCa] });
    assert.equal((await client.getAccount('a1')).id, 'a1');
  });

  for (const { name, cert, trustTestCa, code, says } of cases) {
    it(`${name}: the token request fails with kind tls, once, naming the cause`, async () => {
      server = await startTenant(() => ({ status: 200, json: [] }), { tls: { key, cert } });
      const client = new IscClient({ baseUrl: server.url, ...base, extraCaCertificates: trustTestCa ? [testCa] : undefined });
      await assert.rejects(client.listAccounts(), expectTls('POST', '/oauth/token', code, says));
      assert.equal(server.connections(), 1, 'not retried: one connection attempt');
      assert.equal(server.requests.length, 0, 'no HTTP request reached the server');
    });
  }

  for (const { name, cert, code, says } of cases.filter((c) => c.trustTestCa)) {
    it(`${name}: a GET fails with kind tls and is not retried`, async () => {
      const tenant = await tenantWithToken();
      server = tenant.server;
      await switchCertificate(server, cert);
      const before = server.connections();
      await assert.rejects(tenant.client.getAccount('a1'), expectTls('GET', '/v3/accounts/a1', code, says));
      assert.equal(server.connections() - before, 1, 'one connection attempt, no retry');
      assert.equal(tenant.client.stats().retries, 0);
      assert.equal(server.apiRequests().length, 0);
    });

    it(`${name}: a POST fails with kind tls and a known outcome (nothing was sent)`, async () => {
      const tenant = await tenantWithToken();
      server = tenant.server;
      await switchCertificate(server, cert);
      const before = server.connections();
      await assert.rejects(tenant.client.disableAccount('a1'), expectTls('POST', '/v3/accounts/a1/disable', code, says));
      assert.equal(server.connections() - before, 1, 'one connection attempt, no retry');
      assert.equal(server.apiRequests().length, 0, 'the change never reached the server');
    });
  }

  it('a failed handshake (https to a plain-http port) is named as such and not retried', async () => {
    const plain = await startLoopbackServer(() => ({ status: 200, json: {} }));
    server = plain;
    const client = new IscClient({ baseUrl: plain.url.replace('http:', 'https:'), ...base });
    await assert.rejects(client.verifyCredentials(), expectTls('POST', '/oauth/token', 'EPROTO', /handshake .*failed.*https API URL/));
    assert.equal(plain.connections(), 1);
  });
});
