// The one statement of list-accounts' filters and sorters (src/contract/list-accounts.ts)
// against the OpenAPI documents it was taken from, and the client's checks and the sandbox's
// answers against it: a field, operator, value kind or sorter that one side takes and the
// statement does not (or the other way round) fails here. The two sides parse filters with
// parsers of their own on purpose; only the statement is shared.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ACCOUNT_FILTER_FIELDS,
  ACCOUNT_FILTER_FIELD_NAMES,
  ACCOUNT_SORTABLE_FIELDS,
  FILTER_OPERATORS,
  type AccountFilterField,
  type FieldValueKind,
  type FilterFieldRule,
  type FilterOperator,
} from '../../src/contract/list-accounts';
import { renderListAccountsSection, SECTION_BEGIN, SECTION_END } from '../../src/contract/list-accounts-markdown';
import { FilterError, parseAccountFilter, validateAccountSorters } from '../../src/isc/filters';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { ApiError } from '../../src/sandbox/http/errors';
import { accountFilterFields, accountSorters } from '../../src/sandbox/query/account-fields';
import { parseSorters } from '../../src/sandbox/query/collection-params';
import { compileFilter } from '../../src/sandbox/query/filter-fields';
import { LIST_OPERATORS, UNARY_OPERATORS, VALUE_OPERATORS } from '../../src/sandbox/query/filter-parser';
import { loadOpenApi, SPEC_VERSIONS, type SpecVersion } from './support/openapi';

/** `**field**: *op, op*` pairs and the `**a, b**` sorter list of GET /accounts, as documented. */
function documented(version: SpecVersion): { filters: Map<string, string[]>; sorters: string[] } {
  const document = loadOpenApi(version) as unknown as { paths: Record<string, { get: { parameters: Array<{ name?: string; description?: string }> } }> };
  const parameters = document.paths['/accounts'].get.parameters;
  const text = (name: string) => parameters.find((parameter) => parameter.name === name)?.description ?? '';
  const filters = new Map([...text('filters').matchAll(/\*\*([\w.]+)\*\*: \*([\w, ]+)\*/g)].map((m) => [m[1], m[2].split(', ')]));
  const sorters = (/following fields: \*\*([^*]+)\*\*/.exec(text('sorters'))?.[1] ?? '').split(', ');
  return { filters, sorters };
}

const SAMPLE: Record<FieldValueKind, string> = { string: '"x"', boolean: 'true', datetime: '2024-01-31T00:00:00Z' };

function sample(field: AccountFilterField): string {
  const rule: FilterFieldRule = ACCOUNT_FILTER_FIELDS[field];
  return rule.values ? `"${rule.values[0]}"` : SAMPLE[rule.value];
}

/** The `enum` of a component schema's property, as the document states it (nulls left out). */
function documentedEnum(version: SpecVersion, schema: string, property: string): string[] | undefined {
  type Schema = { properties?: Record<string, { enum?: Array<string | null> }>; allOf?: Schema[] };
  const document = loadOpenApi(version) as unknown as { components: { schemas: Record<string, Schema> } };
  const parts = (s: Schema | undefined): Schema[] => (s ? [s, ...(s.allOf ?? []).flatMap(parts)] : []);
  const found = parts(document.components.schemas[schema]).find((part) => part.properties?.[property])?.properties?.[property].enum;
  return found?.filter((value): value is string => value !== null);
}

function condition(field: AccountFilterField, operator: FilterOperator, value = sample(field)): string {
  if (operator === 'pr') return `pr ${field}`;
  if (operator === 'isnull') return `${field} ${operator}`;
  if (operator === 'in' || operator === 'ca') return `${field} ${operator} (${value})`;
  return `${field} ${operator} ${value}`;
}

