// Secrets stay secret: after a workload with failing calls, nothing the client wrote (log
// lines, error messages, stacks, error JSON) contains the client secret or any access token;
// the token never leaves for another host; plain http is refused except on loopback; messages
// and saved state from the attribute editor's webview cannot pollute prototypes or retarget Apply.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { fetchEditableAccount } from '../../src/editor/editable-account';
import { guardPersistedState, guardWebviewMessage } from '../../src/editor/message-guard';
import { draftAttributes, validateDraft } from '../../src/editor/shared/draft';
import type { EditorDraft, LoadedAccount } from '../../src/editor/shared/protocol';
import { IscClient } from '../../src/isc';
import { IscError } from '../../src/isc/errors';
import { startSandbox } from '../../src/sandbox';
import { accountJson, startLoopbackServer, startTenant, type LoopbackServer } from '../../tools/testing/loopback-server';
import { startSniffingProxy } from '../../tools/testing/sniffing-proxy';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Everything a client wrote that a person or a log file could see. */
class Written {
  readonly texts: string[] = [];
  readonly log = (level: string, message: string): void => {
    this.texts.push(`[${level}] ${message}`);
  };

  /** Records every way an error could be shown, logged or serialised. */
  error(error: unknown): IscError {
    assert.ok(error instanceof IscError, `expected an IscError, got ${inspect(error)}`);
    this.texts.push(error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 8 }), JSON.stringify(error.details(), safeReplacer()));
    return error;
  }

  async expectFailure(promise: Promise<unknown>): Promise<IscError> {
    try {
      await promise;
    } catch (error) {
      return this.error(error);
    }
    assert.fail('the call was meant to fail');
  }

  /** The secrets (or any of their encodings) found anywhere in what was written. */
  leaks(secrets: string[]): string[] {
    const all = this.texts.join('\n');
    return secrets.flatMap((secret) =>
      [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]
        .filter((form) => all.includes(form))
        .map((form) => `${secret.slice(0, 6)}… (as ${form === secret ? 'is' : 'encoded'})`),
    );
  }
}

/** JSON.stringify of error details with circular causes. */
function safeReplacer(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}

