import * as events from '../../src/domain/events';
import { Batch, compareByEta, OrderLine, Product } from '../../src/domain/model';
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

it('outputs allocated event', () => {
  const batch = new Batch('batchref', 'RETRO-LAMPSHADE', 100, null);
  const line = new OrderLine('oref', 'RETRO-LAMPSHADE', 10);
  const product = new Product('RETRO-LAMPSHADE', [batch]);
  product.allocate(line);
  const expected = new events.Allocated('oref', 'RETRO-LAMPSHADE', 10, batch.reference);
  expect(product.events.at(-1)).toEqual(expected);
});

it('records out of stock event if cannot allocate', () => {
  const batch = new Batch('batch1', 'SMALL-FORK', 10, today);
  const product = new Product('SMALL-FORK', [batch]);
  product.allocate(new OrderLine('order1', 'SMALL-FORK', 10));

  const allocation = product.allocate(new OrderLine('order2', 'SMALL-FORK', 1));

  expect(product.events.at(-1)).toEqual(new events.OutOfStock('SMALL-FORK'));
  expect(allocation).toBeNull();
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

  product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10));

  expect(product.versionNumber).toBe(0);
});

it('change batch quantity deallocates lines until the batch fits, one event each', () => {
  const batch = new Batch('b1', 'TALL-VASE', 20, null);
  const product = new Product('TALL-VASE', [batch]);
  product.allocate(new OrderLine('o1', 'TALL-VASE', 10));
  product.allocate(new OrderLine('o2', 'TALL-VASE', 10));
  product.events = [];

  product.changeBatchQuantity('b1', 15);

  expect(batch.availableQuantity).toBe(5);
  expect(product.events).toEqual([new events.Deallocated('o2', 'TALL-VASE', 10)]);
});

it('change batch quantity to exactly what is allocated deallocates nothing', () => {
  const batch = new Batch('b1', 'TALL-VASE', 30, null);
  const product = new Product('TALL-VASE', [batch]);
  product.allocate(new OrderLine('o1', 'TALL-VASE', 10));
  product.allocate(new OrderLine('o2', 'TALL-VASE', 10));
  product.events = [];

  product.changeBatchQuantity('b1', 20);

  expect(batch.availableQuantity).toBe(0);
  expect(product.events).toEqual([]);
});

it('change batch quantity refuses a batch of another product', () => {
  const product = new Product('TALL-VASE', [new Batch('b1', 'TALL-VASE', 20, null)]);
  expect(() => product.changeBatchQuantity('b2', 15)).toThrow('Batch b2 is not a batch of sku TALL-VASE');
});

it('allocating a line the product already holds changes nothing', () => {
  const batch = new Batch('b1', 'SCANDI-PEN', 100, null);
  const product = new Product('SCANDI-PEN', [batch]);
  product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10));
  const [versionBefore, eventsBefore] = [product.versionNumber, product.events.length];

  const allocation = product.allocate(new OrderLine('oref', 'SCANDI-PEN', 10));

  expect(allocation).toBe('b1');
  expect(batch.availableQuantity).toBe(90);
  expect(product.versionNumber).toBe(versionBefore);
  expect(product.events).toHaveLength(eventsBefore);
});

it('change batch quantity increments version number', () => {
  const product = new Product('SCANDI-PEN', [new Batch('b1', 'SCANDI-PEN', 100, null)]);
  product.versionNumber = 7;

  product.changeBatchQuantity('b1', 50);

  expect(product.versionNumber).toBe(8);
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

it('a batch is neither earlier nor later than one arriving the same day', () => {
  const sameDay = [new Batch('a', 'FAST-FAN', 1, today), new Batch('b', 'FAST-FAN', 1, today)] as const;
  const inStock = [new Batch('c', 'FAST-FAN', 1, null), new Batch('d', 'FAST-FAN', 1, null)] as const;
  expect(compareByEta(...sameDay)).toBe(0);
  expect(compareByEta(...inStock)).toBe(0);
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
