// Chapter 7's tests of the aggregate: the product allocates to its batches and counts its versions.
import { Batch, OrderLine, OutOfStock, Product } from '../../src/domain/model';
import { later, today, tomorrow } from './dates';

it('prefers warehouse batches to shipments', () => {
  const inStockBatch = new Batch('in-stock-batch', 'RETRO-CLOCK', 100, null);
  const shipmentBatch = new Batch('shipment-batch', 'RETRO-CLOCK', 100, tomorrow);
  const product = new Product('RETRO-CLOCK', [inStockBatch, shipmentBatch]);
  const line = new OrderLine('oref', 'RETRO-CLOCK', 10);

  product.allocate(line);

  expect(inStockBatch.availableQuantity).toBe(90);
  expect(shipmentBatch.availableQuantity).toBe(100);
});

it('prefers earlier batches', () => {
  const earliest = new Batch('speedy-batch', 'MINIMALIST-SPOON', 100, today);
  const medium = new Batch('normal-batch', 'MINIMALIST-SPOON', 100, tomorrow);
  const latest = new Batch('slow-batch', 'MINIMALIST-SPOON', 100, later);
  const product = new Product('MINIMALIST-SPOON', [medium, earliest, latest]);
  const line = new OrderLine('order1', 'MINIMALIST-SPOON', 10);

  product.allocate(line);

  expect(earliest.availableQuantity).toBe(90);
  expect(medium.availableQuantity).toBe(100);
  expect(latest.availableQuantity).toBe(100);
});

it('returns allocated batch ref', () => {
  const inStockBatch = new Batch('in-stock-batch-ref', 'HIGHBROW-POSTER', 100, null);
  const shipmentBatch = new Batch('shipment-batch-ref', 'HIGHBROW-POSTER', 100, tomorrow);
  const line = new OrderLine('oref', 'HIGHBROW-POSTER', 10);
  const product = new Product('HIGHBROW-POSTER', [inStockBatch, shipmentBatch]);
  const allocation = product.allocate(line);
  expect(allocation).toBe(inStockBatch.reference);
});

it('raises out of stock exception if cannot allocate', () => {
  const batch = new Batch('batch1', 'SMALL-FORK', 10, today);
  const product = new Product('SMALL-FORK', [batch]);
  product.allocate(new OrderLine('order1', 'SMALL-FORK', 10));

  const allocateMore = (): string => product.allocate(new OrderLine('order2', 'SMALL-FORK', 1));

  expect(allocateMore).toThrow(OutOfStock);
  expect(allocateMore).toThrow('SMALL-FORK');
});

it('increments version number', () => {
  const line = new OrderLine('oref', 'SCANDI-PEN', 10);
  const product = new Product('SCANDI-PEN', [new Batch('b1', 'SCANDI-PEN', 100, null)]);
  product.versionNumber = 7;
  product.allocate(line);
  expect(product.versionNumber).toBe(8);
});

it('leaves the version number alone when out of stock', () => {
  const product = new Product('SCANDI-PEN', [new Batch('b1', 'SCANDI-PEN', 1, null)]);

  expect(() => product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10))).toThrow(OutOfStock);

  expect(product.versionNumber).toBe(0);
});

it('allocating a line the product already holds changes nothing', () => {
  const batch = new Batch('b1', 'SCANDI-PEN', 100, null);
  const product = new Product('SCANDI-PEN', [batch]);
  product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10));
  const versionBefore = product.versionNumber;

  const allocation = product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10));

  expect(allocation).toBe('b1');
  expect(batch.availableQuantity).toBe(90);
  expect(product.versionNumber).toBe(versionBefore);
});

it('prefers earlier batches whatever order they come in', () => {
  const batches = [
    new Batch('warehouse', 'FAST-FAN', 100, null),
    new Batch('today', 'FAST-FAN', 100, today),
    new Batch('tomorrow', 'FAST-FAN', 100, tomorrow),
    new Batch('later', 'FAST-FAN', 100, later),
  ];
  permutations(batches).forEach((order, i) => {
    const shipments = order.filter((b) => b.eta !== null);
    expect(new Product('FAST-FAN', order).allocate(new OrderLine(`o${i}`, 'FAST-FAN', 1))).toBe('warehouse');
    expect(new Product('FAST-FAN', shipments).allocate(new OrderLine(`s${i}`, 'FAST-FAN', 1))).toBe('today');
  });
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
