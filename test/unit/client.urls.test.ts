// Where the client may send requests: the tenant's base URL in one canonical form, https
// except on loopback, ids kept inside their path segment, and nothing to another origin.
import * as assert from 'node:assert/strict';
import { IscClient, tenantBaseUrl } from '../../src/isc';
import { isLoopbackHost, normalizeBaseUrl } from '../../src/isc/base-url';
import { IscError } from '../../src/isc/errors';
import { HttpTransport } from '../../src/isc/http';
import { startTenant, type LoopbackServer } from '../../tools/testing/loopback-server';

const isInvalidRequest = (pattern: RegExp) => (error: unknown): boolean =>
  error instanceof IscError && error.kind === 'invalid-request' && pattern.test(error.message);

describe('base URL: normalised and checked', () => {
  it('drops trailing slashes and a pasted /v3, /beta or /v2024', () => {
    assert.equal(normalizeBaseUrl('https://acme.api.identitynow.com/'), 'https://acme.api.identitynow.com');
    assert.equal(normalizeBaseUrl('https://acme.api.identitynow.com/v3/'), 'https://acme.api.identitynow.com');
    assert.equal(normalizeBaseUrl(' https://acme.api.identitynow.com/beta '), 'https://acme.api.identitynow.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:7100/v2024'), 'http://127.0.0.1:7100');
    assert.equal(new IscClient({ baseUrl: 'https://ACME.api.identitynow.com/v3//', clientId: 'i', clientSecret: 's' }).baseUrl, 'https://acme.api.identitynow.com');
  });

  it('refuses plain http except to loopback', () => {
    for (const url of ['http://acme.api.identitynow.com', 'http://10.0.0.5', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io']) {
      assert.throws(() => normalizeBaseUrl(url), isInvalidRequest(/plain http/), url);
    }
    for (const url of ['http://127.0.0.1:1', 'http://127.8.9.10', 'http://localhost:7100', 'http://[::1]:7100']) {
      assert.doesNotThrow(() => normalizeBaseUrl(url), url);
    }
  });

  it('refuses credentials, queries and non-http schemes', () => {
    assert.throws(() => normalizeBaseUrl('https://user:pw@acme.api.identitynow.com'), isInvalidRequest(/user name or password/));
    assert.throws(() => normalizeBaseUrl('https://acme.api.identitynow.com?x=1'), isInvalidRequest(/query/));
    assert.throws(() => normalizeBaseUrl('ftp://acme.api.identitynow.com'), isInvalidRequest(/not an http/));
    assert.throws(() => normalizeBaseUrl('acme'), isInvalidRequest(/not an http/));
  });

  it('knows loopback hosts', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('127.255.0.1') && isLoopbackHost('[::1]') && isLoopbackHost('LOCALHOST'));
    assert.ok(!isLoopbackHost('128.0.0.1') && !isLoopbackHost('127.0.0.300') && !isLoopbackHost('localhost.example.com'));
  });
});

describe('tenantBaseUrl: what a person types for a tenant', () => {
  const accepted: Array<[string, string]> = [
    ['acme', 'https://acme.api.identitynow.com'],
    ['Acme-Corp', 'https://acme-corp.api.identitynow.com'],
    ['acme.api.identitynow.com', 'https://acme.api.identitynow.com'],
    ['https://acme.api.identitynow.com', 'https://acme.api.identitynow.com'],
    ['https://acme.api.identitynow.com/v3/', 'https://acme.api.identitynow.com'],
    ['acme.api.identitynow.com/beta', 'https://acme.api.identitynow.com'],
    ['http://127.0.0.1:7100', 'http://127.0.0.1:7100'],
    ['http://localhost:7100/v3', 'http://localhost:7100'],
  ];
  for (const [input, expected] of accepted) {
    it(`accepts ${input}`, () => assert.equal(tenantBaseUrl(input), expected));
  }
  for (const input of ['', 'acme corp', 'https://example.com', 'http://acme.api.identitynow.com', 'acme.identitynow.com', 'https://evil.com/acme.api.identitynow.com', 'https://acme.api.identitynow.com/ui/accounts']) {
    it(`refuses "${input}" with a clear error`, () => {
      assert.throws(() => tenantBaseUrl(input), isInvalidRequest(/tenant name \(acme\)|plain http/));
    });
  }
});

describe('transport: the token only goes to the tenant origin', () => {
  let tenant: LoopbackServer;
  let foreign: LoopbackServer;
  beforeEach(async () => {
    tenant = await startTenant(() => ({ status: 200, json: [] }));
    foreign = await startTenant(() => ({ status: 200, json: [] }));
  });
  afterEach(async () => {
    await tenant.close();
    await foreign.close();
  });

  it('refuses an absolute URL on another origin before connecting', async () => {
    const transport = new HttpTransport(tenant.url);
    for (const target of [`${foreign.url}/v3/accounts`, `http://localhost:${tenant.port}/v3/accounts`, `https://127.0.0.1:${tenant.port}/x`]) {
      await assert.rejects(
        transport.send({ method: 'GET', target, headers: { Authorization: 'Bearer t' }, timeoutMs: 1000 }),
        isInvalidRequest(/only goes to the tenant/),
        target,
      );
    }
    assert.equal(foreign.requests.length + tenant.requests.length, 0);
    const ok = await transport.send({ method: 'GET', target: `${tenant.url}/v3/accounts`, timeoutMs: 1000 });
    assert.equal(ok.status, 200);
    transport.dispose();
  });

  it('keeps hostile ids inside their path segment', async () => {
    const client = new IscClient({ baseUrl: tenant.url, clientId: 'i', clientSecret: 'secret-x', maxRetries: 0 });
    const ids = [`${foreign.url}/x`, `//127.0.0.1:${foreign.port}/x`, '../../oauth/token', 'a?b=c#d', 'a b/c', '%2e%2e'];
    for (const id of ids) await client.getAccount(id).catch(() => undefined);
    const paths = tenant.apiRequests().map((r) => r.url);
    assert.equal(paths.length, ids.length);
    for (const [i, url] of paths.entries()) assert.equal(url, `/v3/accounts/${encodeURIComponent(ids[i])}`);
    for (const id of ['.', '..', '']) await assert.rejects(client.getAccount(id), isInvalidRequest(/id/));
    assert.equal(foreign.requests.length, 0);
  });
});
