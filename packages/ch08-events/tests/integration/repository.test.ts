import { Batch, Product } from '../../src/domain/model';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

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

it('the repository keeps every product it takes in or hands out, so that their events are collected', async () => {
  const session = await db.session();
  const repo = new TypeOrmRepository(session);
  const added = new Product('sku1', [new Batch('b1', 'sku1', 100, null)]);
  await repo.add(added);
  await session.commit();

  const other = new TypeOrmRepository(await db.session());
  const found = await other.get('sku1');
  await other.get('no-such-sku');

  expect(repo.seen).toEqual(new Set([added]));
  expect(other.seen).toEqual(new Set([found])); // nothing for a sku it did not find
});
