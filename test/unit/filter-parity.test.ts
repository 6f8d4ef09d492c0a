// The client's filter parser and the sandbox's own one (written apart on purpose) kept in step
// with the contract and with each other: for every field and every operator, and for the hard
// cases (dates, escapes, enumerated values, pr, case), the client accepts a filter exactly when
// the sandbox answers it over HTTP; and what the sandbox answers is what an evaluation of the
// client's reading over the same accounts (as GET /accounts shows them) finds.
import * as assert from 'node:assert/strict';
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_FILTER_FIELD_NAMES,
  FILTER_OPERATORS,
  parseAccountFilter,
  quoteFilterString,
  type AccountFilterField,
  type FilterFieldRule,
  type FilterLiteral,
  type FilterNode,
  type FilterOperator,
} from '../../src/isc/filters';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { call, fetchToken, query } from './support/sandbox-http';

type AccountJson = Record<string, unknown> & { id: string };

/** Where each filter field is in an account as GET /accounts returns it (the OpenAPI Account). */
const IN_ACCOUNT_JSON: Record<AccountFilterField, (a: AccountJson) => unknown> = {
  id: (a) => a.id,
  identityId: (a) => a.identityId ?? null,
  name: (a) => a.name,
  nativeIdentity: (a) => a.nativeIdentity,
  hasEntitlements: (a) => a.hasEntitlements,
  sourceId: (a) => a.sourceId,
  uncorrelated: (a) => a.uncorrelated,
  entitlements: (a) => a.hasEntitlements,
  origin: (a) => a.origin,
  manuallyCorrelated: (a) => a.manuallyCorrelated,
  'identity.name': (a) => (a.identity as { name?: string } | undefined)?.name ?? null,
  'identity.correlated': (a) => !a.uncorrelated,
  'identity.identityState': (a) => a.identityState,
  'source.displayableName': (a) => a.sourceName,
  'source.authoritative': (a) => a.authoritative,
  'source.connectionType': (a) => a.connectionType,
  'recommendation.method': (a) => (a.recommendation as { method?: string } | null)?.method ?? null,
  created: (a) => a.created,
  modified: (a) => a.modified,
};

/** ISC's documented meaning: strings ignore case, date-times compare in time. */
function matches(node: FilterNode, account: AccountJson): boolean {
  switch (node.type) {
    case 'and':
      return node.operands.every((operand) => matches(operand, account));
    case 'or':
      return node.operands.some((operand) => matches(operand, account));
    case 'not':
      return !matches(node.operand, account);
    case 'compare': {
      const actual = IN_ACCOUNT_JSON[node.field](account);
      const comparable = (value: unknown) =>
        ACCOUNT_FILTER_FIELDS[node.field].value === 'datetime' ? Date.parse(String(value)) : typeof value === 'string' ? value.toLowerCase() : value;
      const have = comparable(actual);
      const wanted = node.values.map((literal: FilterLiteral) => comparable(literal.value));
      switch (node.operator) {
        case 'isnull':
          return actual === null || actual === undefined;
        case 'eq':
        case 'in':
          return wanted.includes(have);
        case 'sw':
          return typeof have === 'string' && have.startsWith(String(wanted[0]));
        case 'gt':
          return (have as number) > (wanted[0] as number);
        case 'ge':
          return (have as number) >= (wanted[0] as number);
        case 'lt':
          return (have as number) < (wanted[0] as number);
        case 'le':
          return (have as number) <= (wanted[0] as number);
        default:
          throw new Error(`no list-accounts field takes "${node.operator}"; the client should have refused it`);
      }
    }
  }
}

/** A value of the field's kind taken from the data, so that most filters find something. */
function valueFor(field: AccountFilterField, operator: FilterOperator, accounts: AccountJson[]): string {
  const rule: FilterFieldRule = ACCOUNT_FILTER_FIELDS[field];
  const present = accounts.map(IN_ACCOUNT_JSON[field]).filter((v) => v !== null && v !== undefined);
  if (rule.value === 'boolean') return String(present[0] ?? true);
  if (rule.value === 'datetime') {
    const times = present.map(String).sort();
    return operator === 'eq' ? times[0] : times[Math.floor(times.length / 2)];
  }
  const text = rule.values?.[0] ?? String(present[present.length >> 1] ?? 'x');
  return quoteFilterString(operator === 'sw' ? text.slice(0, 2) : text);
}

function condition(field: AccountFilterField, operator: FilterOperator, value: string): string {
  if (operator === 'pr') return `pr ${field}`;
  if (operator === 'isnull') return `${field} isnull`;
  if (operator === 'in' || operator === 'ca') return `${field} ${operator} (${value})`;
  return `${field} ${operator} ${value}`;
}