describe('list-accounts contract: one statement of filters and sorters', () => {
  describe('the statement says what the OpenAPI documents say', () => {
    for (const version of SPEC_VERSIONS) {
      it(`${version}: every documented field and operator is in it`, () => {
        const { filters } = documented(version);
        assert.ok(filters.size > 10, `read ${filters.size} fields from the ${version} document`);
        for (const [field, operators] of filters) {
          assert.ok(field in ACCOUNT_FILTER_FIELDS, `${version} documents "${field}"`);
          const stated: readonly string[] = ACCOUNT_FILTER_FIELDS[field as AccountFilterField].operators;
          for (const operator of operators) assert.ok(stated.includes(operator), `${version}: ${field} ${operator}`);
        }
      });
    }

    it('v3 and v2024 document exactly its fields and operators (beta documents fewer)', () => {
      for (const version of ['v3', 'v2024'] as const) {
        const { filters } = documented(version);
        assert.deepEqual([...filters.keys()], ACCOUNT_FILTER_FIELD_NAMES, version);
        for (const field of ACCOUNT_FILTER_FIELD_NAMES) {
          assert.deepEqual([...(filters.get(field) ?? [])].sort(), [...ACCOUNT_FILTER_FIELDS[field].operators].sort(), `${version}: ${field}`);
        }
      }
    });

    it('takes the enumerated values the documents list (identityState: api-specs, see the contract)', () => {
      for (const version of SPEC_VERSIONS) {
        assert.deepEqual(documentedEnum(version, 'Account', 'origin'), [...ACCOUNT_FILTER_FIELDS.origin.values], version);
      }
      for (const version of ['beta', 'v2024'] as const) {
        assert.deepEqual(documentedEnum(version, 'Recommendation', 'method'), [...ACCOUNT_FILTER_FIELDS['recommendation.method'].values], version);
      }
      const enumerated = ACCOUNT_FILTER_FIELD_NAMES.filter((field) => (ACCOUNT_FILTER_FIELDS[field] as FilterFieldRule).values);
      assert.deepEqual(enumerated, ['origin', 'identity.identityState', 'recommendation.method']);
    });

    it('sorts by what v3 and v2024 document, plus identity.id from the SDK documents', () => {
      for (const version of ['v3', 'v2024'] as const) {
        const extra = ACCOUNT_SORTABLE_FIELDS.filter((field) => !documented(version).sorters.includes(field));
        assert.deepEqual(extra, ['identity.id'], version);
        assert.deepEqual(documented(version).sorters.filter((field) => !(ACCOUNT_SORTABLE_FIELDS as readonly string[]).includes(field)), [], version);
      }
    });
  });

  describe('the client and the sandbox take exactly what it states', () => {
    let sandbox: SandboxHandle;
    before(async () => {
      sandbox = await startSandbox({ largeSourceAccounts: 10, identities: 5, rateLimit: false });
    });
    after(() => sandbox.close());

    const clientTakes = (filter: string) => parseAccountFilter(filter).ok;
    const sandboxTakes = (filter: string) => {
      try {
        compileFilter(filter, accountFilterFields(sandbox.tenant), '/accounts');
        return true;
      } catch {
        return false;
      }
    };

    it('both know the same operators', () => {
      assert.deepEqual([...VALUE_OPERATORS, ...LIST_OPERATORS, ...UNARY_OPERATORS].sort(), [...FILTER_OPERATORS].sort());
    });

    it('the sandbox reads exactly the stated fields, with the stated operators', () => {
      const fields = accountFilterFields(sandbox.tenant);
      assert.deepEqual(Object.keys(fields), ACCOUNT_FILTER_FIELD_NAMES);
      for (const name of ACCOUNT_FILTER_FIELD_NAMES) assert.deepEqual(fields[name].operators, ACCOUNT_FILTER_FIELDS[name].operators, name);
      assert.deepEqual(Object.keys(accountSorters(sandbox.tenant)), [...ACCOUNT_SORTABLE_FIELDS]);
    });

    for (const field of ACCOUNT_FILTER_FIELD_NAMES) {
      it(`${field}: both take its operators and refuse the others`, () => {
        const stated: readonly FilterOperator[] = ACCOUNT_FILTER_FIELDS[field].operators;
        for (const operator of FILTER_OPERATORS) {
          const filter = condition(field, operator);
          const expected = stated.includes(operator);
          assert.equal(clientTakes(filter), expected, `client: ${filter}`);
          assert.equal(sandboxTakes(filter), expected, `sandbox: ${filter}`);
        }
      });

      it(`${field}: both take a value of its kind and refuse true/false for text or text for true/false`, () => {
        const { operators, value } = ACCOUNT_FILTER_FIELDS[field];
        const operator = operators[0];
        const right = condition(field, operator);
        assert.ok(clientTakes(right) && sandboxTakes(right), right);
        const wrong = value === 'boolean' ? condition(field, operator, '"true"') : condition(field, operator, 'false');
        assert.equal(clientTakes(wrong), false, `client: ${wrong}`);
        assert.equal(sandboxTakes(wrong), false, `sandbox: ${wrong}`);
        if ((ACCOUNT_FILTER_FIELDS[field] as FilterFieldRule).values) {
          const unlisted = condition(field, operator, '"NOT_ONE_OF_THEM"');
          assert.equal(clientTakes(unlisted), false, `client: ${unlisted}`);
          assert.equal(sandboxTakes(unlisted), false, `sandbox: ${unlisted}`);
        }
      });
    }

    it('both sort by the stated fields and refuse others (beta-only sorters, unsortable fields)', () => {
      const sorters = accountSorters(sandbox.tenant);
      for (const field of ACCOUNT_SORTABLE_FIELDS) {
        assert.equal(validateAccountSorters(`-${field}`), `-${field}`);
        assert.deepEqual(parseSorters(`-${field}`, sorters, '/accounts'), [{ field, descending: true }]);
      }
      for (const field of ['hasEntitlements', 'sourceOwner.name', 'disabled', 'attributes.title']) {
        assert.throws(() => validateAccountSorters(field), FilterError, `client: ${field}`);
        assert.throws(() => parseSorters(field, sorters, '/accounts'), ApiError, `sandbox: ${field}`);
      }
    });
  });

  it('the README\'s "Filtering and sorting accounts" section is what it renders (npm run readme:filters rewrites it)', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const begin = readme.indexOf(SECTION_BEGIN);
    const end = readme.indexOf(SECTION_END);
    assert.ok(begin >= 0 && end > begin, 'README.md has the list-accounts-contract markers');
    const section = readme.slice(begin, end + SECTION_END.length);
    assert.equal(section, renderListAccountsSection(), 'README.md differs from the contract: run npm run readme:filters');
    assert.match(readme.slice(0, begin), /\n## Filtering and sorting accounts\n\n$/);
    // The section ends at its marker: the next section follows, nothing of this one after the marker.
    assert.match(readme.slice(end), /^<!-- list-accounts-contract:end -->\n\n## /);
  });
});
