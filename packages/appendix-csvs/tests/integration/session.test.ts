// session.ts stands in for SQLAlchemy's session, which typeorm has not: what it must do for the book's code.
import { Batch, OrderLine } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/database';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { startSession, type TypeOrmSession } from '../../src/adapters/session';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

const allocations = () =>
  db.dataSource.query<unknown[]>(
    'SELECT b.reference, b._purchased_quantity AS qty, l.orderid FROM batches AS b' +
      ' LEFT JOIN allocations ON batch_id = b.id LEFT JOIN order_lines AS l ON l.id = orderline_id',
  );

beforeEach(async () => {
  await db.dataSource.query(
    "INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ('batch1', 'SMALL-TABLE', 100)",
  );
});

it('commit saves the changes to what the session loaded', async () => {
  const session = await db.session();
  const [batch] = await new TypeOrmRepository(session).list();

  batch!.allocate(new OrderLine('o1', 'SMALL-TABLE', 10));
  batch!._purchasedQuantity = 50;
  await session.commit();

  expect(await allocations()).toEqual([{ reference: 'batch1', qty: 50, orderid: 'o1' }]);
});

it('commit saves a line taken back as a removed allocation', async () => {
  const line = new OrderLine('o1', 'SMALL-TABLE', 10);
  const first = await db.session();
  (await new TypeOrmRepository(first).get('batch1')).allocate(line);
  await first.commit();

  const second = await db.session();
  (await new TypeOrmRepository(second).get('batch1')).deallocate(line);
  await second.commit();

  expect(await allocations()).toEqual([{ reference: 'batch1', qty: 100, orderid: null }]);
});

it('commit keeps the allocations another session committed since this one loaded', async () => {
  const [first, second] = [await db.session(), await db.session()];
  const [mine, theirs] = [
    await new TypeOrmRepository(first).get('batch1'),
    await new TypeOrmRepository(second).get('batch1'),
  ];
  mine.allocate(new OrderLine('o1', 'SMALL-TABLE', 10));
  await first.commit();

  theirs.allocate(new OrderLine('o2', 'SMALL-TABLE', 10));
  await second.commit(); // at READ COMMITTED typeorm's save would take o1 away: it is not in `theirs`

  const orderids = (await allocations()).map((row) => (row as { orderid: string }).orderid).sort();
  expect(orderids).toEqual(['o1', 'o2']);
});

it('a session closed without commit writes nothing', async () => {
  const session = await db.session();
  (await new TypeOrmRepository(session).get('batch1')).allocate(new OrderLine('o1', 'SMALL-TABLE', 10));
  await new TypeOrmRepository(session).add(new Batch('batch2', 'SMALL-TABLE', 100, null));

  await session.close();

  expect(await allocations()).toEqual([{ reference: 'batch1', qty: 100, orderid: null }]);
});

describe('rollback and close', () => {
  const backendPid = async (session: TypeOrmSession): Promise<number> =>
    (await session.execute<[{ pid: number }]>('SELECT pg_backend_pid() AS pid'))[0].pid;

  /** What the server says a connection is doing: 'idle', or 'idle in transaction' while one is open. */
  const stateOf = async (pid: number): Promise<string | undefined> =>
    (
      await db.dataSource.query<{ state: string }[]>('SELECT state FROM pg_stat_activity WHERE pid = $1', [
        pid,
      ])
    )[0]?.state;

  const references = async (): Promise<string[]> =>
    (
      await db.dataSource.query<{ reference: string }[]>('SELECT reference FROM batches ORDER BY reference')
    ).map(({ reference }) => reference);

  const insertBatch2 = (session: TypeOrmSession) =>
    session.execute(
      "INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ('batch2', 'SMALL-TABLE', 10)",
    );

  it('rollback undoes what the session wrote and ends its transaction', async () => {
    const session = await db.session();
    const pid = await backendPid(session);
    await insertBatch2(session);

    await session.rollback();

    expect(await stateOf(pid)).toBe('idle'); // not 'idle in transaction': the connection is free for other work
    expect(await references()).toEqual(['batch1']);
  });

  it('rolling back a committed session does nothing', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const session = await db.session();
      await insertBatch2(session);
      await session.commit();

      await session.rollback();

      expect(consoleError).not.toHaveBeenCalled(); // no ROLLBACK tried outside a transaction, so none failed
      expect(await references()).toEqual(['batch1', 'batch2']);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('a session whose connection is gone still closes: the rollback that fails is logged', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const session = await startSession(db.dataSource); // not db.session(): closed here, once
      await insertBatch2(session);
      await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [await backendPid(session)]);

      await session.close();

      expect(consoleError).toHaveBeenCalledWith('rollback failed', expect.any(Error));
      expect(await references()).toEqual(['batch1']);
    } finally {
      consoleError.mockRestore();
    }
  });
});

it('a session whose BEGIN fails gives its connection back', async () => {
  // a data source of the test's own, whose START TRANSACTION fails once the connection is taken, as on a
  // connection lost between the two
  const dataSource = await createDataSource(db.url).initialize();
  dataSource.subscribers.push({
    beforeQuery: ({ query }) => {
      if (query === 'START TRANSACTION') throw new Error('BEGIN failed');
    },
  });
  // typeorm keeps its pg Pool here, unexposed: its counters tell whether a connection is still out
  const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  const starting = startSession(dataSource);
  try {
    await expect(starting).rejects.toThrow('BEGIN failed');
    expect(pool.totalCount).toBe(1);
    expect(pool.idleCount).toBe(1);
  } finally {
    await starting.then((session) => session.close()).catch(() => {}); // a session only a fault lets through
    await dataSource.destroy();
  }
});

it('a batch loaded outside any session loads all the same: no session keeps it', async () => {
  const batches = await db.dataSource.manager.find(Batch); // typeorm's own connection: no session in it

  expect(batches.map((batch) => batch.reference)).toEqual(['batch1']);
});