describe('filter parity: the client, the sandbox and the contract agree', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandle;
  let token: string;
  let accounts: AccountJson[];

  /** Every account the filter selects over HTTP (all pages), or the HTTP status of a refusal. */
  async function sandboxAnswer(filters?: string): Promise<{ status: number; accounts: AccountJson[]; ids: string[]; message?: string }> {
    const found: AccountJson[] = [];
    for (let offset = 0; ; offset += 250) {
      const params = { limit: 250, offset, ...(filters === undefined ? {} : { filters }) };
      const answer = await call<AccountJson[]>(sandbox, token, `/v3/accounts?${query(params)}`);
      if (answer.status !== 200) return { status: answer.status, accounts: [], ids: [], message: answer.text };
      found.push(...answer.body);
      if (answer.body.length < 250) return { status: 200, accounts: found, ids: found.map((account) => account.id) };
    }
  }

  /**
   * Both accept or both refuse; for an accepted one, the sandbox finds what the evaluation finds.
   * How many accounts it found, or undefined when both refused.
   */
  async function agree(text: string): Promise<number | undefined> {
    const client = parseAccountFilter(text);
    const typed = await sandboxAnswer(text);
    const clientSays = client.ok ? 'accepts' : `refuses (${client.message})`;
    assert.equal(typed.status === 200, client.ok, `${JSON.stringify(text)}: the client ${clientSays}, the sandbox answers ${typed.status} ${typed.message ?? ''}`);
    if (!client.ok) return undefined;
    assert.ok(client.tree, text);
    const sent = await sandboxAnswer(client.filter);
    assert.equal(sent.status, 200, `what the client sends for ${JSON.stringify(text)}: ${client.filter} → ${sent.message}`);
    const expected = accounts.filter((account) => matches(client.tree as FilterNode, account)).map((a) => a.id);
    assert.deepEqual([...sent.ids].sort(), [...expected].sort(), `${client.filter}: the sandbox's answer vs the accounts that match`);
    assert.deepEqual([...typed.ids].sort(), [...expected].sort(), `${text} as typed`);
    return expected.length;
  }

  before(async () => {
    sandbox = await startSandbox({ largeSourceAccounts: 40, identities: 30, rateLimit: false });
    token = await fetchToken(sandbox);
    accounts = (await sandboxAnswer()).accounts;
    assert.ok(accounts.length > 250, 'more than one page, so paging is part of the comparison');
  });
  after(() => sandbox?.close());

  for (const field of ACCOUNT_FILTER_FIELD_NAMES) {
    it(`${field}: every operator accepted by both or refused by both, with the same accounts`, async () => {
      const stated: readonly FilterOperator[] = ACCOUNT_FILTER_FIELDS[field].operators;
      let found = 0;
      for (const operator of FILTER_OPERATORS) {
        const text = condition(field, operator, valueFor(field, operator, accounts));
        const matched = await agree(text);
        assert.equal(matched !== undefined, stated.includes(operator), `${text}: the contract says ${stated.join(', ')}`);
        found += matched ?? 0;
      }
      assert.ok(found > 0, `${field}: some filter on it finds accounts`);
    });
  }

  describe('the hard cases', () => {
    let median: string;
    before(() => {
      const times = accounts.map((a) => String(a.modified)).sort();
      median = times[times.length >> 1];
    });

    const both = (title: string, texts: () => string[], accepted: boolean) =>
      it(title, async () => {
        for (const text of texts()) assert.equal((await agree(text)) !== undefined, accepted, text);
      });

    both('date-times: RFC 3339, bare or quoted, any zone', () => [
      `modified lt ${median}`,
      `modified lt "${median}"`,
      `modified ge ${median.replace('Z', '+02:00')}`,
      `created le ${median} and modified gt ${median}`,
    ], true);
    both('dates without time or zone, and other date forms, are refused by both', () => [
      'modified lt 2025-01-01',
      'modified lt "2025-01-01"',
      'created gt 2024-01-31T00:00',
      'created gt 2024-01-31T00:00:00',
      'created gt "yesterday"',
      'created gt 2024-13-01T00:00:00Z',
      'name eq 2024-01-31T00:00:00Z',
    ], false);
    both('escapes \\" and \\\\ are read the same', () => ['name eq "a\\"b"', 'name sw "x\\\\"', `name eq ${quoteFilterString(String(accounts[7].name))}`], true);
    both('any other escape is refused by both', () => ['name eq "a\\tb"', 'name sw "\\n"', 'name eq "\\u0041"'], false);
    both('enumerated values: listed ones in any case', () => [
      'origin eq "aggregated"',
      'origin in ("AGGREGATED", "PROVISIONED")',
      'identity.identityState in ("ACTIVE", "INACTIVE_LONG_TERM")',
      'recommendation.method eq "DISCOVERY" or recommendation.method isnull',
    ], true);
    both('enumerated values: others refused', () => ['origin eq "MANUAL"', 'identity.identityState eq "GONE"', 'recommendation.method in ("SOURCE", "AI")'], false);
    both('grammar both refuse: pr on a field without it, null, upper case, quoted booleans, numbers', () => [
      'pr name',
      'name pr',
      'name eq null',
      'name EQ "a"',
      'name eq "a" AND uncorrelated eq true',
      'uncorrelated eq "true"',
      'uncorrelated eq TRUE',
      'sourceId eq 42',
      '(name sw "a"',
    ], false);
    both('composites: precedence and not', () => [
      'name sw "a" or name sw "b" and uncorrelated eq true',
      '(name sw "a" or name sw "b") and not uncorrelated eq true',
      'not (source.authoritative eq true or identity.correlated eq false)',
    ], true);
  });
});
