import { CommittedProducts, stampOf } from '../../src/adapters/committed-products';
import { Batch, OrderLine, Product } from '../../src/domain/model';

/** A product as the repository holds it after a commit: its batches have their database ids. */
function storedProduct(sku: string, version = 1): Product {
  const batch = Object.assign(new Batch('b1', sku, 10, null), { id: 7 });
  return new Product(sku, [batch], version);
}

it('gives back a copy of a product while the database holds the same stamp, and nothing after', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP', 3);
  product.batches[0]!.allocate(new OrderLine('o1', 'LAMP', 2));
  committed.keep(product);

  const copy = committed.get('LAMP', stampOf(3, [7]));

  expect(copy).not.toBe(product);
  expect(copy).toBeInstanceOf(Product);
  expect(copy?.batches[0]).toBeInstanceOf(Batch);
  expect(copy?.batches[0]?.availableQuantity).toBe(8);
  expect(committed.get('LAMP', stampOf(4, [7]))).toBeUndefined(); // changed since
  expect(committed.get('LAMP', stampOf(3, [7, 8]))).toBeUndefined(); // a batch added since
  expect(committed.get('TABLE', stampOf(3, [7]))).toBeUndefined();
});

it('keeps what was committed, whatever is done to the product or its copies afterwards', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP');
  committed.keep(product);

  product.allocate(new OrderLine('o1', 'LAMP', 1));
  committed.get('LAMP', stampOf(1, [7]))?.allocate(new OrderLine('o2', 'LAMP', 5));

  expect(committed.get('LAMP', stampOf(1, [7]))?.batches[0]?.availableQuantity).toBe(10);
});

it('keeps no product with a batch not stored yet', () => {
  const committed = new CommittedProducts();
  const product = storedProduct('LAMP');
  product.batches.push(new Batch('b2', 'LAMP', 5, null));

  committed.keep(product);

  expect(committed.get('LAMP', stampOf(1, [7]))).toBeUndefined();
});

it('lets the product used least recently go when full', () => {
  const committed = new CommittedProducts(2);
  ['LAMP', 'TABLE'].forEach((sku) => committed.keep(storedProduct(sku)));
  committed.get('LAMP', stampOf(1, [7]));

  committed.keep(storedProduct('CHAIR'));

  expect(committed.get('TABLE', stampOf(1, [7]))).toBeUndefined();
  expect(committed.get('LAMP', stampOf(1, [7]))).toBeDefined();
  expect(committed.get('CHAIR', stampOf(1, [7]))).toBeDefined();
});
