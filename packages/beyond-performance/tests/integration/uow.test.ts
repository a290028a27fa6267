import { meetingOf, randomBatchref, randomOrderid, randomSku } from 'shared';
import type { Command } from '../../src/domain/commands';
import { Deallocated, type Event, OutOfStock } from '../../src/domain/events';
import { OrderLine } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/database';
import type { TypeOrmSession } from '../../src/adapters/session';
import type { Class } from '../../src/service-layer/handlers';
import { type InjectedHandler, MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

async function insertBatch(
  session: TypeOrmSession,
  ref: string,
  sku: string,
  qty: number,
  eta: string | null,
  productVersion = 1,
): Promise<void> {
  await session.execute('INSERT INTO products (sku, version_number) VALUES ($1, $2)', [sku, productVersion]);
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
  const session = await db.session();
  await insertBatch(session, batch, sku, 100, null, 1);
  await session.commit();
  const barrier = meetingOf(2);

  const [order1, order2] = [randomOrderid(1), randomOrderid(2)];
  const results = await Promise.allSettled([
    tryToAllocate(order1, sku, barrier),
    tryToAllocate(order2, sku, barrier),
  ]);

  const [{ version }] = await session.execute<[{ version: number }]>(
    'SELECT version_number AS version FROM products WHERE sku = $1',
    [sku],
  );
  expect(version).toBe(2);
  const exceptions = results.flatMap((result): unknown[] =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  expect(exceptions).toHaveLength(1);
  expect(String(exceptions[0])).toContain('could not serialize access due to concurrent update');

  const orders = await session.execute<unknown[]>(
    'SELECT orderid FROM allocations' +
      ' JOIN batches ON allocations.batch_id = batches.id' +
      ' JOIN order_lines ON allocations.orderline_id = order_lines.id' +
      ' WHERE order_lines.sku = $1',
    [sku],
  );
  expect(orders).toHaveLength(1);
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.session.execute('SELECT 1');
  });
});

it('collects the new events of the products it has seen', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, randomBatchref(), sku, 1, null);
  await session.commit();
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const collected = await uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 10));
    await uow.commit();
    return [...uow.collectNewEvents()];
  });

  expect(collected).toEqual([new OutOfStock(sku)]);
});

it('gives the events of committed work once its block is over, when the message bus collects them', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, randomBatchref(), sku, 1, null);
  await session.commit();
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  await uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 10));
    await uow.commit();
  });

  expect([...uow.collectNewEvents()]).toEqual([new OutOfStock(sku)]);
});

it('a batch quantity change and a concurrent allocation are not both allowed', async () => {
  const [sku, batch] = [randomSku(), randomBatchref()];
  const session = await db.session();
  await insertBatch(session, batch, sku, 20, null, 1);
  await session.commit();
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
  const session = await db.session();
  await insertBatch(session, batch, sku, 20, null, 1);
  await session.commit();
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

it('gives no events of work it rolled back', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, randomBatchref(), sku, 1, null);
  await session.commit();
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const failed = uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 10)); // raises OutOfStock
    throw new Error('the handler failed');
  });

  await expect(failed).rejects.toThrow('the handler failed');
  expect([...uow.collectNewEvents()]).toEqual([]);
});

it('a handler that keeps failing hands none of its events to the handlers after it', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, randomBatchref(), sku, 1, null);
  await session.commit();
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  let attempts = 0;
  const keepsFailing = async (event: Deallocated): Promise<void> => {
    attempts += 1;
    await uow.run(async () => {
      (await uow.products.get(sku))?.allocate(new OrderLine(event.orderid, sku, event.qty)); // raises OutOfStock
      throw new Error('keeps failing');
    });
  };
  const opensNoUnitOfWork = async (): Promise<void> => {}; // as publishAllocatedEvent: the bus collects after it
  const handled: Event[] = [];
  const eventHandlers = new Map<Class<Event>, InjectedHandler<Event>[]>([
    [Deallocated, [keepsFailing as InjectedHandler<Event>, opensNoUnitOfWork]],
    [OutOfStock, [async (event) => void handled.push(event)]],
  ]);
  const bus = new MessageBus(uow, eventHandlers, new Map<Class<Command>, InjectedHandler<Command>>());

  await bus.handle(new Deallocated(randomOrderid(), sku, 10));

  expect(attempts).toBe(3);
  expect(handled).toEqual([]); // the OutOfStock of the rolled-back attempts never happened
});

/** typeorm keeps its pg Pool here, unexposed: its counters tell how many connections are out. */
function connectionsInUse(): number {
  const pool = (db.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } })
    .master;
  return pool.totalCount - pool.idleCount;
}

it('gives its connection back to the pool at commit, before the events are handled', async () => {
  const sku = randomSku();
  const session = await db.session();
  await insertBatch(session, randomBatchref(), sku, 10, null);
  await session.commit();
  await session.close();
  const uow = new TypeOrmUnitOfWork(db.dataSource);

  const afterCommit = await uow.run(async () => {
    const product = await uow.products.get(sku);
    product?.allocate(new OrderLine(randomOrderid(), sku, 1));
    await uow.commit();
    return { version: product?.versionNumber, connectionsInUse: connectionsInUse() };
  });

  expect(afterCommit).toEqual({ version: 2, connectionsInUse: 0 });
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
