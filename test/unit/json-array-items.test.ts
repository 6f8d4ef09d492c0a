// A list page read item by item must give exactly what JSON.parse of the whole body gives, and
// must give up (so the whole body is read and its fault named) on anything else.
import * as assert from 'node:assert/strict';
import { HttpTransport, type ListBody } from '../../src/isc/http';
import { jsonArrayItems } from '../../src/isc/json-array-items';
import { startSandbox } from '../../src/sandbox';
import { startLoopbackServer } from '../../tools/testing/loopback-server';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What reading the whole body gives: the array, or undefined for anything else. */
function wholeArray(body: Uint8Array): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8').decode(body));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AWKWARD_TEXT = ['', ',', ']', '[', '{', '}', '"', '\\', '\\"', 'a\\\\', 'CN=Doe\\, Jane,OU=Users', 'é', '日本語', '😀', '\u2028', '\n\t', 'x'.repeat(300)];

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0: return null;
    case 1: return next() < 0.5;
    case 2: return Math.round((next() - 0.5) * 1e6) / 100;
    case 3:
    case 4: return AWKWARD_TEXT[Math.floor(next() * AWKWARD_TEXT.length)] + String(Math.floor(next() * 10));
    case 5: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, i) => [`${AWKWARD_TEXT[Math.floor(next() * AWKWARD_TEXT.length)]}${i}`, randomValue(next, depth + 1)]));
  }
}

