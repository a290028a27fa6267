// The unit of work hands out products: one is loaded with its batches, allocated to, and saved.
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
    expect(product).not.toBeNull(); // the product of the batch inserted above
    const line = new OrderLine('o1', 'HIPSTER-WORKBENCH', 10);
    product!.allocate(line);
    await uow.commit();
  });

  const batchref = await getAllocatedBatchRef(session, 'o1', 'HIPSTER-WORKBENCH');
  expect(batchref).toBe('batch1');
});
