import { useTestDatabase } from 'ch02-repository/tests/database';
import { Batch, OrderLine } from 'ch02-repository/src/domain/model';
import { SqlRepository, type SqlSession } from '../../src/adapters/repository';

const db = useTestDatabase();

async function insertBatch(session: SqlSession, reference: string): Promise<number> {
  const [{ id }] = await session.execute<[{ id: number }]>(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, 'GENERIC-SOFA', 100, null) RETURNING id",
    [reference],
  );
  return id;
}

async function getAllocations(session: SqlSession, batchref: string): Promise<string[]> {
  const rows = await session.execute<{ orderid: string }[]>(
    'SELECT orderid FROM allocations JOIN order_lines ON allocations.orderline_id = order_lines.id ' +
      'JOIN batches ON allocations.batch_id = batches.id WHERE batches.reference = $1',
    [batchref],
  );
  return rows.map((row) => row.orderid).sort();
}

it('repository can save a batch', async () => {
  const session = await db.session();
  const repo = new SqlRepository(session);
  await repo.add(new Batch('batch1', 'RUSTY-SOAPDISH', 100, null));
  await session.commit();

  const rows: unknown = await db.dataSource.query(
    'SELECT reference, sku, _purchased_quantity, eta FROM batches',
  );
  expect(rows).toEqual([{ reference: 'batch1', sku: 'RUSTY-SOAPDISH', _purchased_quantity: 100, eta: null }]);
});

it('repository can retrieve a batch with allocations', async () => {
  const session = await db.session();
  const [{ id: orderlineId }] = await session.execute<[{ id: number }]>(
    "INSERT INTO order_lines (orderid, sku, qty) VALUES ('order1', 'GENERIC-SOFA', 12) RETURNING id",
  );
  const batch1Id = await insertBatch(session, 'batch1');
  await insertBatch(session, 'batch2');
  await session.execute('INSERT INTO allocations (orderline_id, batch_id) VALUES ($1, $2)', [
    orderlineId,
    batch1Id,
  ]);

  const retrieved = await new SqlRepository(session).get('batch1');

  expect(retrieved.reference).toBe('batch1');
  expect(retrieved.sku).toBe('GENERIC-SOFA');
  expect(retrieved._purchasedQuantity).toBe(100);
  expect(retrieved.eta).toBeNull();
  expect(retrieved._allocations).toEqual([new OrderLine('order1', 'GENERIC-SOFA', 12)]);
});

it('updating a batch', async () => {
  const session = await db.session();
  const batch = new Batch('batch1', 'WEATHERED-BENCH', 100, null);
  batch.allocate(new OrderLine('order1', 'WEATHERED-BENCH', 10));
  const repo = new SqlRepository(session);
  await repo.add(batch);
  await session.commit();

  const next = await db.session();
  batch.allocate(new OrderLine('order2', 'WEATHERED-BENCH', 20));
  await new SqlRepository(next).add(batch);
  await next.commit();

  expect(await getAllocations(await db.session(), 'batch1')).toEqual(['order1', 'order2']);
});

it('repository lists every batch, with its eta as the day it is', async () => {
  const session = await db.session();
  const repo = new SqlRepository(session);
  await repo.add(new Batch('b1', 'SKU-A', 10, null));
  await repo.add(new Batch('b2', 'SKU-B', 10, '2011-01-02'));

  const batches = await repo.list();

  expect(batches.map((b) => [b.reference, b.eta]).sort()).toEqual([
    ['b1', null],
    ['b2', '2011-01-02'],
  ]);
});
