import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { meetingOf, randomBatchref, randomOrderid, randomSku } from 'shared';
import { OutOfStock } from '../../src/domain/events';
import { Batch, OrderLine } from '../../src/domain/model';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';
import { createDataSource } from '../../src/adapters/orm';

const db = useTestDatabase();

async function insertBatch(
  session: EntityManager,
  ref: string,
  sku: string,
  qty: number,
  eta: string | null,
  productVersion = 1,
): Promise<void> {
  await session.query('INSERT INTO products (sku, version_number) VALUES ($1, $2)', [sku, productVersion]);
  await session.query(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4)',
    [ref, sku, qty, eta],
  );
}

async function getAllocatedBatchRef(session: EntityManager, orderid: string, sku: string): Promise<string> {
  const [{ id: orderlineid }] = await session.query<[{ id: number }]>(
    'SELECT id FROM order_lines WHERE orderid = $1 AND sku = $2',
    [orderid, sku],
  );
  const [{ reference }] = await session.query<[{ reference: string }]>(
    'SELECT b.reference FROM allocations JOIN batches AS b ON batch_id = b.id WHERE orderline_id = $1',
    [orderlineid],
  );
  return reference;
}

it('uow can retrieve a batch and allocate to it', async () => {
  const session = db.dataSource.manager;
  await insertBatch(session, 'batch1', 'HIPSTER-WORKBENCH', 100, null);

  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const product = await uow.products.get('HIPSTER-WORKBENCH');
    const line = new OrderLine('o1', 'HIPSTER-WORKBENCH', 10);
    product?.allocate(line);
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
      await uow.session.query('SELECT 1');
    });
    await uow.run(async () => {
      await uow.session.query('SELECT 1');
      await uow.commit();
    });
  }

  expect(pool.totalCount).toBeGreaterThan(0);
  expect(pool.idleCount).toBe(pool.totalCount);
});

it('refuses to run inside its own run', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const nested = uow.run(() => uow.run(async () => {}));

  await expect(nested).rejects.toThrow('uow.run() cannot be nested');
});

it('is usable only inside run', () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  expect(() => uow.products).toThrow('only usable inside uow.run()');
});

async function tryToAllocate(orderid: string, sku: string, bothHaveRead: () => Promise<void>): Promise<void> {
  const line = new OrderLine(orderid, sku, 10);
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(line);
    await bothHaveRead(); // the book sleeps 0.2 s here; a barrier makes the overlap certain
    await uow.commit();
  });
}

it('concurrent updates to version are not allowed', async () => {
  const [sku, batch] = [randomSku(), randomBatchref()];
  const session = db.dataSource.manager;
  await insertBatch(session, batch, sku, 100, null, 1);
  const barrier = meetingOf(2);

  const [order1, order2] = [randomOrderid(1), randomOrderid(2)];
  const results = await Promise.allSettled([
    tryToAllocate(order1, sku, barrier),
    tryToAllocate(order2, sku, barrier),
  ]);

  const [{ version }] = await session.query<[{ version: number }]>(
    'SELECT version_number AS version FROM products WHERE sku = $1',
    [sku],
  );
  expect(version).toBe(2);
  const exceptions = results.flatMap((result): unknown[] =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  expect(exceptions).toHaveLength(1);
  expect(String(exceptions[0])).toContain('could not serialize access due to concurrent update');

  const orders = await session.query<unknown[]>(
    'SELECT orderid FROM allocations' +
      ' JOIN batches ON allocations.batch_id = batches.id' +
      ' JOIN order_lines ON allocations.orderline_id = order_lines.id' +
      ' WHERE order_lines.sku = $1',
    [sku],
  );
  expect(orders).toHaveLength(1);
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.session.query('SELECT 1');
  });
});

it('collects the new events of the products it has seen', async () => {
  const sku = randomSku();
  await insertBatch(db.dataSource.manager, randomBatchref(), sku, 1, null);
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const collected = await uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 10));
    await uow.commit();
    return [...uow.collectNewEvents()];
  });

  expect(collected).toEqual([new OutOfStock(sku)]);
});

