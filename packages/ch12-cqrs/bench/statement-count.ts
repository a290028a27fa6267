import { addBatch, allocate, ALLOCATED, expectStatus, postJson, shipmentEta } from './api';
import type { BenchEnvironment } from './environment';

export interface Scenario {
  readonly batches: number;
  /** Allocations already made on the sku before the one counted. */
  readonly existingAllocations: number;
}

export interface Measurement {
  readonly scenario: Scenario;
  readonly statements: readonly string[];
}

/** Each pair differs only in the number of batches: no N+1 loading means equal counts within a pair. */
export const SCENARIOS: readonly Scenario[] = [
  { batches: 1, existingAllocations: 0 },
  { batches: 50, existingAllocations: 0 },
  { batches: 1, existingAllocations: 60 },
  { batches: 50, existingAllocations: 60 },
];

const BATCH_QTY = 10;
const LINE_QTY = 5; // two lines fill a batch, so 60 allocations spread over 30 of the 50 batches

/** Counts the statements one POST /allocate sends, each scenario on emptied tables and a fresh sku. */
export async function measureStatementCounts(env: BenchEnvironment): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const scenario of SCENARIOS) measurements.push(await measure(env, scenario));
  return measurements;
}

async function measure(env: BenchEnvironment, scenario: Scenario): Promise<Measurement> {
  await env.truncate();
  const sku = `COUNT-${scenario.batches}-BATCHES-${scenario.existingAllocations}-ALLOCATIONS`;
  // one batch must hold all the lines; with 50 batches the lines spread over them
  const qty = scenario.batches === 1 ? (scenario.existingAllocations + 1) * LINE_QTY : BATCH_QTY;
  for (let i = 0; i < scenario.batches; i++)
    await addBatch(env.apiUrl, { ref: `${sku}-b${i}`, sku, qty, eta: shipmentEta(i) });
  for (let i = 0; i < scenario.existingAllocations; i++)
    await allocate(env.apiUrl, { orderid: `${sku}-o${i}`, sku, qty: LINE_QTY });

  let reply = { status: 0, body: '' };
  const statements = await env.counter.record(async () => {
    reply = await postJson(env.apiUrl, '/allocate', { orderid: `${sku}-counted`, sku, qty: LINE_QTY });
  });
  expectStatus(reply, ALLOCATED, `the counted allocation (${describe(scenario)})`);
  await expectAllocations(env, scenario.existingAllocations + 1);
  expectReadModelWrite(statements, scenario);
  return { scenario, statements };
}

/** The Allocated event's handlers run before the answer: the count must include their statements. */
function expectReadModelWrite(statements: readonly string[], scenario: Scenario): void {
  if (!statements.some((statement) => statement.includes('allocations_view')))
    throw new Error(`the counted allocation (${describe(scenario)}) did not write the read model`);
}

/** The status alone may not say whether the line got a batch. */
export async function expectAllocations(env: BenchEnvironment, expected: number): Promise<void> {
  const actual = await env.allocationsInDatabase();
  if (actual !== expected)
    throw new Error(`expected ${expected} allocations in the database, found ${actual}`);
}

export function describe({ batches, existingAllocations }: Scenario): string {
  const batchText = batches === 1 ? '1 batch' : `${batches} batches`;
  return `${batchText}, ${existingAllocations} allocations already`;
}

/** The measurements whose count differs from the 1-batch one with the same existing allocations. */
export function nPlusOneSuspects(measurements: readonly Measurement[]): Measurement[] {
  return measurements.filter((m) => {
    const oneBatch = measurements.find(
      (other) =>
        other.scenario.batches === 1 && other.scenario.existingAllocations === m.scenario.existingAllocations,
    );
    return oneBatch !== undefined && oneBatch.statements.length !== m.statements.length;
  });
}

/** "START TRANSACTION, SET TRANSACTION, SELECT, 2 INSERT, COMMIT": one such list per transaction, joined by " + " */
export function summarize(statements: readonly string[]): string {
  return byTransaction(statements).map(summarizeTransaction).join(' + ');
}

function byTransaction(statements: readonly string[]): string[][] {
  const transactions: string[][] = [];
  for (const statement of statements) {
    const current = transactions.at(-1);
    if (current === undefined || statementKind(statement) === 'START TRANSACTION')
      transactions.push([statement]);
    else current.push(statement);
  }
  return transactions;
}

function summarizeTransaction(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const statement of statements) {
    const kind = statementKind(statement);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => (count === 1 ? kind : `${count} ${kind}`)).join(', ');
}

function statementKind(statement: string): string {
  const words = statement.trim().split(/\s+/);
  const [first = '', second = ''] = words;
  const twoWordKinds = ['START TRANSACTION', 'SET TRANSACTION'];
  const twoWords = `${first} ${second}`.toUpperCase();
  return twoWordKinds.includes(twoWords) ? twoWords : first.toUpperCase();
}
