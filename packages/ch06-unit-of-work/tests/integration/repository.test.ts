import { EntityNotFoundError } from 'typeorm';
import { Batch, OrderLine } from '../../src/domain/model';
import { TypeOrmRepository } from '../../src/adapters/repository';
import type { TypeOrmSession } from '../../src/adapters/session';
import { useTestDatabase } from '../database';
import { compareAsTheDomainDoes } from '../domain-equality';

compareAsTheDomainDoes();

const db = useTestDatabase();

it('repository can save a batch', async () => {
  const session = await db.session();
  const batch = new Batch('batch1', 'RUSTY-SOAPDISH', 100, null);

  const repo = new TypeOrmRepository(session);
  await repo.add(batch);
  await session.commit();

  const rows: unknown = await session.execute('SELECT reference, sku, _purchased_quantity, eta FROM batches');
  expect(rows).toEqual([{ reference: 'batch1', sku: 'RUSTY-SOAPDISH', _purchased_quantity: 100, eta: null }]);
});

async function insertOrderLine(session: TypeOrmSession): Promise<number> {
  const [{ id }] = await session.execute<[{ id: number }]>(
    "INSERT INTO order_lines (orderid, sku, qty) VALUES ('order1', 'GENERIC-SOFA', 12) RETURNING id",
  );
  return id;
}

async function insertBatch(session: TypeOrmSession, batchId: string): Promise<number> {
  const [{ id }] = await session.execute<[{ id: number }]>(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, 'GENERIC-SOFA', 100, null) RETURNING id",
    [batchId],
  );
  return id;
}

async function insertAllocation(
  session: TypeOrmSession,
  orderlineId: number,
  batchId: number,
): Promise<void> {
  await session.execute('INSERT INTO allocations (orderline_id, batch_id) VALUES ($1, $2)', [
    orderlineId,
    batchId,
  ]);
}

it('repository can retrieve a batch with allocations', async () => {
  const session = await db.session();
  const orderlineId = await insertOrderLine(session);
  const batch1Id = await insertBatch(session, 'batch1');
  await insertBatch(session, 'batch2');
  await insertAllocation(session, orderlineId, batch1Id);

  const repo = new TypeOrmRepository(session);
  const retrieved = await repo.get('batch1');

  const expected = new Batch('batch1', 'GENERIC-SOFA', 100, null);
  expect(retrieved).toEqual(expected); // Batch equality compares references only
  expect(retrieved.sku).toBe(expected.sku);
  expect(retrieved._purchasedQuantity).toBe(expected._purchasedQuantity);
  expect(retrieved._allocations).toEqual([new OrderLine('order1', 'GENERIC-SOFA', 12)]);
});

it('repository lists every batch', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  await repo.add(new Batch('b1', 'SKU-A', 10, null));
  await repo.add(new Batch('b2', 'SKU-B', 10, '2011-01-02'));
  await session.commit();

  const batches = await repo.list();

  expect(batches.map((b) => b.reference).sort()).toEqual(['b1', 'b2']);
});

it('repository gets the batch with that reference, not another', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  await repo.add(new Batch('b1', 'SKU-A', 10, null));
  await repo.add(new Batch('b2', 'SKU-A', 20, null));
  await session.commit();

  const batch = await repo.get('b2');

  expect([batch.reference, batch._purchasedQuantity]).toEqual(['b2', 20]);
});

it('repository get fails for an unknown reference', async () => {
  const repo = new TypeOrmRepository(await db.session());

  await expect(repo.get('no-such-batch')).rejects.toThrow(EntityNotFoundError);
});

it('repository refuses a second batch with the same reference', async () => {
  const [first, second] = [await db.session(), await db.session()];
  await new TypeOrmRepository(first).add(new Batch('batch1', 'SKU-A', 10, null));
  await first.commit();

  await new TypeOrmRepository(second).add(new Batch('batch1', 'SKU-B', 10, null));

  await expect(second.commit()).rejects.toThrow(/batches_reference_key/);
});