describe('secrets never appear in what the client writes', function () {
  this.timeout(30_000);
  it('the leak search itself finds a planted secret as is, URL-encoded and JSON-escaped', () => {
    const secret = 'pl4nted/secret+value"quoted';
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      const written = new Written();
      written.log('info', `GET /v3/accounts ok ${form} trailing`);
      assert.equal(written.leaks([secret]).length, 1, form);
    }
  });

  let sandbox: Sandbox;
  const clientSecret = `s3cr3t-${randomBytes(18).toString('hex')}`;
  const wrongSecret = `wr0ng-${randomBytes(18).toString('hex')}`;

  before(async () => {
    sandbox = await startSandbox({ clientSecret, rateLimit: false, taskDurationMs: 10 });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('after a workload with bad secrets, 401s, 400s, 404s, timeouts and dropped connections', async () => {
    const proxy = await startSniffingProxy(sandbox.baseUrl);
    const written = new Written();
    const options = { baseUrl: proxy.url, clientId: sandbox.clientId, log: written.log };
    try {
      const client = new IscClient({ ...options, clientSecret, maxRetries: 1, timeoutMs: 400 });
      await client.verifyCredentials();
      const sources = (await client.listSources()).items;
      const flatFile = sources.find((source) => source.type === 'DelimitedFile');
      const direct = sources.find((source) => source.type !== 'DelimitedFile');
      assert.ok(flatFile?.id && direct?.id, 'the sandbox has a flat-file and a direct source');
      const directAccount = (await client.listAccounts({ filters: `sourceId eq "${direct.id}"`, limit: 1 })).items[0];
      const flatAccount = (await client.listAccounts({ filters: `sourceId eq "${flatFile.id}"`, limit: 1 })).items[0];
      assert.ok(directAccount?.id && flatAccount?.id);

      const failures: IscError[] = [];
      // 400: attribute patches only on flat-file accounts.
      failures.push(await written.expectFailure(client.patchAccount(directAccount.id, [{ op: 'replace', path: '/attributes/title', value: 'x' }])));
      // 404.
      failures.push(await written.expectFailure(client.getAccount('2c9180000000000000000000000dead')));
      // 401s: every token expires; the client refreshes once and carries on.
      sandbox.expireAllTokens();
      await client.getAccount(flatAccount.id);
      // A timeout on a read and on a change.
      sandbox.setFaults({ latencyMs: 1_000 });
      failures.push(await written.expectFailure(client.getAccount(flatAccount.id)));
      failures.push(await written.expectFailure(client.disableAccount(flatAccount.id)));
      // A connection dropped after the change was applied: the ambiguous case.
      sandbox.setFaults({ latencyMs: 0, dropAfterApplyRate: 1 });
      failures.push(await written.expectFailure(client.enableAccount(flatAccount.id)));
      sandbox.setFaults({ dropAfterApplyRate: 0 });
      // A wrong secret, on the check and on a real call.
      const impostor = new IscClient({ ...options, clientSecret: wrongSecret, maxRetries: 0 });
      failures.push(await written.expectFailure(impostor.verifyCredentials()));
      failures.push(await written.expectFailure(impostor.listAccounts()));

      assert.deepEqual(
        failures.map((error) => error.kind),
        ['http', 'http', 'timeout', 'timeout', 'network', 'auth', 'auth'],
        'the workload failed the ways it was meant to',
      );
      const secrets = [clientSecret, wrongSecret, ...proxy.secretsSeen()];
      assert.ok(proxy.secretsSeen().filter((value) => value.startsWith('eyJ') || value.length > 20).length >= 3, 'tokens were issued and sniffed');
      assert.ok(written.texts.some((line) => line.includes('401')), 'the 401s were logged (so the log sink is really wired)');
      assert.deepEqual(written.leaks(secrets), [], 'secrets found in what the client wrote');
    } finally {
      sandbox.setFaults({ latencyMs: 0, dropAfterApplyRate: 0 });
      await proxy.close();
    }
  });
});

describe('the token goes only to the tenant', () => {
  let foreign: LoopbackServer;
  let tenant: LoopbackServer | undefined;

  beforeEach(async () => {
    // A working tenant of its own, so the positive control below can reach it with a token.
    foreign = await startTenant(() => ({ status: 200, json: [] }));
  });
  afterEach(async () => {
    await tenant?.close();
    await foreign.close();
    tenant = undefined;
  });

  const client = (server: LoopbackServer): IscClient =>
    new IscClient({ baseUrl: server.url, clientId: 'id-1', clientSecret: 'secret-for-redirect-test', maxRetries: 0, timeoutMs: 2_000 });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`does not follow a ${status} from an API call to another host`, async () => {
      tenant = await startTenant(() => ({ status, headers: { Location: `${foreign.url}/v3/accounts?stolen=1` } }));
      await assert.rejects(client(tenant).listAccounts(), (error: unknown) => error instanceof IscError && error.kind === 'invalid-response');
      await assert.rejects(client(tenant).disableAccount('a1'), IscError);
      assert.deepEqual(foreign.requests, [], 'the foreign host received nothing');
    });
  }

  it('does not follow a 307 from the token endpoint (which would re-post the secret)', async () => {
    tenant = await startLoopbackServer(() => ({ status: 307, headers: { Location: `${foreign.url}/oauth/token` } }));
    await assert.rejects(client(tenant).verifyCredentials(), IscError);
    assert.deepEqual(foreign.requests, [], 'the foreign host received nothing');
  });

  it('keeps hostile ids inside the tenant: no id turns into another host', async () => {
    tenant = await startTenant(() => ({ status: 404, json: {} }));
    const hostileIds = [`${foreign.url}/steal`, `//127.0.0.1:${new URL(foreign.url).port}/steal`, '@127.0.0.1', '../../../../oauth/token', '%2F%2Fevil', '..', '.'];
    const answered: string[] = [];
    for (const id of hostileIds) await client(tenant).getAccount(id).then(() => answered.push(id), () => undefined);
    assert.deepEqual(foreign.requests, [], 'the foreign host received nothing');
    const sent = tenant.apiRequests().map((request) => request.url);
    // Most hostile ids are sent, encoded, as one path segment: the check below is over those.
    assert.ok(sent.length >= 4, `too few ids reached the tenant for the check to mean anything: ${sent.join(', ')}`);
    const escaped = sent.filter((url) => !/^\/v3\/accounts\/[^/]+$/.test(url));
    assert.deepEqual(escaped, [], 'every id stayed one path segment under /v3/accounts/');
    assert.deepEqual(answered, [], 'every hostile id ends in an error');
  });

  it('the foreign host sees a request sent to it, Authorization included (positive control for the tests here)', async () => {
    await client(foreign).listAccounts();
    assert.equal(foreign.apiRequests().length, 1);
    assert.match(foreign.apiRequests()[0].headers.authorization ?? '', /^Bearer /);
  });

  it('never sends an Authorization header anywhere but the tenant, however the tenant points elsewhere', async () => {
    const elsewhere = `${foreign.url}/v3/accounts`;
    let redirects = 0;
    tenant = await startTenant((request) => {
      if (request.path === '/v3/accounts') return { status: 200, json: [] };
      redirects++;
      return { status: [301, 302, 303, 307, 308][redirects % 5], headers: { Location: elsewhere } };
    });
    const tenantClient = client(tenant);
    await tenantClient.listAccounts();
    const calls = [
      () => tenantClient.getAccount('a1'),
      () => tenantClient.disableAccount('a1'),
      () => tenantClient.listSources(),
      () => tenantClient.patchAccount('a1', [{ op: 'replace', path: '/attributes/title', value: 'x' }]),
      () => tenantClient.deleteAccount('a1'),
    ];
    const outcomes: string[] = [];
    for (const call of calls) outcomes.push(await call().then(() => 'answered', (error: unknown) => (error instanceof IscError ? 'refused' : String(error))));
    assert.ok(redirects >= calls.length, `the tenant pointed elsewhere ${redirects} times`);
    assert.ok(tenant.apiRequests().filter((request) => request.headers.authorization?.startsWith('Bearer ')).length > calls.length, 'the tenant got the token');
    const withToken = foreign.requests.filter((request) => request.headers.authorization !== undefined);
    assert.equal(withToken.length, 0, `the foreign host got the token ${withToken.length} time(s)`);
    assert.equal(foreign.requests.length, 0, 'the foreign host received nothing at all');
    assert.deepEqual(outcomes, Array(calls.length).fill('refused'), 'each redirect ends as an error');
  });
});