it('a batch quantity change and a concurrent allocation are not both allowed', async () => {
  const [sku, batch] = [randomSku(), randomBatchref()];
  await insertBatch(db.dataSource.manager, batch, sku, 20, null, 1);
  // allocated by another process: this one keeps nothing of the product, so both units of work load it
  const otherProcess = await createDataSource(db.url).initialize();
  const setup = new TypeOrmUnitOfWork(otherProcess);
  await setup.run(async () => {
    (await setup.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 10));
    await setup.commit();
  });
  await otherProcess.destroy();
  const barrier = meetingOf(2);

  const results = await Promise.allSettled([
    inNewUnitOfWork(async (uow) => {
      (await uow.products.getByBatchref(batch))?.changeBatchQuantity(batch, 10); // 10 left: nothing to deallocate
      await barrier();
    }),
    inNewUnitOfWork(async (uow) => {
      (await uow.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 5)); // sees 10 available
      await barrier();
    }),
  ]);

  const failures = results.flatMap((result): unknown[] =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  expect(failures).toHaveLength(1);
  expect(String(failures[0])).toContain('could not serialize access due to concurrent update');
  const [{ purchased, allocated }] = await db.dataSource.query<[{ purchased: number; allocated: number }]>(
    'SELECT b._purchased_quantity AS purchased, coalesce(sum(l.qty), 0)::int AS allocated FROM batches b' +
      ' LEFT JOIN allocations a ON a.batch_id = b.id LEFT JOIN order_lines l ON l.id = a.orderline_id' +
      ' WHERE b.reference = $1 GROUP BY b._purchased_quantity',
    [batch],
  );
  expect(allocated).toBeLessThanOrEqual(purchased);
});

it('nor are they when the allocation starts from what this process last committed', async () => {
  const [sku, batch] = [randomSku(), randomBatchref()];
  await insertBatch(db.dataSource.manager, batch, sku, 20, null, 1);
  const setup = new TypeOrmUnitOfWork(db.dataSource); // this process keeps the product as it commits it
  await setup.run(async () => {
    (await setup.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 10));
    await setup.commit();
  });
  const barrier = meetingOf(2);

  const results = await Promise.allSettled([
    inNewUnitOfWork(async (uow) => {
      (await uow.products.getByBatchref(batch))?.changeBatchQuantity(batch, 10); // 10 left: nothing to deallocate
      await barrier();
    }),
    inNewUnitOfWork(async (uow) => {
      (await uow.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 5)); // sees 10 available
      await barrier();
    }),
  ]);

  // one of the two is refused by PostgreSQL, or the allocation's write finds the product changed and
  // it starts over from the new quantity (out of stock then): never both as they were
  for (const result of results)
    if (result.status === 'rejected')
      expect(String(result.reason)).toContain('could not serialize access due to concurrent update');
  const [{ purchased, allocated }] = await db.dataSource.query<[{ purchased: number; allocated: number }]>(
    'SELECT b._purchased_quantity AS purchased, coalesce(sum(l.qty), 0)::int AS allocated FROM batches b' +
      ' LEFT JOIN allocations a ON a.batch_id = b.id LEFT JOIN order_lines l ON l.id = a.orderline_id' +
      ' WHERE b.reference = $1 GROUP BY b._purchased_quantity',
    [batch],
  );
  expect([
    [10, 10], // the quantity changed; the allocation refused, or out of stock when it started over
    [20, 15], // the allocation went in; the quantity change refused
  ]).toContainEqual([purchased, allocated]);
});

async function inNewUnitOfWork(work: (uow: TypeOrmUnitOfWork) => Promise<void>): Promise<void> {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await work(uow);
    await uow.commit();
  });
}

/** Drops the unit of work's connection from the server's side, as a network failure would. */
async function dropConnection(session: EntityManager): Promise<void> {
  const [{ pid }] = await session.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
  await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
}

it('a rollback that fails does not hide the error of the block', async () => {
  class MyException extends Error {}

  const uow = new TypeOrmUnitOfWork(db.dataSource);
  const attempt = uow.run(async () => {
    await dropConnection(uow.session);
    throw new MyException(); // the rollback after it fails too, on the dropped connection
  });

  await expect(attempt).rejects.toThrow(MyException);
});

it('gives no events of work it rolled back', async () => {
  const sku = randomSku();
  await insertBatch(db.dataSource.manager, randomBatchref(), sku, 1, null);
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const failed = uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 10)); // raises OutOfStock
    throw new Error('the handler failed');
  });

  await expect(failed).rejects.toThrow('the handler failed');
  expect([...uow.collectNewEvents()]).toEqual([]);
});

