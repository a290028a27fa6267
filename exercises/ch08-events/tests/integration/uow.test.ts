import { useTestDatabase } from 'ch08-events/tests/database';
import { Batch, Product } from 'ch08-events/src/domain/model';
import { startUnitOfWork } from '../../src/service-layer/unit-of-work';

const db = useTestDatabase();

async function skus(): Promise<string[]> {
  const rows = await db.dataSource.query<{ sku: string }[]>('SELECT sku FROM products');
  return rows.map((row) => row.sku);
}

it('rolls back uncommitted work by default', async () => {
  const uow = startUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.products.add(new Product('MEDIUM-PLINTH', [new Batch('batch1', 'MEDIUM-PLINTH', 100, null)]));
  });
  expect(await skus()).toEqual([]);
});

it('rolls back on error', async () => {
  const uow = startUnitOfWork(db.dataSource);
  const failing = uow.run(async () => {
    await uow.products.add(new Product('LARGE-FORK', []));
    throw new Error('MyException');
  });
  await expect(failing).rejects.toThrow('MyException');
  expect(await skus()).toEqual([]);
});

it('commits what the block commits, and gets it back', async () => {
  const uow = startUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.products.add(new Product('SMALL-TABLE', [new Batch('batch1', 'SMALL-TABLE', 100, null)]));
    await uow.commit();
  });
  expect(await skus()).toEqual(['SMALL-TABLE']);
  const batches = await uow.run(async () =>
    (await uow.products.get('SMALL-TABLE'))?.batches.map((b) => b.reference),
  );
  expect(batches).toEqual(['batch1']);
});
