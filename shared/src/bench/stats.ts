import type { StatementStat } from './statement-counter';

export interface StatusCounts {
  readonly success: number;
  /** 4xx other than 409: unknown sku, invalid body, a 404 of GET /allocations. */
  readonly clientErrors: number;
  readonly conflicts: number;
  readonly serverErrors: number;
  readonly other: number;
}

export function countByStatus(counts: Readonly<Record<string, number>>): StatusCounts {
  const result = { success: 0, clientErrors: 0, conflicts: 0, serverErrors: 0, other: 0 };
  for (const [code, count] of Object.entries(counts)) {
    const status = Number(code);
    if (status >= 200 && status < 300) result.success += count;
    else if (status === 409) result.conflicts += count;
    else if (status >= 400 && status < 500) result.clientErrors += count;
    else if (status >= 500) result.serverErrors += count;
    else result.other += count;
  }
  return result;
}

export function totalResponses(counts: StatusCounts): number {
  return counts.success + counts.clientErrors + counts.conflicts + counts.serverErrors + counts.other;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** Statements per response, or "n/a" when they could not be counted. */
export function perResponse(statements: number | undefined, responses: number): string {
  if (statements === undefined) return 'n/a';
  return responses === 0 ? '-' : (statements / responses).toFixed(1);
}

/** "START TRANSACTION, SET TRANSACTION, SELECT, 2 INSERT, COMMIT": statement kinds in order of first appearance. */
export function summarizeStatements(stats: readonly StatementStat[]): string {
  const counts = new Map<string, number>();
  for (const { query, calls } of stats) {
    const kind = statementKind(query);
    counts.set(kind, (counts.get(kind) ?? 0) + calls);
  }
  return [...counts]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, count]) => (count === 1 ? kind : `${count} ${kind}`))
    .join(', ');
}

/** pg_stat_statements keeps no order: list the kinds the way a transaction runs them. */
const ORDER = [
  'START TRANSACTION',
  'BEGIN',
  'SET TRANSACTION',
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'COMMIT',
];

function rank(kind: string): number {
  const index = ORDER.indexOf(kind);
  return index === -1 ? ORDER.length : index;
}

function statementKind(query: string): string {
  const [first = '', second = ''] = query.trim().split(/\s+/);
  const twoWords = `${first} ${second}`.toUpperCase();
  return ['START TRANSACTION', 'SET TRANSACTION'].includes(twoWords) ? twoWords : first.toUpperCase();
}
