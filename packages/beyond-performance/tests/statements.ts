import type { DataSource, QueryRunner } from 'typeorm';

/** The statements the query runners of `dataSource` send while `work` runs, each by its first word. */
export async function statementsOf(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const sent = jest.spyOn(Object.getPrototypeOf(runner) as QueryRunner, 'query');
  await runner.release();
  try {
    await work();
    return sent.mock.calls.map(([sql]) => sql.trim().split(/\s+/)[0]!);
  } finally {
    sent.mockRestore();
  }
}
