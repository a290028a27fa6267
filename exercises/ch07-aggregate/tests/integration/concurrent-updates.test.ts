// The advanced challenge (the companion skips this test): two transactions allocate to one product at
// once. Its version number, saved with it at REPEATABLE READ, lets the first commit and refuses the second.
import { meetingOf, randomBatchref, randomOrderid, randomSku } from 'shared';
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
  productVersion = 1,
): Promise<void> {
  await session.execute('INSERT INTO products (sku, version_number) VALUES ($1, $2)', [sku, productVersion]);
  await session.execute(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4)',
    [ref, sku, qty, eta],
  );
}

async function tryToAllocate(orderid: string, sku: string, bothHaveRead: () => Promise<void>): Promise<void> {
  const line = new OrderLine(orderid, sku, 10);
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const product = await uow.products.get(sku);
    expect(product).not.toBeNull();
    product!.allocate(line);
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

  // what went wrong first: the two attempts' own errors, if either failed for another reason
  const exceptions = results.flatMap((result): unknown[] =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  expect(exceptions.map(String)).toEqual([
    expect.stringContaining('could not serialize access due to concurrent update'),
  ]);
  const [{ version }] = await session.execute<[{ version: number }]>(
    'SELECT version_number AS version FROM products WHERE sku = $1',
    [sku],
  );
  expect(version).toBe(2);
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