describe('a list page read item by item', () => {
  describe('gives what parsing the whole body gives', () => {
    const cases: Array<[string, string]> = [
      ['an empty array', '[]'],
      ['an empty array with space inside and around', ' \r\n[ \n\t]\n '],
      ['objects, pretty-printed', JSON.stringify([{ id: 'a', n: 1 }, { id: 'b', tags: ['x', 'y'] }], null, 2)],
      ['strings holding commas, brackets, braces and quotes', JSON.stringify([{ dn: 'CN=Doe\\, Jane,OU=Users', s: '],[}{"' }, '"quoted"', ']'])],
      ['a string ending in escaped backslashes', '["a\\\\", "b\\\\\\"c", {"k\\\\": "\\\\"}]'],
      ['multi-byte UTF-8 next to the cuts', JSON.stringify(['é', { 名前: '日本語' }, '😀', 'x😀,'])],
      ['nested arrays and objects', JSON.stringify([[[1, [2]], { a: [{ b: [] }] }], [], {}])],
      ['primitives', '[1, -2.5e3, true, false, null, "x"]'],
      ['a byte order mark before the array (the text decoder drops it too)', '\ufeff[{"id":"a"}]'],
    ];
    for (const [what, text] of cases) {
      it(what, () => {
        const body = bytes(text);
        const items = jsonArrayItems(body);
        assert.ok(items, 'read item by item');
        assert.deepEqual(items, wholeArray(body));
      });
    }

    it('400 random arrays of awkward values', () => {
      const next = random(15);
      for (let round = 0; round < 400; round++) {
        const value = Array.from({ length: Math.floor(next() * 6) }, () => randomValue(next, 0));
        const text = next() < 0.5 ? JSON.stringify(value) : JSON.stringify(value, null, 1);
        assert.deepEqual(jsonArrayItems(bytes(text)), value, text);
      }
    });
  });

  describe('gives up on anything but one well-formed array', () => {
    const cases: Array<[string, string]> = [
      ['an object', '{"items":[{"id":"a"}]}'],
      ['an HTML page', '<!doctype html><html><body>Sign in</body></html>'],
      ['an empty body', ''],
      ['a trailing comma', '[{"id":"a"},]'],
      ['an empty item', '[{"id":"a"},,{"id":"b"}]'],
      ['a missing comma', '[{"id":"a"} {"id":"b"}]'],
      ['text after the array', '[{"id":"a"}] x'],
      ['a second array after the first', '[1][2]'],
      ['a closing brace at the top', '[1}'],
      ['mismatched brackets inside an item', '[{"a":[1}]]'],
      ['an unterminated string', '[{"id":"a'],
      ['a bad escape inside an item', '["\\x"]'],
    ];
    for (const [what, text] of cases) {
      it(what, () => {
        assert.equal(wholeArray(bytes(text)), undefined, 'JSON.parse refuses it too, or it is not an array');
        assert.equal(jsonArrayItems(bytes(text)), undefined);
      });
    }

    it('every body cut short, at every byte', () => {
      const text = JSON.stringify([{ id: 'a', dn: 'CN=x\\, y', 名: '😀' }, ['[', ']'], 'z"']);
      const body = bytes(text);
      for (let length = 0; length < body.length; length++) {
        assert.equal(jsonArrayItems(body.subarray(0, length)), undefined, `cut at ${length} of ${body.length}`);
      }
    });

    it('agrees with JSON.parse on 2,000 random one-byte corruptions of arrays', () => {
      const next = random(42);
      const noise = [...'[]{},":\\ 0a'].map((c) => c.charCodeAt(0));
      let stillArrays = 0;
      for (let round = 0; round < 2000; round++) {
        const value = Array.from({ length: 1 + Math.floor(next() * 4) }, () => randomValue(next, 0));
        const body = bytes(JSON.stringify(value));
        const at = Math.floor(next() * body.length);
        const corrupted = next() < 0.5
          ? Uint8Array.from([...body.subarray(0, at), noise[Math.floor(next() * noise.length)], ...body.subarray(at + 1)])
          : Uint8Array.from([...body.subarray(0, at), ...body.subarray(at + 1)]);
        const expected = wholeArray(corrupted);
        if (expected) stillArrays++;
        assert.deepEqual(jsonArrayItems(corrupted), expected, new TextDecoder().decode(corrupted));
      }
      assert.ok(stillArrays > 100 && stillArrays < 1900, `both kinds were tried: ${stillArrays} of 2,000 were still arrays`);
    });
  });

  describe('through the transport, a page of real-sized accounts from the sandbox', () => {
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    let transport: HttpTransport;
    let token: string;
    before(async () => {
      sandbox = await startSandbox({ largeSourceAccounts: 300, realisticAccounts: true });
      transport = new HttpTransport(sandbox.baseUrl);
      const answer = await fetch(`${sandbox.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
      });
      token = ((await answer.json()) as { access_token: string }).access_token;
    });
    after(async () => {
      transport.dispose();
      await sandbox.close();
    });

    const page = (listBody?: ListBody) =>
      transport.send({ method: 'GET', target: '/v3/accounts?limit=250', headers: { Authorization: `Bearer ${token}` }, timeoutMs: 10_000, listBody });

    it('is parsed item by item, equal to the whole body parsed, keeping only its start as text', async () => {
      const [itemByItem, whole] = await Promise.all([page('items'), page()]);
      assert.equal(itemByItem.status, 200);
      assert.ok(itemByItem.arrayItems, 'the items were parsed one by one');
      assert.equal(itemByItem.arrayItems.length, 250);
      assert.ok(whole.bodyText.length > 250 * 1000, `real-sized: ${whole.bodyText.length} characters`);
      assert.deepEqual(itemByItem.arrayItems, JSON.parse(whole.bodyText));
      assert.equal(whole.arrayItems, undefined, 'only when asked for');
      assert.ok(itemByItem.bodyText.length <= 256 && whole.bodyText.startsWith(itemByItem.bodyText.replace(/\ufffd$/, '')));
    });

    it("asked for as 'bytes', is handed over unread: the whole body's bytes, only its start as text", async () => {
      const [unread, whole] = await Promise.all([page('bytes'), page()]);
      assert.equal(unread.status, 200);
      assert.ok(unread.bytes, 'the bytes were handed over');
      assert.equal(unread.arrayItems, undefined, 'not parsed here');
      assert.equal(new TextDecoder().decode(unread.bytes), whole.bodyText);
      assert.ok(unread.bodyText.length <= 256 && whole.bodyText.startsWith(unread.bodyText.replace(/\ufffd$/, '')));
    });

    for (const listBody of ['items', 'bytes'] as const) {
      it(`an error answer is read whole, so its message can be quoted (list body asked for as '${listBody}')`, async () => {
        const answer = await transport.send({ method: 'GET', target: '/v3/accounts/no-such-account', headers: { Authorization: `Bearer ${token}` }, timeoutMs: 10_000, listBody });
        assert.equal(answer.status, 404);
        assert.equal(answer.arrayItems, undefined);
        assert.equal(answer.bytes, undefined);
        assert.match(answer.bodyText, /no-such-account|not found/i);
      });
    }

    it('an error answer that is itself a JSON array is read whole too: only a 2xx is a page', async () => {
      const problems = Array.from({ length: 20 }, (_, i) => ({ locale: 'en-US', text: `problem ${i} with the request` }));
      const gateway = await startLoopbackServer(() => ({ status: 400, json: problems }));
      const local = new HttpTransport(gateway.url);
      try {
        const answer = await local.send({ method: 'GET', target: '/v3/accounts', timeoutMs: 10_000, listBody: 'items' });
        assert.equal(answer.status, 400);
        assert.equal(answer.arrayItems, undefined, 'not parsed as a page');
        assert.deepEqual(JSON.parse(answer.bodyText), problems, 'the whole body kept as text, past the first 256 characters');
      } finally {
        local.dispose();
        await gateway.close();
      }
    });
  });
});
