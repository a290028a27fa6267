import { Batch, Product } from '../../src/domain/model';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

it('get by batchref', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  const b1 = new Batch('b1', 'sku1', 100, null);
  const b2 = new Batch('b2', 'sku1', 100, null);
  const b3 = new Batch('b3', 'sku2', 100, null);
  const p1 = new Product('sku1', [b1, b2]);
  const p2 = new Product('sku2', [b3]);
  await repo.add(p1);
  await repo.add(p2);
  await session.commit();

  const found1 = await new TypeOrmRepository(await db.session()).getByBatchref('b2');
  const found2 = await new TypeOrmRepository(await db.session()).getByBatchref('b3');

  expect(found1?.sku).toBe(p1.sku);
  expect(found2?.sku).toBe(p2.sku);
  expect(found1?.batches.map((b) => b.reference).sort()).toEqual(['b1', 'b2']); // every batch, not just b2
});

it('get by batchref finds nothing for an unknown batchref', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  await repo.add(new Product('sku1', [new Batch('b1', 'sku1', 100, null)]));
  await session.commit();

  expect(await repo.getByBatchref('no-such-batch')).toBeNull();
  expect([...repo.seen].map((product) => product.sku)).toEqual(['sku1']); // nothing seen for it
});

it('repository gets the product with that sku, not another', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  await repo.add(new Product('sku1', [new Batch('b1', 'sku1', 100, null)]));
  await repo.add(new Product('sku2', [new Batch('b2', 'sku2', 100, null)]));
  await session.commit();

  const found = new TypeOrmRepository(await db.session());

  expect((await found.get('sku2'))?.sku).toBe('sku2');
  expect((await found.get('sku1'))?.sku).toBe('sku1');
  expect(await found.get('no-such-sku')).toBeNull();
});
