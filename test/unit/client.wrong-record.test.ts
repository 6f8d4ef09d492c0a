// A read of one record by id must give that record: an answer about another one (a caching
// proxy, a gateway bug) is refused with WrongRecordError, which names both ids, so nothing
// shows or acts on the wrong account as if it were the one asked for.
import * as assert from 'node:assert/strict';
import { IscClient } from '../../src/isc';
import { WrongRecordError } from '../../src/isc/errors';
import { accountJson, startTenant, type LoopbackServer } from '../../tools/testing/loopback-server';

describe('a read by id answered with another record', () => {
  let server: LoopbackServer;
  let client: IscClient;
  before(async () => {
    server = await startTenant((request) => {
      if (request.url.includes('/accounts/asked')) return { status: 200, json: accountJson('other') };
      if (request.url.includes('/accounts/same')) return { status: 200, json: accountJson('same') };
      if (request.url.includes('/sources/asked')) return { status: 200, json: { id: 'other', name: 'Other source' } };
      return { status: 404, json: { messages: [{ text: 'not here' }] } };
    });
    client = new IscClient({ baseUrl: server.url, clientId: 'wrong-record-client', clientSecret: 'wrong-record-secret-1', maxRetries: 0 });
  });
  after(() => server.close());

  it('getAccount refuses it, naming what was asked and what came', async () => {
    await assert.rejects(client.getAccount('asked'), (error: unknown) => {
      assert.ok(error instanceof WrongRecordError, String(error));
      assert.equal(error.kind, 'invalid-response');
      assert.deepEqual([error.askedId, error.answeredId], ['asked', 'other']);
      assert.match(error.message, /GET \/v3\/accounts\/asked \(200\): it is the record "other", not the "asked" asked for/);
      return true;
    });
  });

  it('getSource refuses it too', async () => {
    await assert.rejects(client.getSource('asked'), (error: unknown) => error instanceof WrongRecordError && error.answeredId === 'other');
  });

  it('the record asked for passes', async () => {
    assert.equal((await client.getAccount('same')).id, 'same');
  });
});
