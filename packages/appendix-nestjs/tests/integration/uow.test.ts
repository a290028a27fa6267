import { meetingOf, randomOrderid, randomSku } from 'shared';
import { Batch, OrderLine } from '../../src/domain/model';
import * as models from '../../src/adapters/models';
import { ActiveRecordUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

/** Through the models, as the book's test does: inside a unit of work, in its transaction. */
async function insertBatch(ref: string, sku: string, qty: number, eta: string | null): Promise<void> {
  await models.Batch.create({ reference: ref, sku, qty, eta, allocations: [] }).save();
}

async function getAllocatedBatchRef(orderid: string, sku: string): Promise<string> {
  const batch = await models.Batch.findOneByOrFail({ allocations: { orderid, sku } });
  return batch.reference;
}

it('uow can retrieve a batch and allocate to it', async () => {
  await insertBatch('batch1', 'HIPSTER-WORKBENCH', 100, null);

  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const batch = await uow.batches.get('batch1');
    const line = new OrderLine('o1', 'HIPSTER-WORKBENCH', 10);
    batch.allocate(line);
    await uow.commit();
  });

  const batchref = await getAllocatedBatchRef('o1', 'HIPSTER-WORKBENCH');
  expect(batchref).toBe('batch1');
});

it('rolls back uncommitted work by default', async () => {
  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await insertBatch('batch1', 'MEDIUM-PLINTH', 100, null);
  });

  const rows = await models.Batch.find();
  expect(rows).toEqual([]);
});

it('rolls back on error', async () => {
  class MyException extends Error {}

  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  const attempt = uow.run(async () => {
    await insertBatch('batch1', 'LARGE-FORK', 100, null);
    throw new MyException();
  });

  await expect(attempt).rejects.toThrow(MyException);
  const rows = await models.Batch.find();
  expect(rows).toEqual([]);
});

it('saves at commit what the block changed in batches it listed (the book leaves those out)', async () => {
  await insertBatch('batch1', 'SMALL-TABLE', 20, null);

  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const [batch] = await uow.batches.list();
    batch?.allocate(new OrderLine('o1', 'SMALL-TABLE', 2));
    await uow.commit();
  });

  expect(await getAllocatedBatchRef('o1', 'SMALL-TABLE')).toBe('batch1');
});

it('saves at commit a batch added in the block and changed after', async () => {
  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const batch = new Batch('batch1', 'SMALL-TABLE', 20, null);
    await uow.batches.add(batch); // inserted as it is now: no allocation yet
    batch.allocate(new OrderLine('o1', 'SMALL-TABLE', 2));
    await uow.commit();
  });

  expect(await getAllocatedBatchRef('o1', 'SMALL-TABLE')).toBe('batch1');
});

it('works at REPEATABLE READ, the isolation the book takes from chapter 7', async () => {
  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  const isolation = await uow.run(() =>
    uow.connection.manager.query<[{ transaction_isolation: string }]>('SHOW transaction_isolation'),
  );

  expect(isolation).toEqual([{ transaction_isolation: 'repeatable read' }]);
});

it('a committed block leaves nothing to roll back, and logs no failed rollback', async () => {
  const consoleError = jest.spyOn(console, 'error');

  try {
    const uow = new ActiveRecordUnitOfWork(db.dataSource);
    await uow.run(() => uow.commit());

    expect(consoleError).not.toHaveBeenCalled();
  } finally {
    consoleError.mockRestore();
  }
});

it('two units of work at once each keep to their own transaction', async () => {
  const bothInside = meetingOf(2);
  const work = (ref: string, commit: boolean) => {
    const uow = new ActiveRecordUnitOfWork(db.dataSource);
    return uow.run(async () => {
      await insertBatch(ref, 'TWIN-SKU', 10, null);
      await bothInside(); // both blocks run, interleaved, on their own connections
      if (commit) await uow.commit();
    });
  };

  await Promise.all([work('kept', true), work('dropped', false)]);

  const rows = await models.Batch.find();
  expect(rows.map((row) => row.reference)).toEqual(['kept']);
});

it('releases its connection however the work ends', async () => {
  const uow = new ActiveRecordUnitOfWork(db.dataSource);
  // typeorm keeps its pg Pool here, unexposed: its counters tell whether a connection is still out
  const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
    .master;

  for (let i = 0; i < 5; i++) {
    await expect(uow.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await uow.run(async () => {
      await models.Batch.find();
    });
    await uow.run(async () => {
      await models.Batch.find();
      await uow.commit();
    });
  }

  expect(pool.totalCount).toBeGreaterThan(0);
  expect(pool.idleCount).toBe(pool.totalCount);
});

it('two concurrent allocations can both take the last of the stock: chapter 7 stops that', async () => {
  const sku = randomSku();
  await insertBatch('batch1', sku, 10, null);
  const bothHaveRead = meetingOf(2);

  const allocateAll = async (orderid: string): Promise<void> => {
    const uow = new ActiveRecordUnitOfWork(db.dataSource);
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
async function dropConnection(uow: ActiveRecordUnitOfWork): Promise<void> {
  const [{ pid }] = await uow.connection.manager.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
  await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
}

it('a rollback that fails does not hide the error of the block', async () => {
  class MyException extends Error {}
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {}); // the failed rollback is logged

  try {
    const uow = new ActiveRecordUnitOfWork(db.dataSource);
    const attempt = uow.run(async () => {
      await dropConnection(uow);
      throw new MyException();
    });

    await expect(attempt).rejects.toThrow(MyException);
    expect(consoleError).toHaveBeenCalledWith('rollback failed', expect.any(Error));
  } finally {
    consoleError.mockRestore();
  }
});
