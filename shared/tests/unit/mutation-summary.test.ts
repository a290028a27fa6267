import type { MutantResult, MutantStatus } from '@stryker-mutator/api/core';
import { join } from 'node:path';
import { summarise } from '../../src/mutation/summary';

function mutant(status: MutantStatus, line: number, replacement = 'true'): MutantResult {
  const location = { start: { line, column: 9 }, end: { line, column: 20 } };
  return {
    id: String(line),
    fileName: join(process.cwd(), 'src', 'domain', 'model.ts'),
    mutatorName: 'ConditionalExpression',
    replacement,
    status,
    location,
  };
}

it('scores killed and timed-out mutants over every mutant that ran or that no test reaches', () => {
  const summary = summarise([
    mutant('Killed', 1),
    mutant('Timeout', 2),
    mutant('Survived', 3),
    mutant('NoCoverage', 4),
    mutant('CompileError', 5), // neither detected nor valid: not counted
  ]);

  expect([summary.detected, summary.valid, summary.score]).toEqual([2, 4, 50]);
});

it('names every survivor by file, line and column, and says which no test reaches', () => {
  const summary = summarise([
    mutant('Survived', 3, 'a <=\n   b'),
    mutant('NoCoverage', 4),
    mutant('Killed', 5),
  ]);

  expect(summary.survivors).toEqual([
    `${join('src', 'domain', 'model.ts')}:3:9 ConditionalExpression: a <= b`,
    `${join('src', 'domain', 'model.ts')}:4:9 ConditionalExpression (no test covers it): true`,
  ]);
});

it('scores a package with no mutants 100%', () => {
  expect(summarise([]).score).toBe(100);
});
