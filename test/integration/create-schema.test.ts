// Create Account from the source's account schema, in the real VS Code through the real
// command: the form it builds (order, required marks, lists, types), a submit that creates the
// account once through the journal, wrong types refused before anything is sent (through the
// form and through a script), untrusted messages refused, closing with values typed, and the
// key=value input where the source offers no schema.
import * as assert from 'node:assert/strict';
import type { CreateAccountFormPanel } from '../../src/editor';
import { withoutAccountSchema } from './create-schema-helpers';
import { notices, run, sandboxTenant, sourceNode, until, type SandboxTenantFixture } from './explorer-helpers';

type Report = { results: Array<{ outcome: string; label: string }> } | undefined;

describe('Create Account from the source\'s schema', function () {
  this.timeout(120_000);
  let fx: SandboxTenantFixture;
  const flat = () => fx.sandbox.tenant.flatFileSource().id;
  const createRequests = (since: number) => fx.sandbox.requestLog().slice(since).filter((entry) => entry.method === 'POST' && /\/accounts$/.test(entry.path));

  /** Runs Create Account on the flat file and waits until its webview has asked for the form. */
  async function openForm(): Promise<{ form: CreateAccountFormPanel; done: Promise<Report> }> {
    const done = run<Report>('iscAccounts.source.createAccount', await sourceNode(fx, 'Contractor Roster (CSV)'));
    let form: CreateAccountFormPanel | undefined;
    await until(() => (form = fx.api.createAccountForm(fx.tenantId, flat())) !== undefined && form.shown !== undefined, 'the form webview to load and ask for the form');
    return { form: form!, done };
  }

  before(async () => {
    fx = await sandboxTenant('create-schema-test');
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(() => {
    fx.api.ui.stopAnswering();
  });

  it('builds the form from the account schema: identity and display attributes first, the identity attribute required, lists and types', async () => {
    fx.api.ui.answer([]);
    const { form, done } = await openForm();
    const fields = form.shown!.form.fields;
    assert.deepEqual(fields.slice(0, 2).map((f) => [f.name, f.role, f.required]), [['id', 'identity', true], ['userName', 'display', false]]);
    assert.deepEqual(fields.filter((f) => f.required).map((f) => f.name), ['id']);
    const byName = new Map(fields.map((f) => [f.name, f]));
    assert.deepEqual([byName.get('groups')?.multi, byName.get('groups')?.entitlement], [true, true]);
    assert.deepEqual(['weeklyHours', 'rehireEligible', 'contractEnd', 'email'].map((name) => byName.get(name)?.type), ['INT', 'BOOLEAN', 'DATE', 'STRING']);
    assert.equal(byName.get('weeklyHours')?.description, 'Contracted hours per week.');
    assert.equal(form.panel.title, 'New account: Contractor Roster (CSV)');
    assert.match(form.panel.webview.html, /Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-[0-9a-f-]{36}'/);
    await form.receive({ type: 'cancel' });
    assert.equal(await done, undefined, 'cancelled with nothing typed: no question, no report');
    assert.deepEqual(fx.api.ui.transcript.filter((entry) => entry.kind === 'confirm'), []);
  });

  it('creates the account from a submit, typed as the schema says, once, through the journal', async () => {
    const group = fx.sandbox.tenant.entitlementsOfSource(flat())[0];
    fx.api.ui.answer([]);
    const { form, done } = await openForm();
    const mark = fx.sandbox.requestLog().length;
    const values = { id: 'S-1001', userName: 'schema.person', email: 'schema.person@example.com', groups: [group.value, 'Contractors-Extra'], weeklyHours: ' 38 ', rehireEligible: 'true', contractEnd: '2027-03-31' };
    assert.equal(await form.receive({ type: 'changed', values }), 'handled');
    assert.equal(await form.receive({ type: 'submit', values }), 'handled');
    const report = await done;
    assert.deepEqual(report?.results.map((r) => r.outcome), ['applied']);
    const created = fx.sandbox.tenant.accountsOfSource(flat()).find((a) => a.nativeIdentity === 'S-1001');
    assert.ok(created, 'the account exists in the sandbox');
    assert.equal(created.name, 'schema.person');
    const attributes = fx.sandbox.tenant.attributesOf(created);
    assert.deepEqual([attributes.weeklyHours, attributes.rehireEligible, attributes.contractEnd, attributes.groups], [38, true, '2027-03-31', [group.value, 'Contractors-Extra']]);
    assert.deepEqual(created.entitlementIds, [group.id]);
    assert.equal(createRequests(mark).length, 1, 'one POST /accounts');
    assert.equal(fx.sandbox.ledger.applied({ kind: 'create', nativeIdentity: 'S-1001' }).length, 1, 'applied once');
    const [entry] = await fx.api.journal.entries(fx.tenantId);
    assert.equal(entry.action, 'create');
    assert.equal(entry.items[0].state, 'applied');
    assert.ok(notices(fx.api, 'info').some((message) => /created on "Contractor Roster \(CSV\)"/.test(message)), JSON.stringify(fx.api.ui.transcript));
    assert.equal(fx.api.createAccountForm(fx.tenantId, flat()), undefined, 'the form closed after the create');
  });

  it('refuses a wrong type with a message naming the attribute, sends nothing, and keeps every value typed', async () => {
    fx.api.ui.answer([true]);
    const { form, done } = await openForm();
    const mark = fx.sandbox.requestLog().length;
    const values = { id: 'S-1002', userName: 'typed.wrong', weeklyHours: '7.5', rehireEligible: 'yes', contractEnd: '31/03/2027', groups: ['one', ''] };
    assert.equal(await form.receive({ type: 'submit', values }), 'handled');
    const shown = form.shown!;
    const problem = new Map(shown.problems.map((p) => [p.attribute, p.message]));
    assert.deepEqual([...problem.keys()].sort(), ['contractEnd', 'rehireEligible', 'weeklyHours']);
    assert.match(problem.get('weeklyHours') ?? '', /^weeklyHours must be a whole number \(INT\)[^;]*; "7\.5" is not\.$/);
    assert.match(problem.get('contractEnd') ?? '', /contractEnd must be a date \(DATE\) as YYYY-MM-DD/);
    assert.match(shown.notice ?? '', /Nothing was sent: 3 values need fixing/);
    assert.deepEqual(shown.values, values, 'what was typed is shown again as typed');
    assert.deepEqual(form.typedValues, values);
    assert.equal(createRequests(mark).length, 0, 'no POST /accounts');
    assert.equal(fx.sandbox.ledger.entries({ kind: 'create', nativeIdentity: 'S-1002' }).length, 0);
    await form.receive({ type: 'cancel' });
    assert.equal(await done, undefined);
    assert.match(fx.api.ui.transcript.find((entry) => entry.kind === 'confirm')?.prompt ?? '', /Discard the values typed for the new account/);
  });

  it('refuses what a webview could not have sent, and logs why', async () => {
    fx.api.ui.answer([]);
    const { form, done } = await openForm();
    assert.equal(await form.receive({ type: 'submit', values: { id: 5 } }), 'refused');
    assert.equal(await form.receive({ type: 'submit', values: JSON.parse('{"__proto__": "x"}') }), 'refused');
    assert.equal(await form.receive({ type: 'create', values: {} }), 'refused');
    assert.equal(await form.receive('submit'), 'refused');
    await form.receive({ type: 'cancel' });
    assert.equal(await done, undefined);
  });

  it('a script\'s attributes are checked against the schema the same way: a wrong type is refused and nothing is sent', async () => {
    fx.api.ui.answer([]);
    const mark = fx.sandbox.requestLog().length;
    const report = await run<Report>('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: flat(), attributes: { id: 'S-1003', weeklyHours: 'many' } });
    assert.equal(report, undefined);
    const [error] = notices(fx.api, 'error');
    assert.match(error ?? '', /nothing was sent\. weeklyHours must be a whole number \(INT\)[^;]*; "many" is not\./);
    assert.equal(createRequests(mark).length, 0);
    fx.api.ui.answer([]);
    const created = await run<Report>('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: flat(), attributes: { id: 'S-1003', weeklyHours: 12, rehireEligible: false } });
    assert.deepEqual(created?.results.map((r) => r.outcome), ['applied']);
    const account = fx.sandbox.tenant.accountsOfSource(flat()).find((a) => a.nativeIdentity === 'S-1003')!;
    assert.deepEqual([fx.sandbox.tenant.attributesOf(account).weeklyHours, fx.sandbox.tenant.attributesOf(account).rehireEligible], [12, false]);
  });

  it('closing the tab with values typed asks; Reopen brings the values back', async () => {
    fx.api.ui.answer(['Reopen the Form', true]);
    const { form, done } = await openForm();
    const values = { id: 'S-1004', department: 'QA' };
    await form.receive({ type: 'changed', values });
    form.panel.dispose();
    let reopened: CreateAccountFormPanel | undefined;
    await until(() => (reopened = fx.api.createAccountForm(fx.tenantId, flat())) !== undefined && reopened !== form && reopened.shown !== undefined, 'the form reopened');
    assert.match(fx.api.ui.transcript.find((entry) => entry.kind === 'choice')?.prompt ?? '', /was closed with values typed/);
    assert.deepEqual(reopened!.shown!.values, values);
    await reopened!.receive({ type: 'cancel' });
    assert.equal(await done, undefined);
  });

  it('uses the key=value input where the source offers no account schema, and says why in the log', async () => {
    const logged: string[] = [];
    const info = fx.api.log.info;
    fx.api.log.info = (message: string, ...args: unknown[]) => {
      logged.push(message);
      info.call(fx.api.log, message, ...args);
    };
    try {
      fx.api.ui.answer(['S-1005', 'plain.person', 'department=QA']);
      const report = await withoutAccountSchema(fx.sandbox, flat(), () => run<Report>('iscAccounts.source.createAccount', { tenantId: fx.tenantId, sourceId: flat() }));
      assert.deepEqual(report?.results.map((r) => r.outcome), ['applied']);
      assert.deepEqual(fx.api.ui.transcript.filter((entry) => entry.kind === 'input').map((entry) => entry.title), [1, 2, 3].map((n) => `Create Account (flat file): Contractor Roster (CSV) (${n}/3)`));
      assert.equal(fx.api.createAccountForm(fx.tenantId, flat()), undefined, 'no form');
      assert.ok(logged.some((line) => /no form for "Contractor Roster \(CSV\)": it has no account schema.*key=value/.test(line)), logged.join('\n'));
    } finally {
      fx.api.log.info = info;
    }
    const created = fx.sandbox.tenant.accountsOfSource(flat()).find((a) => a.nativeIdentity === 'S-1005');
    assert.equal(fx.sandbox.tenant.attributesOf(created!).department, 'QA');
  });
});
