import { allocate, Batch, compareByEta, OrderLine, OutOfStock } from '../../src/domain/model';
import { later, today, tomorrow } from './dates';

it('prefers current stock batches to shipments', () => {
  const inStockBatch = new Batch('in-stock-batch', 'RETRO-CLOCK', 100, null);
  const shipmentBatch = new Batch('shipment-batch', 'RETRO-CLOCK', 100, tomorrow);
  const line = new OrderLine('oref', 'RETRO-CLOCK', 10);

  allocate(line, [inStockBatch, shipmentBatch]);

  expect(inStockBatch.availableQuantity).toBe(90);
  expect(shipmentBatch.availableQuantity).toBe(100);
});

it('prefers earlier batches', () => {
  const earliest = new Batch('speedy-batch', 'MINIMALIST-SPOON', 100, today);
  const medium = new Batch('normal-batch', 'MINIMALIST-SPOON', 100, tomorrow);
  const latest = new Batch('slow-batch', 'MINIMALIST-SPOON', 100, later);
  const line = new OrderLine('order1', 'MINIMALIST-SPOON', 10);

  allocate(line, [medium, earliest, latest]);

  expect(earliest.availableQuantity).toBe(90);
  expect(medium.availableQuantity).toBe(100);
  expect(latest.availableQuantity).toBe(100);
});

it('returns allocated batch ref', () => {
  const inStockBatch = new Batch('in-stock-batch-ref', 'HIGHBROW-POSTER', 100, null);
  const shipmentBatch = new Batch('shipment-batch-ref', 'HIGHBROW-POSTER', 100, tomorrow);
  const line = new OrderLine('oref', 'HIGHBROW-POSTER', 10);
  const allocation = allocate(line, [inStockBatch, shipmentBatch]);
  expect(allocation).toBe(inStockBatch.reference);
});

it('raises out of stock exception if cannot allocate', () => {
  const batch = new Batch('batch1', 'SMALL-FORK', 10, today);
  allocate(new OrderLine('order1', 'SMALL-FORK', 10), [batch]);

  const allocateMore = (): string => allocate(new OrderLine('order2', 'SMALL-FORK', 1), [batch]);

  expect(allocateMore).toThrow(OutOfStock);
  expect(allocateMore).toThrow('SMALL-FORK');
});

it('leaves the batches it is given in their order', () => {
  const later_ = new Batch('later', 'SLOW-SOFA', 100, tomorrow);
  const now = new Batch('now', 'SLOW-SOFA', 100, null);
  const batches = [later_, now];

  allocate(new OrderLine('o1', 'SLOW-SOFA', 1), batches);

  expect(batches).toEqual([later_, now]);
});

it('prefers earlier batches whatever order they come in', () => {
  const batches = [
    new Batch('warehouse', 'FAST-FAN', 100, null),
    new Batch('today', 'FAST-FAN', 100, today),
    new Batch('tomorrow', 'FAST-FAN', 100, tomorrow),
    new Batch('later', 'FAST-FAN', 100, later),
  ];
  for (const order of permutations(batches)) {
    expect(allocate(new OrderLine('o1', 'FAST-FAN', 1), order)).toBe('warehouse');
    expect(
      allocate(
        new OrderLine('o2', 'FAST-FAN', 1),
        order.filter((b) => b.eta !== null),
      ),
    ).toBe('today');
  }
});

it('a batch is neither earlier nor later than one arriving the same day', () => {
  const sameDay = [new Batch('a', 'FAST-FAN', 1, today), new Batch('b', 'FAST-FAN', 1, today)] as const;
  const inStock = [new Batch('c', 'FAST-FAN', 1, null), new Batch('d', 'FAST-FAN', 1, null)] as const;
  expect(compareByEta(...sameDay)).toBe(0);
  expect(compareByEta(...inStock)).toBe(0);
});

it('out of stock errors carry their name into logs', () => {
  expect(String(new OutOfStock('Out of stock for sku SMALL-FORK'))).toBe(
    'OutOfStock: Out of stock for sku SMALL-FORK',
  );
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
