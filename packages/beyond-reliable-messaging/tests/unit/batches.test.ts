import { Batch, OrderLine } from '../../src/domain/model';
import { today } from './dates';

function makeBatchAndLine(sku: string, batchQty: number, lineQty: number): [Batch, OrderLine] {
  return [new Batch('batch-001', sku, batchQty, today), new OrderLine('order-123', sku, lineQty)];
}

it('allocating to a batch reduces the available quantity', () => {
  const batch = new Batch('batch-001', 'SMALL-TABLE', 20, today);
  const line = new OrderLine('order-ref', 'SMALL-TABLE', 2);

  batch.allocate(line);

  expect(batch.availableQuantity).toBe(18);
});

it('can allocate if available greater than required', () => {
  const [largeBatch, smallLine] = makeBatchAndLine('ELEGANT-LAMP', 20, 2);
  expect(largeBatch.canAllocate(smallLine)).toBe(true);
});

it('cannot allocate if available smaller than required', () => {
  const [smallBatch, largeLine] = makeBatchAndLine('ELEGANT-LAMP', 2, 20);
  expect(smallBatch.canAllocate(largeLine)).toBe(false);
});

it('can allocate if available equal to required', () => {
  const [batch, line] = makeBatchAndLine('ELEGANT-LAMP', 2, 2);
  expect(batch.canAllocate(line)).toBe(true);
});

it('cannot allocate if skus do not match', () => {
  const batch = new Batch('batch-001', 'UNCOMFORTABLE-CHAIR', 100, null);
  const differentSkuLine = new OrderLine('order-123', 'EXPENSIVE-TOASTER', 10);
  expect(batch.canAllocate(differentSkuLine)).toBe(false);
});

it('allocation is idempotent', () => {
  const [batch, line] = makeBatchAndLine('ANGULAR-DESK', 20, 2);
  batch.allocate(line);
  batch.allocate(line);
  expect(batch.availableQuantity).toBe(18);
});

it('allocation is idempotent for an equal line that is another object', () => {
  const [batch, line] = makeBatchAndLine('ANGULAR-DESK', 20, 2);
  batch.allocate(line);
  batch.allocate(new OrderLine(line.orderid, line.sku, line.qty));
  expect(batch.availableQuantity).toBe(18);
});

it('deallocate one takes back an allocated line', () => {
  const [batch, line] = makeBatchAndLine('EXPENSIVE-FOOTSTOOL', 20, 2);
  batch.allocate(line);

  const deallocated = batch.deallocateOne();

  expect(deallocated).toBe(line);
  expect(batch.availableQuantity).toBe(20);
});

it('deallocate one fails on a batch with no allocations', () => {
  const [batch] = makeBatchAndLine('DECORATIVE-TRINKET', 20, 2);
  expect(() => batch.deallocateOne()).toThrow('has no allocations');
});

it('batches are equal when their references are', () => {
  expect(new Batch('b1', 'A', 10, null).equals(new Batch('b1', 'B', 20, today))).toBe(true);
  expect(new Batch('b1', 'A', 10, null).equals(new Batch('b2', 'A', 10, null))).toBe(false);
});

it('two different lines are both allocated', () => {
  const batch = new Batch('batch-001', 'ANGULAR-DESK', 20, today);
  const line = new OrderLine('o1', 'ANGULAR-DESK', 2);
  const otherOrder = new OrderLine('o2', 'ANGULAR-DESK', 2);
  const otherQty = new OrderLine('o1', 'ANGULAR-DESK', 3);

  for (const each of [line, otherOrder, otherQty]) batch.allocate(each);

  expect(batch.availableQuantity).toBe(13);
});

it('order lines are equal when their orderid, sku and qty all are', () => {
  const line = new OrderLine('o1', 'A', 2);
  expect(line.equals(new OrderLine('o1', 'A', 2))).toBe(true);
  expect(line.equals(new OrderLine('o2', 'A', 2))).toBe(false);
  expect(line.equals(new OrderLine('o1', 'B', 2))).toBe(false);
  expect(line.equals(new OrderLine('o1', 'A', 3))).toBe(false);
});
