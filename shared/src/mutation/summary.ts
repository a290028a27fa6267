import { relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';

export interface MutationSummary {
  /** Stryker's mutation score: detected (killed or timed out) over the mutants that ran or had no test. */
  score: number;
  detected: number;
  valid: number;
  /** One line per survivor (and per mutant no test covers): `file:line mutator: replacement`. */
  survivors: string[];
}

export function summarise(results: readonly MutantResult[]): MutationSummary {
  const detected = results.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
  const undetected = results.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  const valid = detected + undetected.length;
  return {
    score: valid === 0 ? 100 : (100 * detected) / valid,
    detected,
    valid,
    survivors: undetected.map(
      (m) =>
        `${relative(process.cwd(), m.fileName)}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no test covers it)' : ''}: ${oneLine(m.replacement ?? '')}`,
    ),
  };
}

function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}…` : flat;
}
