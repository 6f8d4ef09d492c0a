// The applier against the community RFC 6902 suite (npm `json-patch-test-suite`): every
// record becomes one mocha test, and every record not run as written is listed below with why.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyPatch, JsonPatchError, type JsonPatchErrorReason, type JsonPatchOperation, type JsonValue } from '../../src/patch';

interface SuiteRecord {
  comment?: string;
  doc?: JsonValue;
  patch?: unknown[];
  expected?: JsonValue;
  error?: string;
  disabled?: boolean;
}

const SUITE_FILES = ['tests.json', 'spec_tests.json'] as const;

/**
 * Records the suite marks `disabled`, and what we do with each. Keyed by file and comment;
 * a disabled record missing from this table, or an entry matching no record, fails the run.
 */
const DISABLED_DECISIONS: Record<string, { run: boolean; reason: string }> = {
  'tests.json: Toplevel scalar values OK?': {
    run: true,
    reason: 'disabled upstream because RFC 4627 JSON texts had to be objects or arrays; RFC 8259 allows a scalar document and our applier handles one, so we run it',
  },
  'tests.json: Whole document': {
    run: true,
    reason: 'disabled upstream as debatable; RFC 6901 says "" names the whole document and test compares it, so we run it',
  },
  'tests.json: duplicate ops': {
    run: false,
    reason: "expects an error for an operation with two 'op' members, but JSON.parse keeps the last one, leaving a valid move that applies cleanly; seeing duplicates needs a parser that reports them, and our patches are built in memory, never parsed",
  },
  'spec_tests.json: A.13 Invalid JSON Patch Document': {
    run: false,
    reason: "same as 'duplicate ops': RFC 6902 A.13 has two 'op' members in its source text, which JSON.parse has already collapsed; the parsed record would only pass by accident (removing a missing /baz)",
  },
};


/**
 * The suite's error texts are prose; this says which of our reasons each one means, so an
 * error record cannot pass by failing for some unrelated cause.
 */
const EXPECTED_REASON: Record<string, JsonPatchErrorReason> = {
  'Out of bounds (upper)': 'index-out-of-bounds',
  'index is greater than number of items in array': 'index-out-of-bounds',
  'Out of bounds (lower)': 'invalid-index', // "-1" is not an index at all
  "test op shouldn't get array element 1": 'invalid-index',
  'Object operation on array target': 'invalid-index',
  "remove op shouldn't remove from array with bad number": 'invalid-index',
  "replace op shouldn't replace in array with bad number": 'invalid-index',
  "copy op shouldn't work with bad number": 'invalid-index',
  "move op shouldn't work with bad number": 'invalid-index',
  "add op shouldn't add to array with bad number": 'invalid-index',
  'test op should fail': 'test-failed',
  'string not equivalent': 'test-failed',
  'number is not equal to string': 'test-failed',
  "missing 'value' parameter": 'invalid-operation',
  "missing 'from' parameter": 'invalid-operation',
  "Unrecognized op 'spam'": 'invalid-operation',
  'path /a does not exist -- missing objects are not created recursively': 'missing-target',
  'add to a non-existent target': 'missing-target',
};

function loadSuite(file: (typeof SUITE_FILES)[number]): SuiteRecord[] {
  return JSON.parse(readFileSync(require.resolve(`json-patch-test-suite/${file}`), 'utf8')) as SuiteRecord[];
}

function keyOf(file: string, record: SuiteRecord, index: number): string {
  return `${file}: ${record.comment ?? `#${index}`}`;
}

/** The suite's patches are untyped JSON, some deliberately malformed: the applier must judge them. */
function asPatch(patch: unknown[]): JsonPatchOperation[] {
  return patch as JsonPatchOperation[];
}

