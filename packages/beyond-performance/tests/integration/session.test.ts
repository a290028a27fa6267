// session.ts stands in for SQLAlchemy's session, which typeorm has not: what it must do for the book's code.
import { Batch, OrderLine, Product } from '../../src/domain/model';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { startSession, type TypeOrmSession } from '../../src/adapters/session';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

const allocations = () =>
  db.dataSource.query<unknown[]>(
    'SELECT p.version_number AS version, b.reference, b._purchased_quantity AS qty, l.orderid' +
      ' FROM products AS p JOIN batches AS b ON b.sku = p.sku' +
      ' LEFT JOIN allocations ON batch_id = b.id LEFT JOIN order_lines AS l ON l.id = orderline_id' +
      ' ORDER BY b.reference',
  );

beforeEach(async () => {
  await db.dataSource.query("INSERT INTO products (sku) VALUES ('SMALL-TABLE')");
  await db.dataSource.query(
    "INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ('batch1', 'SMALL-TABLE', 100)",
  );
});

it('commit saves the changes to what the session loaded', async () => {
  const session = await db.session();
  const product = (await new TypeOrmRepository(session).get('SMALL-TABLE'))!;

  product.allocate(new OrderLine('o1', 'SMALL-TABLE', 10));
  product.batches[0]!._purchasedQuantity = 50;
  await session.commit();

  expect(await allocations()).toEqual([{ version: 1, reference: 'batch1', qty: 50, orderid: 'o1' }]);
});

it('commit saves a line taken back as a removed allocation', async () => {
  const line = new OrderLine('o1', 'SMALL-TABLE', 10);
  const first = await db.session();
  (await new TypeOrmRepository(first).get('SMALL-TABLE'))!.allocate(line);
  await first.commit();

  const second = await db.session();
  (await new TypeOrmRepository(second).get('SMALL-TABLE'))!.batches[0]!.deallocateOne();
  await second.commit();

  expect(await allocations()).toEqual([{ version: 1, reference: 'batch1', qty: 100, orderid: null }]);
});

it.each([
  ['the one line of a batch', ['o1'], ['o2']],
  ['the last line of a batch', ['o1', 'o2'], ['o1', 'o3']],
])('commit saves %s taken back and another allocated, in one session', async (_, before, after) => {
  const line = (orderid: string) => new OrderLine(orderid, 'SMALL-TABLE', 10);
  const first = await db.session();
  const batch = (await new TypeOrmRepository(first).get('SMALL-TABLE'))!.batches[0]!;
  for (const orderid of before) batch.allocate(line(orderid));
  await first.commit();

  const second = await db.session();
  const again = (await new TypeOrmRepository(second).get('SMALL-TABLE'))!.batches[0]!;
  again.deallocateOne();
  again.allocate(line(after.at(-1)!));
  await second.commit();

  const orderids = (await allocations()).map((row) => (row as { orderid: string }).orderid);
  expect(orderids.sort()).toEqual(after);
});

it('commit saves a new product with its batches, and a batch added to a product', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  await repo.add(new Product('LARGE-FORK', [new Batch('batch2', 'LARGE-FORK', 20, null)]));
  (await repo.get('SMALL-TABLE'))!.batches.push(new Batch('batch3', 'SMALL-TABLE', 30, '2011-01-01'));
  await session.commit();

  expect(await allocations()).toEqual([
    { version: 0, reference: 'batch1', qty: 100, orderid: null },
    { version: 0, reference: 'batch2', qty: 20, orderid: null },
    { version: 0, reference: 'batch3', qty: 30, orderid: null },
  ]);
});

it('commit saves a new product with no batches', async () => {
  const session = await db.session();
  await new TypeOrmRepository(session).add(new Product('LARGE-FORK', []));
  await session.commit();

  expect(
    await db.dataSource.query('SELECT sku, version_number AS version FROM products ORDER BY sku'),
  ).toEqual([
    { sku: 'LARGE-FORK', version: 0 },
    { sku: 'SMALL-TABLE', version: 0 },
  ]);
});

it('a session closed without commit writes nothing', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  (await repo.get('SMALL-TABLE'))!.allocate(new OrderLine('o1', 'SMALL-TABLE', 10));
  await repo.add(new Product('LARGE-FORK', [new Batch('batch2', 'LARGE-FORK', 20, null)]));

  await session.close();

  expect(await allocations()).toEqual([{ version: 0, reference: 'batch1', qty: 100, orderid: null }]);
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

  it.each(['commit', 'rollback'] as const)(
    'a session that ends with %s before its first statement: a statement after runs on its own',
    async (end) => {
      const session = await db.session();
      await session[end]();

      await insertBatch2(session);
      await session.close();

      expect(await references()).toEqual(['batch1', 'batch2']); // committed as it ran: no transaction to undo
    },
  );

  it('a session closed before its first statement tries no ROLLBACK, so logs none failed', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const session = await startSession(db.dataSource);

      await session.close();

      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('a session whose connection is gone still closes: the rollback that fails is logged, once', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const session = await startSession(db.dataSource); // not db.session(): closed here, once
      await insertBatch2(session);
      await db.dataSource.query('SELECT pg_terminate_backend($1, 5000)', [await backendPid(session)]);

      await session.rollback();
      await session.close(); // no second ROLLBACK, nor a second failure logged

      expect(consoleError).toHaveBeenCalledTimes(1);
      expect(consoleError).toHaveBeenCalledWith('rollback failed', expect.any(Error));
      expect(await references()).toEqual(['batch1']);
    } finally {
      consoleError.mockRestore();
    }
  });
});
