// The business rules, checked against whatever src/domain/model.ts exports. You need not read this file:
// each failure names the next thing to write. (Your own tests are batches.test.ts and allocate.test.ts.)
import * as written from '../../src/domain/model';
import { later, today, tomorrow } from './dates';

interface OrderLine {
  readonly orderid: string;
  readonly sku: string;
  readonly qty: number;
}
interface Batch {
  readonly reference: string;
  readonly availableQuantity: number;
  canAllocate(line: OrderLine): boolean;
  allocate(line: OrderLine): void;
}
interface Model {
  OrderLine: new (orderid: string, sku: string, qty: number) => OrderLine;
  Batch: new (reference: string, sku: string, qty: number, eta: string | null) => Batch;
  allocate: (line: OrderLine, batches: Batch[]) => string;
  OutOfStock: new (message: string) => Error;
}

const what: Record<keyof Model, string> = {
  OrderLine: 'class OrderLine, a value object: constructor(orderid, sku, qty)',
  Batch: 'class Batch, an entity: constructor(reference, sku, qty, eta), eta a date "YYYY-MM-DD" or null',
  allocate:
    'function allocate(line, batches), the domain service: returns the reference of the batch it chose',
  OutOfStock: 'class OutOfStock extends Error, what allocate() throws when no batch can take the line',
};

/** The model's exports, each checked to be there, in the order the chapter writes them. */
function model(...names: (keyof Model)[]): Model {
  const exported = written as Record<string, unknown>;
  for (const name of names)
    if (typeof exported[name] !== 'function')
      throw new Error(`src/domain/model.ts exports no ${name} yet. Write ${what[name]}.`);
  return exported as unknown as Model;
}

function check(holds: boolean, rule: string): void {
  if (!holds) throw new Error(`Rule not kept: ${rule}`);
}

it('a batch allocated a line has that much less available', () => {
  const { Batch, OrderLine } = model('OrderLine', 'Batch');
  const batch = new Batch('batch-001', 'SMALL-TABLE', 20, today);
  batch.allocate(new OrderLine('order-ref', 'SMALL-TABLE', 2));
  check(batch.availableQuantity === 18, 'after allocate(line of 2), a batch of 20 has availableQuantity 18');
});

it('a batch can take a line only of its sku and no larger than what it has available', () => {
  const { Batch, OrderLine } = model('OrderLine', 'Batch');
  const line = (qty: number, sku = 'ELEGANT-LAMP') => new OrderLine('order-123', sku, qty);
  const batch = (qty: number) => new Batch('batch-001', 'ELEGANT-LAMP', qty, today);
  check(batch(20).canAllocate(line(2)), 'canAllocate is true when the batch has more than the line needs');
  check(batch(2).canAllocate(line(2)), 'canAllocate is true when the batch has exactly what the line needs');
  check(!batch(2).canAllocate(line(20)), 'canAllocate is false when the batch has less than the line needs');
  check(!batch(20).canAllocate(line(2, 'OTHER')), 'canAllocate is false for a line of another sku');
});

it('allocating the same line twice allocates it once', () => {
  const { Batch, OrderLine } = model('OrderLine', 'Batch');
  const batch = new Batch('batch-001', 'ANGULAR-DESK', 20, today);
  batch.allocate(new OrderLine('order-1', 'ANGULAR-DESK', 2));
  batch.allocate(new OrderLine('order-1', 'ANGULAR-DESK', 2)); // an equal line: OrderLine is a value object
  check(batch.availableQuantity === 18, 'an order line equal to one already allocated changes nothing');
});

it('allocate() prefers stock in the warehouse, then the earliest shipment', () => {
  const { Batch, OrderLine, allocate } = model('OrderLine', 'Batch', 'allocate');
  const [inStock, early, late] = [null, tomorrow, later].map(
    (eta, i) => new Batch(`b${i}`, 'SPOON', 100, eta),
  );
  if (!inStock || !early || !late) throw new Error('three batches');
  const chosen = allocate(new OrderLine('o1', 'SPOON', 10), [late, early, inStock]);
  check(
    chosen === 'b0',
    'allocate() returns the reference of the batch with eta null (in the warehouse now)',
  );
  check(
    inStock.availableQuantity === 90 && early.availableQuantity === 100,
    'only the chosen batch is allocated',
  );
  allocate(new OrderLine('o2', 'SPOON', 95), [late, early, inStock]);
  check(early.availableQuantity === 5, 'a line no warehouse batch can take goes to the earliest shipment');
});

it('allocate() throws OutOfStock when no batch can take the line', () => {
  const { Batch, OrderLine, allocate, OutOfStock } = model('OrderLine', 'Batch', 'allocate', 'OutOfStock');
  const batch = new Batch('batch1', 'SMALL-FORK', 10, today);
  allocate(new OrderLine('order1', 'SMALL-FORK', 10), [batch]);
  let thrown: unknown;
  try {
    allocate(new OrderLine('order2', 'SMALL-FORK', 1), [batch]);
  } catch (error) {
    thrown = error;
  }
  check(thrown instanceof OutOfStock, 'allocate() throws an OutOfStock when every batch is used up');
  check(
    thrown instanceof Error && thrown.message.includes('SMALL-FORK'),
    "OutOfStock's message names the sku",
  );
});
