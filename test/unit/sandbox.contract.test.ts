// Every response the sandbox gives, for every operation of every version, success and error
// statuses alike, must validate against that operation's response schema in the matching
// OpenAPI document. Statuses a document does not declare are allowed only where listed below
// (they then carry an ErrorResponseDto), and every operation must have been exercised.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox';
import type { SandboxHandle } from '../../src/sandbox';
import { OpenApiContract, SPEC_VERSIONS } from './support/openapi';
import type { SpecVersion } from './support/openapi';
import { call, fetchToken, query, waitFor } from './support/sandbox-http';
import type { CallOptions } from './support/sandbox-http';

interface Recorded {
  version: SpecVersion;
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** Undeclared statuses the sandbox may answer (all with an ErrorResponseDto body). */
function undeclaredAllowed(operationId: string, status: number): boolean {
  if (status === 503) return true; // the serverErrorRate fault
  if (status === 415) return true; // a body of the wrong media type
  return status === 404 && (operationId === 'deleteAccountAsync' || operationId === 'deleteAccountsAsync');
}

const EXPERIMENTAL = { 'X-SailPoint-Experimental': 'true' };

async function exercise(version: SpecVersion, record: (r: Recorded) => void): Promise<void> {
  const sandbox: SandboxHandle = await startSandbox({ largeSourceAccounts: 60, identities: 40, taskDurationMs: 60, rateLimit: false, seed: 7 });
  try {
    const token = await fetchToken(sandbox);
    const v = `/${version}`;
    const send = async (path: string, options: CallOptions = {}, useToken: string | null = token) => {
      const result = await call(sandbox, useToken, v + path, { ...options, headers: { ...EXPERIMENTAL, ...options.headers } });
      record({
        version,
        method: options.method ?? 'GET',
        path: path.split('?')[0],
        status: result.status,
        contentType: result.headers.get('content-type') ?? '',
        body: result.body,
      });
      return result;
    };
    const { tenant } = sandbox;
    const flat = tenant.flatFileSource();
    const ad = tenant.largeSource();
    const flatAccounts = [...tenant.accountsOfSource(flat.id)];
    const adAccounts = [...tenant.accountsOfSource(ad.id)];
    const missing = '2c9180aaaaaaaaaaaaaaaaaaaaaaaaaa';
    const newer = version !== 'v3';

    // Reads: every source's accounts, FULL and SLIM, plus errors.
    await send('/sources');
    await send(`/sources?${query({ includeIDNSource: true, count: true, sorters: '-name' })}`);
    await send(`/sources?${query({ filters: 'color eq "red"' })}`);
    for (const source of tenant.sources()) await send(`/sources/${source.id}`);
    await send(`/sources/${missing}`);
    for (const source of tenant.sources()) await send(`/sources/${source.id}/schemas`);
    await send(`/sources/${ad.id}/schemas?${query({ 'include-types': 'group' })}`);
    await send(`/sources/${missing}/schemas`);
    for (const source of tenant.sources()) {
      await send(`/accounts?${query({ filters: `sourceId eq "${source.id}"`, count: true })}`);
      await send(`/accounts?${query({ filters: `sourceId eq "${source.id}"`, detailLevel: 'SLIM' })}`);
    }
    await send(`/accounts?${query({ filters: 'name co "a"' })}`);
    await send(`/accounts?${query({ limit: 300 })}`);
    await send(`/accounts/${adAccounts[0].id}`);
    await send(`/accounts/${missing}`);
    await send(`/accounts/${adAccounts.find((a) => a.entitlementIds.length > 1)?.id}/entitlements?count=true`);
    await send(`/accounts/${missing}/entitlements`);
    if (newer) {
      await send(`/entitlements?${query({ filters: `source.id eq "${ad.id}"`, count: true })}`);
      await send(`/entitlements?${query({ 'account-id': adAccounts[1].id })}`);
      await send(`/entitlements?${query({ filters: 'color eq "red"' })}`);
      await send(`/entitlements/${tenant.entitlements()[0].id}`);
      await send(`/entitlements/${missing}`);
    }

    // Writes and actions, with their error answers.
    const created = await send('/accounts', { method: 'POST', json: { attributes: { sourceId: flat.id, userName: 'new.person', email: 'new.person@acme-corp.com' } } });
    await send('/accounts', { method: 'POST', json: { attributes: { userName: 'no.source' } } });
    await send('/accounts', { method: 'POST', rawBody: '{"attributes": ', contentType: 'application/json' });
    await send('/accounts', { method: 'POST', rawBody: 'x', contentType: 'text/plain' });
    await send(`/accounts/${flatAccounts[0].id}`, { method: 'PUT', json: { attributes: { displayName: 'Put' } } });
    await send(`/accounts/${adAccounts[2].id}`, { method: 'PUT', json: { attributes: { displayName: 'Put' } } });
    await send(`/accounts/${missing}`, { method: 'PUT', json: { attributes: {} } });
    const patch = [{ op: 'replace', path: '/attributes/title', value: 'Lead' }];
    await send(`/accounts/${flatAccounts[1].id}`, { method: 'PATCH', json: patch, contentType: 'application/json-patch+json' });
    await send(`/accounts/${adAccounts[3].id}`, { method: 'PATCH', json: patch, contentType: 'application/json-patch+json' });
    await send(`/accounts/${missing}`, { method: 'PATCH', json: patch, contentType: 'application/json-patch+json' });
    await send(`/accounts/${flatAccounts[1].id}`, { method: 'PATCH', json: patch });
    await send(`/accounts/${flatAccounts[2].id}`, { method: 'DELETE' });
    await send(`/accounts/${adAccounts[4].id}`, { method: 'DELETE' });
    await send(`/accounts/${missing}`, { method: 'DELETE' });
    for (const action of ['enable', 'disable', 'unlock']) {
      await send(`/accounts/${adAccounts[5].id}/${action}`, { method: 'POST', json: {} });
      await send(`/accounts/${missing}/${action}`, { method: 'POST', json: {} });
      await send(`/accounts/${adAccounts[5].id}/${action}`, { method: 'POST', json: { forceProvisioning: 'yes' } });
    }
    await send(`/accounts/${adAccounts[6].id}/reload`, { method: 'POST' });
    await send(`/accounts/${missing}/reload`, { method: 'POST' });

    if (newer) {
      await send(`/accounts/${adAccounts[7].id}/remove`, { method: 'POST' });
      await send(`/accounts/${missing}/remove`, { method: 'POST' });
      await send(`/sources/${tenant.findSource((s) => s.kind === 'servicenow')?.id}/remove-accounts`, { method: 'POST' });
      await send(`/sources/${missing}/remove-accounts`, { method: 'POST' });
      const identity = tenant.identities()[3];
      for (const action of ['enable', 'disable']) {
        await send(`/identities-accounts/${identity.id}/${action}`, { method: 'POST' });
        await send(`/identities-accounts/${missing}/${action}`, { method: 'POST' });
        await send(`/identities-accounts/${action}`, { method: 'POST', json: { identityIds: [identity.id, missing] } });
        await send(`/identities-accounts/${action}`, { method: 'POST', json: { ids: 'nope' } });
      }
      if (version === 'v2024') {
        await send(`/accounts/${adAccounts[8].id}/remove`, { method: 'POST', headers: { 'X-SailPoint-Experimental': 'false' } });
        await send(`/identities-accounts/enable`, { method: 'POST', json: { identityIds: [] }, headers: { 'X-SailPoint-Experimental': 'false' } });
      }
      // Task status while running, after success, after failure, and unknown.
      const taskId = (created.body as { id: string }).id;
      await send(`/task-status/${taskId}`);
      const removal = await send(`/accounts/${adAccounts[9].id}/remove`, { method: 'POST' });
      const doomed = await send(`/accounts/${adAccounts[9].id}/disable`, { method: 'POST', json: {} });
      const doomedId = (doomed.body as { id: string }).id;
      await waitFor(() => tenant.task(doomedId)?.state !== 'RUNNING', 2000, 'the tasks');
      await send(`/task-status/${taskId}`);
      await send(`/task-status/${(removal.body as { id: string }).id}`);
      await send(`/task-status/${doomedId}`);
      await send(`/task-status/${missing}`);
    } else {
      await send(`/task-status/${missing}`);
      await send(`/entitlements`);
    }
    await send('/sources', { method: 'DELETE' });

    // The gateway's answers on every operation: no token (401), a 429 burst, a 503 fault.
    const contract = new OpenApiContract(version);
    const sample = (path: string) => path.replace(/\{[^}]+\}/g, adAccounts[10].id);
    for (const operation of contract.operations) {
      const options: CallOptions = { method: operation.method, json: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {} };
      await send(sample(operation.path), options, null);
      sandbox.setFaults({ burst429: 1 });
      await send(sample(operation.path), options);
    }
    sandbox.setFaults({ serverErrorRate: 1 });
    await send('/accounts');
    sandbox.setFaults({ serverErrorRate: 0 });
  } finally {
    await sandbox.close();
  }
}

