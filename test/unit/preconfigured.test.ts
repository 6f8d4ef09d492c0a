// The environment hand-over `npm start` uses to open VS Code with the sandbox tenant connected.
import assert from 'node:assert/strict';
import {
  DEFAULT_PRECONFIGURED_LABEL,
  PreconfiguredTenantError,
  preconfiguredTenantFromEnv,
} from '../../src/tenants/preconfigured';

const complete = {
  ISC_ACCOUNTS_SANDBOX_URL: 'http://127.0.0.1:41234/',
  ISC_ACCOUNTS_SANDBOX_CLIENT_ID: 'sandbox-client',
  ISC_ACCOUNTS_SANDBOX_CLIENT_SECRET: 'sandbox-secret',
};

describe('a tenant preconfigured through the environment (npm start)', () => {
  it('is absent when the URL variable is not set, whatever else is', () => {
    assert.equal(preconfiguredTenantFromEnv({}), undefined);
    assert.equal(preconfiguredTenantFromEnv({ ISC_ACCOUNTS_SANDBOX_CLIENT_ID: 'x', ISC_ACCOUNTS_SANDBOX_URL: '  ' }), undefined);
  });

  it('reads a loopback sandbox with a default label and a canonical base URL', () => {
    assert.deepEqual(preconfiguredTenantFromEnv(complete), {
      label: DEFAULT_PRECONFIGURED_LABEL,
      baseUrl: 'http://127.0.0.1:41234',
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
    });
  });

  it('takes the label when one is given', () => {
    const tenant = preconfiguredTenantFromEnv({ ...complete, ISC_ACCOUNTS_SANDBOX_LABEL: 'Demo' });
    assert.equal(tenant?.label, 'Demo');
  });

  for (const url of ['http://localhost:7100', 'http://[::1]:7100', 'https://127.0.0.2:7100/base']) {
    it(`accepts the loopback URL ${url}`, () => {
      assert.ok(preconfiguredTenantFromEnv({ ...complete, ISC_ACCOUNTS_SANDBOX_URL: url }));
    });
  }

  for (const url of ['https://acme.api.identitynow.com', 'http://10.0.0.5:7100', 'http://127.0.0.1.example.com']) {
    it(`refuses ${url}, which is not this machine, and says why`, () => {
      assert.throws(
        () => preconfiguredTenantFromEnv({ ...complete, ISC_ACCOUNTS_SANDBOX_URL: url }),
        (error: unknown) =>
          error instanceof PreconfiguredTenantError &&
          /only this machine/.test(error.message) &&
          /ISC_ACCOUNTS_SANDBOX_URL/.test(error.message),
      );
    });
  }

  it('refuses a URL that is not one, or carries credentials', () => {
    for (const url of ['127.0.0.1:7100', 'ftp://127.0.0.1', 'http://user:pw@127.0.0.1:7100', 'http://127.0.0.1:7100/?a=1']) {
      assert.throws(() => preconfiguredTenantFromEnv({ ...complete, ISC_ACCOUNTS_SANDBOX_URL: url }), PreconfiguredTenantError, url);
    }
  });

  it('names the missing variable when the client id or secret is not set', () => {
    assert.throws(
      () => preconfiguredTenantFromEnv({ ...complete, ISC_ACCOUNTS_SANDBOX_CLIENT_SECRET: '' }),
      /ISC_ACCOUNTS_SANDBOX_CLIENT_SECRET is not set/,
    );
    assert.throws(
      () => preconfiguredTenantFromEnv({ ISC_ACCOUNTS_SANDBOX_URL: complete.ISC_ACCOUNTS_SANDBOX_URL }),
      /ISC_ACCOUNTS_SANDBOX_CLIENT_ID is not set/,
    );
  });
});
