import type { Client } from 'pg';

/** What the database holds after a load, to hold it against what the API answered. */
export interface DatabaseState {
  readonly allocationRows: number;
  /** Rows of allocations_view; undefined for chapters without a read model. */
  readonly readModelRows?: number;
  readonly batches: readonly BatchFill[];
}

export interface BatchFill {
  readonly reference: string;
  readonly purchased: number;
  readonly allocated: number;
}

/** Every 2xx allocation must be in the database (and the read model), and no batch may hold more than it bought. */
export function integrityProblems(allocatedResponses: number, state: DatabaseState): string[] {
  const problems: string[] = [];
  if (state.allocationRows < allocatedResponses)
    problems.push(
      `${allocatedResponses} allocations answered 2xx, but only ${state.allocationRows} rows in allocations`,
    );
  if (state.readModelRows !== undefined && state.readModelRows < allocatedResponses)
    problems.push(
      `${allocatedResponses} allocations answered 2xx, but only ${state.readModelRows} rows in allocations_view`,
    );
  for (const { reference, purchased, allocated } of state.batches)
    if (allocated > purchased)
      problems.push(`batch ${reference} is over-allocated: ${allocated} allocated of ${purchased} purchased`);
  return problems;
}

export async function readDatabaseState(client: Client, readModel: boolean): Promise<DatabaseState> {
  const count = async (table: string): Promise<number> =>
    (await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${table}"`)).rows[0]?.count ??
    0;
  const { rows: batches } = await client.query<BatchFill>(
    `SELECT b.reference, b._purchased_quantity AS purchased, COALESCE(sum(l.qty), 0)::int AS allocated
     FROM batches b
     LEFT JOIN allocations a ON a.batch_id = b.id
     LEFT JOIN order_lines l ON l.id = a.orderline_id
     GROUP BY b.id, b.reference, b._purchased_quantity`,
  );
  return {
    allocationRows: await count('allocations'),
    readModelRows: readModel ? await count('allocations_view') : undefined,
    batches,
  };
}