/** typeorm keeps its pg Pool here, unexposed: its counters tell how many connections are out. */
function connectionsInUse(): number {
  const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
    .master;
  return pool.totalCount - pool.idleCount;
}

it('gives its connection back to the pool at commit, before the events are handled', async () => {
  const sku = randomSku();
  await insertBatch(db.dataSource.manager, randomBatchref(), sku, 10, null);
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const inUse = await uow.run(async () => {
    (await uow.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 1));
    await uow.commit();
    return connectionsInUse();
  });

  expect(inUse).toBe(0);
});

describe('what this process last committed', () => {
  /** Another process: a pool, and what it committed, of its own. */
  let otherProcess: DataSource;
  beforeEach(async () => {
    otherProcess = await createDataSource(db.url).initialize();
  });
  afterEach(() => otherProcess.destroy());

  const allocate = (uow: TypeOrmUnitOfWork, orderid: string, sku: string, qty = 1) =>
    uow.run(async () => {
      const batchref = (await uow.products.get(sku))?.allocate(new OrderLine(orderid, sku, qty));
      await uow.commit();
      return batchref;
    });
  const available = (uow: TypeOrmUnitOfWork, sku: string) =>
    uow.run(async () =>
      (await uow.products.get(sku))?.batches.map((b) => [b.reference, b.availableQuantity]),
    );
  const addBatch = (uow: TypeOrmUnitOfWork, ref: string, sku: string, qty: number) =>
    uow.run(async () => {
      (await uow.products.get(sku))?.batches.push(new Batch(ref, sku, qty, '2011-01-01')); // no new version
      await uow.commit();
    });

  it('is what a unit of work starts from only while the database still holds it so', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await insertBatch(db.dataSource.manager, 'b1', sku, 10, null);

    await allocate(here, 'o1', sku);
    expect(await available(here, sku)).toEqual([['b1', 9]]);

    await allocate(elsewhere, 'o2', sku); // another process: a new version
    expect(await available(here, sku)).toEqual([['b1', 8]]);

    await allocate(here, 'o3', sku); // what this process committed last: version 4, batch b1
    await addBatch(elsewhere, 'b2', sku, 5); // still version 4
    expect(await available(here, sku)).toEqual([
      ['b1', 7],
      ['b2', 5],
    ]);
  });

  it('is handed out with no query: an allocation from it sends START TRANSACTION, one INSERT, COMMIT', async () => {
    const sku = randomSku();
    const here = new TypeOrmUnitOfWork(db.dataSource);
    await insertBatch(db.dataSource.manager, 'b1', sku, 10, null);
    await allocate(here, 'o1', sku); // loads the product, and keeps it as committed
    const runner = db.dataSource.createQueryRunner();
    const sent = jest.spyOn(Object.getPrototypeOf(runner) as QueryRunner, 'query');
    await runner.release();

    try {
      expect(await allocate(here, 'o2', sku)).toBe('b1');
      const statements = sent.mock.calls.map(([sql]) => sql.trim().split(/\s+/)[0]);
      expect(statements).toEqual(['START', 'WITH', 'COMMIT']);
    } finally {
      sent.mockRestore();
    }
  });

  it('an allocation from a product another process changed since starts over, and loses nothing', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await insertBatch(db.dataSource.manager, 'b1', sku, 10, null);
    await allocate(here, 'o1', sku);
    await allocate(elsewhere, 'o2', sku);

    expect(await allocate(here, 'o3', sku)).toBe('b1');

    const [{ version }] = await db.dataSource.query<[{ version: number }]>(
      'SELECT version_number AS version FROM products WHERE sku = $1',
      [sku],
    );
    expect(version).toBe(4);
    const orders = await db.dataSource.query<{ orderid: string }[]>(
      'SELECT orderid FROM allocations JOIN order_lines ON order_lines.id = orderline_id ORDER BY orderid',
    );
    expect(orders.map(({ orderid }) => orderid)).toEqual(['o1', 'o2', 'o3']);
    expect(await available(here, sku)).toEqual([['b1', 7]]);
  });

  it('no order is refused for want of stock another process has added since', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await insertBatch(db.dataSource.manager, 'b1', sku, 1, null);
    await allocate(here, 'o1', sku); // b1 is used up, as this process last committed it

    await addBatch(elsewhere, 'b2', sku, 5);

    expect(await allocate(here, 'o2', sku)).toBe('b2');
  });
});
