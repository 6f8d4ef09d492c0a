// What a bulk run's one notification says about tasks that ended WARNING: each of ISC's texts
// once, with how often it came, and a pointer to the report when there are many.
import * as assert from 'node:assert/strict';
import { changeResult, summarizeWarnings } from '../../src/core/change-report';

const warned = (label: string, ...warnings: string[]) =>
  changeResult('disable', { tenantId: 't', accountId: label, label }, { outcome: 'applied', warnings, evidence: { kind: 'task', taskId: label, completionStatus: 'WARNING' } });
const plain = (label: string) => changeResult('disable', { tenantId: 't', accountId: label, label }, { outcome: 'applied', evidence: { kind: 'answer' } });

describe('summarizeWarnings', () => {
  it('is empty when no task warned', () => {
    assert.equal(summarizeWarnings([plain('a'), plain('b')]), '');
  });

  it('names each text once, with how many results it came with', () => {
    assert.equal(summarizeWarnings([warned('a', 'Manager not told.'), warned('b', 'Manager not told.'), plain('c'), warned('d', 'Slow.')]), ' ISC warned: Manager not told. (2 times); Slow.');
  });

  it('names the first few and points to the report for the rest', () => {
    const results = ['one', 'two', 'three', 'four', 'five'].map((text) => warned(text, text));
    assert.equal(summarizeWarnings(results), ' ISC warned: one; two; three; and 2 other warnings (see the report)');
  });
});
