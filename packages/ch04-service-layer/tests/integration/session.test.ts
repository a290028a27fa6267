import { Batch, OrderLine } from '../../src/domain/model';
import { withSession } from '../../src/adapters/session';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

async function insertBatch(ref: string, sku: string, qty: number): Promise<void> {
  await db.dataSource.query(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, null)',
    [ref, sku, qty],
  );
}

it('commit writes what changed in the batches the repository handed out', async () => {
  await insertBatch('batch1', 'HIPSTER-WORKBENCH', 100);

  await withSession(db.dataSource, async (repo, session) => {
    const batch = await repo.get('batch1');
    batch.allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 10));
    await session.commit();
  });

  const rows = await db.dataSource.query<unknown[]>(
    'SELECT b.reference, l.orderid FROM allocations' +
      ' JOIN batches AS b ON b.id = batch_id JOIN order_lines AS l ON l.id = orderline_id',
  );
  expect(rows).toEqual([{ reference: 'batch1', orderid: 'o1' }]);
});

it('rolls back what was not committed, and releases its connection however the work ends', async () => {
  await insertBatch('batch1', 'MEDIUM-PLINTH', 100);
  // typeorm keeps its pg Pool here, unexposed: its counters tell whether a connection is still out
  const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
    .master;

  await withSession(db.dataSource, async (repo) => {
    (await repo.get('batch1')).allocate(new OrderLine('o1', 'MEDIUM-PLINTH', 10));
    await repo.flush();
  });
  const failed = withSession(db.dataSource, async (repo) => {
    await repo.add(new Batch('batch2', 'LARGE-FORK', 100, null));
    throw new Error('boom');
  });

  await expect(failed).rejects.toThrow('boom');
  const counts = await db.dataSource.query<unknown[]>(
    'SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM allocations) AS allocations',
  );
  expect(counts).toEqual([{ batches: 1, allocations: 0 }]);
  expect(pool.idleCount).toBe(pool.totalCount);
});

/** Drops the connection of the one transaction left open in this test's database, as a network failure would. */
async function dropConnectionInTransaction(): Promise<void> {
  const terminated = await db.dataSource.query<unknown[]>(
    "SELECT pg_terminate_backend(pid, 5000) AS dropped FROM pg_stat_activity WHERE usename = current_user AND state = 'idle in transaction'",
  );
  expect(terminated).toEqual([{ dropped: true }]);
}

it('a rollback that fails does not hide the error of the work', async () => {
  await insertBatch('batch1', 'SMALL-TABLE', 100);
  class MyException extends Error {}
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {}); // the failed rollback is logged

  try {
    const failed = withSession(db.dataSource, async (repo) => {
      await repo.get('batch1');
      await dropConnectionInTransaction();
      throw new MyException('the work failed');
    });

    await expect(failed).rejects.toThrow(MyException);
    expect(consoleError).toHaveBeenCalledWith('rollback failed after an error', expect.any(Error));
  } finally {
    consoleError.mockRestore();
  }
});