describe('plain http only to this machine', () => {
  const refused = ['http://acme.api.identitynow.com', 'http://10.0.0.5:8080', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io'];
  for (const baseUrl of refused) {
    it(`refuses ${baseUrl} before sending anything`, async () => {
      await assert.rejects(
        (async () => new IscClient({ baseUrl, clientId: 'id', clientSecret: 'secret-value' }).verifyCredentials())(),
        (error: unknown) => error instanceof IscError && error.kind === 'invalid-request' && /http/i.test(error.message),
      );
    });
  }

  it('accepts http on loopback (the sandbox) and https anywhere', () => {
    for (const baseUrl of ['http://127.0.0.1:7100', 'http://localhost:7100', 'http://[::1]:7100', 'https://acme.api.identitynow.com']) {
      assert.doesNotThrow(() => new IscClient({ baseUrl, clientId: 'id', clientSecret: 'secret-value' }), baseUrl);
    }
  });
});

describe('plain http: loopback means 127.0.0.0/8, [::1] and the literal localhost', () => {
  // Node resolves `*.localhost` through DNS like any other name: it is not this machine.
  for (const baseUrl of ['http://foo.localhost', 'http://tenant.localhost:7100', 'http://a.b.localhost']) {
    it(`refuses ${baseUrl}, saying https is required and which hosts count as loopback`, () => {
      assert.throws(
        () => new IscClient({ baseUrl, clientId: 'id', clientSecret: 'secret-value' }),
        (error: unknown) =>
          error instanceof IscError &&
          error.kind === 'invalid-request' &&
          /https/.test(error.message) &&
          /127\.0\.0\.0\/8/.test(error.message) &&
          error.message.includes('[::1]') &&
          /localhost/.test(error.message),
      );
    });
  }

  it('still takes every 127.x.y.z address, [::1] and localhost', () => {
    for (const baseUrl of ['http://127.0.0.1', 'http://127.255.3.4:9', 'http://LOCALHOST:7100', 'http://[::1]']) {
      assert.doesNotThrow(() => new IscClient({ baseUrl, clientId: 'id', clientSecret: 'secret-value' }), baseUrl);
    }
  });
});

/** A draft of two rows, the second with `rowId`, each with something the checks report. */
function draftWithRowId(rowId: string): EditorDraft {
  return {
    mode: 'patch',
    correlation: { identityId: '', manuallyCorrelated: false },
    attributes: [
      { rowId: 'r1', name: 'ok', value: { kind: 'single', type: 'string', text: 'fine' } },
      { rowId, name: '', value: { kind: 'multi', items: ['', 'x'] } },
      { rowId: `${rowId}x`, name: 'n', value: { kind: 'single', type: 'number', text: 'not a number' } },
    ],
  };
}

const PROTOTYPE_MEMBERS = ['name', 'value', 'items', 'polluted'] as const;

/** Object.prototype members a polluting write would have added; removed again so one failure does not spread. */
function prototypePollution(): string[] {
  const found = PROTOTYPE_MEMBERS.filter((member) => Object.prototype.hasOwnProperty.call(Object.prototype, member));
  for (const member of found) delete (Object.prototype as Record<string, unknown>)[member];
  return found;
}

describe('the attribute editor takes no keys that reach a prototype', () => {
  afterEach(() => {
    assert.deepEqual(prototypePollution(), [], 'Object.prototype was written to');
  });

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses a webview message whose row id is ${key}, saying why`, () => {
      for (const type of ['draftChanged', 'apply']) {
        const result = guardWebviewMessage({ type, requestId: 1, draft: draftWithRowId(key) });
        assert.equal(result.ok, false, `${type} with row id ${key} was taken`);
        assert.match(result.ok ? '' : result.reason, new RegExp(`rowId .*${key}`), 'the reason names the row id');
      }
    });

    it(`drops a saved draft whose row id is ${key}`, () => {
      const { state, dropped } = guardPersistedState({ target: TARGET, base: savedBase(TARGET.accountId), draft: draftWithRowId(key) });
      assert.equal(state?.draft, undefined);
      assert.equal(dropped.length, 1, JSON.stringify(dropped));
    });
  }

  it('the guard still takes an ordinary draft (so the refusals above are about the keys)', () => {
    const result = guardWebviewMessage({ type: 'apply', requestId: 1, draft: draftWithRowId('r2') });
    assert.ok(result.ok, result.ok ? '' : result.reason);
  });

  it('keeps problems in maps without a prototype, whatever the row ids, and reports them all', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'r2']) {
      const problems = validateDraft(draftWithRowId(key), {});
      assert.equal(Object.getPrototypeOf(problems.rows), null, 'problems.rows has no prototype');
      assert.deepEqual(Object.keys(problems.rows).sort(), [key, `${key}x`].sort(), key);
      const row = problems.rows[key];
      assert.ok(row.name && row.items, `the name and the empty item of row ${key} are reported`);
      assert.equal(Object.getPrototypeOf(row.items), null, 'items has no prototype');
      assert.ok(problems.rows[`${key}x`].value, `the bad number of row ${key}x is reported`);
      assert.equal(problems.errors.length, 3, JSON.stringify(problems.errors));
      assert.deepEqual(prototypePollution(), [], `Object.prototype was written to through row id ${key}`);
    }
  });

  it('builds the attribute map without a prototype, so names like __proto__ and constructor are data', () => {
    const text = (value: string) => ({ kind: 'single', type: 'string', text: value }) as const;
    const attributes = draftAttributes({
      mode: 'patch',
      correlation: { identityId: '', manuallyCorrelated: false },
      attributes: [
        { rowId: 'r1', name: '__proto__', value: text('a') },
        { rowId: 'r2', name: 'constructor', value: text('b') },
      ],
    });
    assert.equal(Object.getPrototypeOf(attributes), null);
    assert.deepEqual(Object.entries(attributes), [['__proto__', 'a'], ['constructor', 'b']]);
  });

  it('a polluting write would be seen (positive control for the check after each test)', () => {
    const victim: Record<string, unknown> = {};
    victim['__proto__'] = { polluted: true }; // only replaces victim's own prototype
    assert.deepEqual(prototypePollution(), []);
    (Object.prototype as Record<string, unknown>).polluted = true;
    assert.deepEqual(prototypePollution(), ['polluted']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'and is cleaned up');
  });
});

const TARGET = { tenantId: 't1', accountId: 'account-of-this-tab', tenantLabel: 'Tenant' };

function savedBase(id: string): LoadedAccount {
  return {
    id,
    name: `name of ${id}`,
    sourceId: 's1',
    sourceName: 'Flat file',
    modified: '2026-01-01T00:00:00.000Z',
    attributes: { department: 'Sales' },
    identityId: null,
    manuallyCorrelated: false,
    readOnlyReason: null,
  };
}

describe('a restored attribute editor edits only its own account', () => {
  const edited: EditorDraft = {
    mode: 'patch',
    correlation: { identityId: '', manuallyCorrelated: false },
    attributes: [{ rowId: 'r1', name: 'department', value: { kind: 'single', type: 'string', text: 'Edited' } }],
  };

  it('keeps the saved base and edits when the base is the tab\'s account', () => {
    const { state, dropped } = guardPersistedState({ target: TARGET, base: savedBase(TARGET.accountId), draft: edited });
    assert.deepEqual(dropped, []);
    assert.equal(state?.base?.id, TARGET.accountId);
    assert.deepEqual(state?.draft, edited);
  });

  it('drops a saved base of another account, and the edits made against it, naming both accounts', () => {
    const { state, dropped } = guardPersistedState({ target: TARGET, base: savedBase('another-account'), draft: edited });
    assert.deepEqual(state?.target, TARGET, 'the tab stays on its own account (and loads it afresh)');
    assert.equal(state?.base, undefined);
    assert.equal(state?.draft, undefined);
    assert.equal(dropped.length, 1);
    assert.match(dropped[0], /another-account/);
    assert.match(dropped[0], /account-of-this-tab/);
  });
});

describe('the attribute editor loads only the account it asked for', () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  const tenantAnswering = (accountId: string) =>
    startTenant((request) =>
      request.path.startsWith('/v3/sources/')
        ? { status: 200, json: { id: 'src-1', name: 'HR', type: 'DelimitedFile', connector: 'delimited-file' } }
        : { status: 200, json: accountJson(accountId) },
    );
  const clientOf = (tenant: LoopbackServer) =>
    new IscClient({ baseUrl: tenant.url, clientId: 'id-1', clientSecret: 'secret-for-load-test', maxRetries: 0 });

  it('takes the account when ISC answers with it', async () => {
    server = await tenantAnswering('asked-for');
    assert.equal((await fetchEditableAccount(clientOf(server), 'asked-for')).id, 'asked-for');
  });

  it('refuses an answer about another account (Apply would send to that one), naming both', async () => {
    server = await tenantAnswering('someone-else');
    await assert.rejects(fetchEditableAccount(clientOf(server), 'asked-for'), (error: unknown) => {
      assert.ok(error instanceof IscError && error.kind === 'invalid-response', String(error));
      assert.match(error.message, /asked-for/);
      assert.match(error.message, /someone-else/);
      return true;
    });
  });
});