describe('sandbox: responses match the OpenAPI contract', function () {
  this.timeout(20_000);
  const recorded: Recorded[] = [];
  const contracts = new Map(SPEC_VERSIONS.map((version) => [version, new OpenApiContract(version)]));

  before(async () => {
    for (const version of SPEC_VERSIONS) await exercise(version, (r) => recorded.push(r));
  });

  it('has every operation of the three contracts to check (a contract that lost its paths would check nothing)', () => {
    const counts = SPEC_VERSIONS.map((version) => (contracts.get(version) as OpenApiContract).operations.length);
    for (const [index, count] of counts.entries()) assert.ok(count >= 10, `${SPEC_VERSIONS[index]} has only ${count} operations`);
  });

  for (const version of SPEC_VERSIONS) {
    const contract = contracts.get(version) as OpenApiContract;
    for (const operation of contract.operations) {
      it(`${version} ${operation.method} ${operation.path}: every answer validates, and it was exercised`, () => {
        const mine = recorded.filter((r) => r.version === version && contract.findOperation(r.method, r.path) === operation);
        assert.ok(mine.some((r) => r.status >= 200 && r.status < 300), 'no successful answer was exercised');
        assert.ok(mine.some((r) => r.status === 401), 'no 401 was exercised');
        assert.ok(mine.some((r) => r.status === 429), 'no 429 was exercised');
        const failures: string[] = [];
        for (const r of mine) {
          const where = `${r.method} /${version}${r.path} → ${r.status}`;
          if (!r.contentType.startsWith('application/json')) failures.push(`${where}: Content-Type ${r.contentType}`);
          const result = contract.declaresStatus(operation, r.status)
            ? contract.validateResponse(operation, r.status, r.body)
            : undeclaredAllowed(operation.operationId, r.status)
              ? contract.validateComponent('ErrorResponseDto', r.body)
              : { valid: false, errors: ['this status is not declared by the operation'] };
          if (!result.valid) failures.push(`${where}: ${result.errors.join('; ')}\n  body: ${JSON.stringify(r.body).slice(0, 400)}`);
        }
        assert.deepEqual(failures, []);
      });
    }

    it(`${version}: answers outside any operation (unknown path, wrong method) are ErrorResponseDto`, () => {
      const outside = recorded.filter((r) => r.version === version && !contract.findOperation(r.method, r.path));
      assert.ok(outside.length > 0, 'nothing outside the operations was exercised');
      for (const r of outside) {
        assert.ok([404, 405].includes(r.status), `${r.method} ${r.path} answered ${r.status}`);
        const result = contract.validateComponent('ErrorResponseDto', r.body);
        assert.ok(result.valid, `${r.method} ${r.path}: ${result.errors.join('; ')}`);
      }
    });
  }

  it('the validator itself rejects a wrong shape (so the checks above can fail)', () => {
    const contract = contracts.get('beta') as OpenApiContract;
    const getAccount = contract.findOperation('GET', '/accounts/abc') ;
    assert.ok(getAccount);
    assert.equal(contract.validateResponse(getAccount, 200, { id: 'x' }).valid, false);
    const taskStatus = contract.findOperation('GET', '/task-status/abc');
    assert.ok(taskStatus);
    assert.equal(contract.validateResponse(taskStatus, 200, { id: 'x', completionStatus: 'DONE' }).valid, false);
    assert.equal(contract.validateComponent('ErrorResponseDto', { messages: 'no' }).valid, false);
  });
});
