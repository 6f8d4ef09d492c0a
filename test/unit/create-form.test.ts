// Reading what was typed into the Create Account form (or given by a script) against the
// source's account schema: types, lists, the required identity attribute, names of problems.
import * as assert from 'node:assert/strict';
import { createFormOf, readCreateValues, type CreateFormSpec } from '../../src/core/create-form';
import { schemasOf } from '../../src/sandbox/state/source-schemas';
import { startSandbox } from '../../src/sandbox';

describe('Create Account form: reading the values', () => {
  let form: CreateFormSpec;
  before(async () => {
    const sandbox = await startSandbox({ seed: 3, largeSourceAccounts: 10, identities: 5, rateLimit: false });
    const flat = sandbox.tenant.flatFileSource();
    form = createFormOf({ id: flat.id, name: flat.name }, schemasOf(flat)[0])!;
    await sandbox.close();
  });
  const problems = (values: Record<string, unknown>) => {
    const read = readCreateValues(form, values);
    return read.ok ? [] : read.problems.map((p) => `${p.attribute}: ${p.message}`);
  };

  it('puts the identity and display attributes first and marks only the identity attribute required', () => {
    assert.deepEqual(form.fields.slice(0, 2).map((f) => [f.name, f.role, f.required]), [['id', 'identity', true], ['userName', 'display', false]]);
    assert.deepEqual(form.fields.filter((f) => f.required).map((f) => f.name), ['id']);
  });

  it('types the values, leaves empty ones out, and names the account after its display attribute', () => {
    const read = readCreateValues(form, { id: 'C1', userName: 'ann.lee', email: '', weeklyHours: ' 38 ', rehireEligible: 'TRUE', contractEnd: '2027-03-31', groups: ['Staff', '', 'VPN'] });
    assert.ok(read.ok);
    assert.deepEqual(read.account, {
      attributes: { id: 'C1', userName: 'ann.lee', groups: ['Staff', 'VPN'], weeklyHours: 38, rehireEligible: true, contractEnd: '2027-03-31' },
      nativeIdentity: 'C1',
      name: 'ann.lee',
    });
  });

  it('refuses wrong types, naming the attribute and what was wrong', () => {
    assert.deepEqual(problems({ id: 'C1', weeklyHours: '7.5', rehireEligible: 'yes', contractEnd: '31/03/2027', groups: 'VPN', email: 5 }), [
      'email: email must be text (STRING); 5 is not.',
      'contractEnd: contractEnd must be a date (DATE) as YYYY-MM-DD or an ISO 8601 date-time with a zone, e.g. 2027-03-31T17:00:00Z; "31/03/2027" is not.',
      'weeklyHours: weeklyHours must be a whole number (INT) from -2147483648 to 2147483647; "7.5" is not.',
      'rehireEligible: rehireEligible must be true or false (BOOLEAN); "yes" is not.',
    ]);
    assert.deepEqual(problems({ id: 'C1', weeklyHours: 2 ** 31, contractEnd: '2027-02-30' }).map((p) => p.split(':')[0]), ['contractEnd', 'weeklyHours']);
    assert.deepEqual(problems({ id: 'C1', groups: ['ok', 3] }), ['groups: Item 2 of groups must be text (STRING); 3 is not.']);
  });

  it('requires the identity attribute and refuses attributes the schema does not have', () => {
    assert.deepEqual(problems({ id: '  ', nickname: 'x' }), [
      'nickname: "nickname" is not an attribute of the account schema of "Contractor Roster (CSV)".',
      "id: id is required: it is the account's identity attribute (its native identity).",
    ]);
  });
});
