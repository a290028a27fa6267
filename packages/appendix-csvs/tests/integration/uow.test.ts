import { meetingOf, randomOrderid, randomSku } from 'shared';
import { OrderLine } from '../../src/domain/model';
import type { TypeOrmSession } from '../../src/adapters/session';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

async function insertBatch(
  session: TypeOrmSession,
  ref: string,
  sku: string,
  qty: number,
  eta: string | null,
): Promise<void> {
  await session.execute(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4)',
    [ref, sku, qty, eta],
  );
}

async function getAllocatedBatchRef(session: TypeOrmSession, orderid: string, sku: string): Promise<string> {
  const [{ id: orderlineid }] = await session.execute<[{ id: number }]>(
    'SELECT id FROM order_lines WHERE orderid = $1 AND sku = $2',
    [orderid, sku],
  );
  const [{ reference }] = await session.execute<[{ reference: string }]>(
    'SELECT b.reference FROM allocations JOIN batches AS b ON batch_id = b.id WHERE orderline_id = $1',
    [orderlineid],
  );
  return reference;
}

it('uow can retrieve a batch and allocate to it', async () => {
  const session = await db.session();
  await insertBatch(session, 'batch1', 'HIPSTER-WORKBENCH', 100, null);
  await session.commit();

  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const batch = await uow.batches.get('batch1');
    const line = new OrderLine('o1', 'HIPSTER-WORKBENCH', 10);
    batch.allocate(line);
    await uow.commit();
  });

  const batchref = await getAllocatedBatchRef(session, 'o1', 'HIPSTER-WORKBENCH');
  expect(batchref).toBe('batch1');
});

it('rolls back uncommitted work by default', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await insertBatch(uow.session, 'batch1', 'MEDIUM-PLINTH', 100, null);
  });

  const rows = await db.dataSource.query<unknown[]>('SELECT * FROM batches');
  expect(rows).toEqual([]);
});

it('rolls back on error', async () => {
  class MyException extends Error {}

  const uow = new TypeOrmUnitOfWork(db.dataSource);
  const attempt = uow.run(async () => {
    await insertBatch(uow.session, 'batch1', 'LARGE-FORK', 100, null);
    throw new MyException();
  });

  await expect(attempt).rejects.toThrow(MyException);
  const rows = await db.dataSource.query<unknown[]>('SELECT * FROM batches');
  expect(rows).toEqual([]);
});

it('releases its connection however the work ends', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  // typeorm keeps its pg Pool here, unexposed: its counters tell whether a connection is still out
  const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
    .master;

  for (let i = 0; i < 5; i++) {
    await expect(uow.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await uow.run(async () => {
      await uow.session.execute('SELECT 1');
    });
    await uow.run(async () => {
      await uow.session.execute('SELECT 1');
      await uow.commit();
    });
  }

  expect(pool.totalCount).toBeGreaterThan(0);
  expect(pool.idleCount).toBe(pool.totalCount);
});

it('two concurrent allocations can both take the last of the stock: chapter 7 stops that', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, 'batch1', sku, 10, null);
  await session.commit();
  const bothHaveRead = meetingOf(2);

  const allocateAll = async (orderid: string): Promise<void> => {
    const uow = new TypeOrmUnitOfWork(db.dataSource);
    await uow.run(async () => {
      const [batch] = await uow.batches.list();
      batch?.allocate(new OrderLine(orderid, sku, 10));
      await bothHaveRead(); // both transactions have seen 10 available before either commits
      await uow.commit();
    });
  };

  await Promise.all([allocateAll(randomOrderid(1)), allocateAll(randomOrderid(2))]);

  // each writes rows of its own (an order line, an allocation), so nothing stops the second: 20 of 10 allocated
  const allocated = await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM allocations');
  expect(allocated).toEqual([{ n: 2 }]);
});

/** Drops the unit of work's connection from the server's side, as a network failure would. */
async function dropConnection(session: TypeOrmSession): Promise<void> {
  const [{ pid }] = await session.execute<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
  await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
}

it('a rollback that fails does not hide the error of the block', async () => {
  class MyException extends Error {}
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {}); // the failed rollback is logged

  try {
    const uow = new TypeOrmUnitOfWork(db.dataSource);
    const attempt = uow.run(async () => {
      await dropConnection(uow.session);
      throw new MyException();
    });

    await expect(attempt).rejects.toThrow(MyException);
    expect(consoleError).toHaveBeenCalledWith('rollback failed', expect.any(Error));
  } finally {
    consoleError.mockRestore();
  }
});

it('rollback in the block ends its transaction at once, not when the block ends', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const [{ pid }] = await uow.session.execute<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');

    await uow.rollback();

    const [{ state }] = await db.dataSource.query<[{ state: string }]>(
      'SELECT state FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    expect(state).toBe('idle'); // not 'idle in transaction': the block's work is undone already
  });
});
