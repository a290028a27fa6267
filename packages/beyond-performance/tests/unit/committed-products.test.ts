import { CommittedProducts, stampOf } from '../../src/adapters/committed-products';
import { Batch, OrderLine, Product } from '../../src/domain/model';

/** A product as the repository holds it after a commit: its batches have their database ids. */
function storedProduct(sku: string, version = 1): Product {
  const batch = Object.assign(new Batch('b1', sku, 10, null), { id: 7 });
  return new Product(sku, [batch], version);
}

it('gives back a copy of the product as it was committed last', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP', 3);
  product.batches[0]!.allocate(new OrderLine('o1', 'LAMP', 2));
  committed.keep(product);

  const copy = committed.get('LAMP');

  expect(copy).not.toBe(product);
  expect(copy).toBeInstanceOf(Product);
  expect(copy?.batches[0]).toBeInstanceOf(Batch);
  expect(copy?.batches[0]?.availableQuantity).toBe(8);
  expect(copy?.events).toEqual([]);
  expect(copy && stampOf(copy)).toEqual({ versionNumber: 3, batchIds: [7] });
  expect(committed.get('TABLE')).toBeUndefined();
});

it('keeps what was committed, whatever is done to the product or its copies afterwards', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP');
  committed.keep(product);

  product.allocate(new OrderLine('o1', 'LAMP', 1));
  committed.get('LAMP')?.allocate(new OrderLine('o2', 'LAMP', 5));

  expect(committed.get('LAMP')?.batches[0]?.availableQuantity).toBe(10);
});

it('keeps no product with a batch not stored yet, and lets go of what it kept of it', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP');
  committed.keep(product);
  product.batches.push(new Batch('b2', 'LAMP', 5, null));

  committed.keep(product);

  expect(committed.get('LAMP')).toBeUndefined();
});

it('forgets a product found stale, unless a newer one was kept since', () => {
  const committed = new CommittedProducts();
  committed.keep(storedProduct('LAMP', 1));

  committed.forget('LAMP', { versionNumber: 1, batchIds: [7] });
  expect(committed.get('LAMP')).toBeUndefined();
  expect(() => committed.forget('LAMP', { versionNumber: 1, batchIds: [7] })).not.toThrow(); // found stale twice

  committed.keep(storedProduct('LAMP', 2));
  committed.forget('LAMP', { versionNumber: 1, batchIds: [7] });
  expect(committed.get('LAMP')?.versionNumber).toBe(2);
  committed.forget('LAMP', { versionNumber: 2, batchIds: [7, 8] });
  expect(committed.get('LAMP')?.versionNumber).toBe(2);
});

it('lets the product used least recently go when full', () => {
  const committed = new CommittedProducts(2);
  ['LAMP', 'TABLE'].forEach((sku) => committed.keep(storedProduct(sku)));
  committed.get('LAMP');

  committed.keep(storedProduct('CHAIR'));

  expect(committed.get('TABLE')).toBeUndefined();
  expect(committed.get('LAMP')).toBeDefined();
  expect(committed.get('CHAIR')).toBeDefined();
});

it('stamps a stored product with its version and its batch ids in order', () => {
  const product = storedProduct('LAMP', 4);
  product.batches.unshift(Object.assign(new Batch('b0', 'LAMP', 1, null), { id: 9 }));

  expect(stampOf(product)).toEqual({ versionNumber: 4, batchIds: [7, 9] });
  product.batches.push(new Batch('b2', 'LAMP', 5, null));
  expect(stampOf(product)).toBeUndefined();
});

it('is one for each database: every unit of work on it shares what it keeps', () => {
  const [database, another] = [{}, {}];

  CommittedProducts.of(database).keep(storedProduct('LAMP'));

  expect(CommittedProducts.of(database).get('LAMP')).toBeDefined();
  expect(CommittedProducts.of(another).get('LAMP')).toBeUndefined();
});
