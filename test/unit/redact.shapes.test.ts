// The redactor skips its secret-shape patterns on text that holds none of their trigger words;
// each shape must still be masked on its own, with no other shape in the same text to trip it.
import * as assert from 'node:assert/strict';
import { Redactor } from '../../src/isc/redact';

describe('redaction: each shape of secret is masked on its own', () => {
  const redactor = new Redactor();
  const cases: Array<[string, string, string]> = [
    ['a bearer header in lower case', 'authorization: bearer opaque-token-123', 'opaque-token-123'],
    ['an opaque refresh token member', '{"refresh_token": "opaque-refresh-456"}', 'opaque-refresh-456'],
    ['an id token in a query', 'callback?id_token=opaque-id-789&state=1', 'opaque-id-789'],
    ['a client secret in a form', 'grant_type=client_credentials&CLIENT_SECRET=hunter2-value', 'hunter2-value'],
    ['a JWT alone', 'token was eyJhbGciOi.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here', 'eyJzdWIiOiJ4In0'],
  ];
  for (const [what, text, secret] of cases) {
    it(`masks ${what}`, () => {
      const masked = redactor.redact(text);
      assert.ok(!masked.includes(secret), `"${masked}" still holds ${secret}`);
      assert.match(masked, /\[redacted\]/);
    });
  }

  it('leaves text without any trigger word as it was', () => {
    assert.equal(redactor.redact('department: Finance (was Sales)'), 'department: Finance (was Sales)');
  });
});
