// Chapter 7's service tests: the services go through the product of the sku, on a fake unit of work.
import { AbstractRepository } from '../../src/adapters/repository';
import { OutOfStock, type Product } from '../../src/domain/model';
import * as services from '../../src/service-layer/services';
import { AbstractUnitOfWork } from '../../src/service-layer/unit-of-work';

class FakeRepository extends AbstractRepository {
  private readonly products: Set<Product>;

  constructor(products: Iterable<Product>) {
    super();
    this.products = new Set(products);
  }

  async add(product: Product): Promise<void> {
    this.products.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    return [...this.products].find((p) => p.sku === sku) ?? null;
  }
}

class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly products = new FakeRepository([]);
  committed = false;

  async commit(): Promise<void> {
    this.committed = true;
  }

  async rollback(): Promise<void> {}
}

it('add batch for new product', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null, uow);
  expect(await uow.products.get('CRUNCHY-ARMCHAIR')).not.toBeNull();
  expect(uow.committed).toBe(true);
});

it('add batch for existing product', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'GARISH-RUG', 100, null, uow);
  await services.addBatch('b2', 'GARISH-RUG', 99, null, uow);
  const product = await uow.products.get('GARISH-RUG');
  expect(product?.batches.map((b) => b.reference)).toContain('b2');
});

it('allocate returns allocation', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('batch1', 'COMPLICATED-LAMP', 100, null, uow);
  const result = await services.allocate('o1', 'COMPLICATED-LAMP', 10, uow);
  expect(result).toBe('batch1');
});

it('allocate errors for invalid sku', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'AREALSKU', 100, null, uow);

  const attempt = services.allocate('o1', 'NONEXISTENTSKU', 10, uow);

  await expect(attempt).rejects.toThrow(services.InvalidSku);
  await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
});

it('allocate commits', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'OMINOUS-MIRROR', 100, null, uow);
  await services.allocate('o1', 'OMINOUS-MIRROR', 10, uow);
  expect(uow.committed).toBe(true);
});

it('allocate does not commit when out of stock', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'SMALL-FORK', 10, null, uow);
  uow.committed = false;

  await expect(services.allocate('o1', 'SMALL-FORK', 11, uow)).rejects.toThrow(OutOfStock);

  expect(uow.committed).toBe(false);
});