function runRecord(record: SuiteRecord & { doc: JsonValue; patch: unknown[] }): void {
  const before = structuredClone(record.doc);
  if (record.error !== undefined) {
    assert.throws(
      () => applyPatch(record.doc, asPatch(record.patch)),
      (error: unknown) => {
        assert.ok(error instanceof JsonPatchError, `expected JsonPatchError, got ${String(error)}`);
        assert.ok(error.opIndex >= 0 && error.opIndex < record.patch.length, `opIndex ${error.opIndex} out of range`);
        const reason = EXPECTED_REASON[record.error ?? ''];
        assert.ok(reason !== undefined, `add "${record.error}" to EXPECTED_REASON`);
        assert.equal(error.reason, reason, error.message);
        return true;
      },
      `should fail: ${record.error}`,
    );
  } else {
    const result = applyPatch(record.doc, asPatch(record.patch));
    // Records without `expected` only say "must not fail"; all of them are test-only
    // patches, which must leave the document as it was.
    assert.deepEqual(result, record.expected !== undefined ? record.expected : record.doc);
  }
  assert.deepEqual(record.doc, before, 'the input document must not change');
}

const tally = { run: 0, disabledRun: 0, disabledNotApplied: 0, commentOnly: 0 };
const disabledSeen = new Set<string>();

describe('RFC 6902 conformance (json-patch-test-suite)', () => {
  for (const file of SUITE_FILES) {
    describe(file, () => {
      loadSuite(file).forEach((record, index) => {
        const key = keyOf(file, record, index);
        const title = `#${index} ${record.comment ?? JSON.stringify(record.patch)}`;
        if (record.doc === undefined || record.patch === undefined) {
          tally.commentOnly++; // the README allows comment-only records; there is nothing to run
          return;
        }
        const runnable = { ...record, doc: record.doc, patch: record.patch };
        if (record.disabled) {
          disabledSeen.add(key);
          const decision = DISABLED_DECISIONS[key];
          if (decision === undefined) {
            it(`${title} (disabled upstream, no decision recorded)`, () => {
              assert.fail(`add "${key}" to DISABLED_DECISIONS with a reason`);
            });
          } else if (decision.run) {
            tally.disabledRun++;
            it(`${title} (disabled upstream, run: ${decision.reason})`, () => runRecord(runnable));
          } else {
            // Not applied, but not skipped either: prove the reason holds. The suite's source
            // text has an operation with two "op" members, and what JSON.parse hands any
            // applier has one, so no applier of parsed JSON can see the error it expects.
            tally.disabledNotApplied++;
            it(`${title} (disabled upstream, not applied: ${decision.reason})`, () => {
              const source = readFileSync(require.resolve(`json-patch-test-suite/${file}`), 'utf8');
              const at = source.indexOf(`"comment": "${record.comment}"`);
              assert.ok(at >= 0, `record "${record.comment}" not found in the suite's source`);
              const recordText = source.slice(at, source.indexOf('"error"', at));
              assert.equal(recordText.match(/"op"\s*:/g)?.length, 2, 'the source text holds two "op" members');
              const parsed = record.patch as Array<Record<string, unknown>>;
              assert.equal(parsed.length, 1);
              assert.equal(Object.keys(parsed[0]).filter((k) => k === 'op').length, 1);
            });
          }
          return;
        }
        tally.run++;
        it(title, () => runRecord(runnable));
      });
    });
  }

  it('ran the suite: a missing or emptied suite file would leave nothing to run above', () => {
    // 91 enabled records upstream today; more is fine, far fewer means records went missing.
    assert.ok(tally.run >= 90, `only ${tally.run} enabled records ran`);
  });

  it('has a decision for exactly the disabled records it found', () => {
    assert.deepEqual([...disabledSeen].sort(), Object.keys(DISABLED_DECISIONS).sort());
  });

  after(() => {
    console.log(
      `    conformance: ${tally.run} enabled records run, ${tally.disabledRun} disabled-upstream records run anyway, ` +
        `${tally.disabledNotApplied} disabled records shown unreachable, ${tally.commentOnly} comment-only; every enabled record runs`,
    );
    for (const [key, decision] of Object.entries(DISABLED_DECISIONS)) {
      console.log(`      ${decision.run ? 'run ' : 'not applied'} ${key}: ${decision.reason}`);
    }
  });
});
