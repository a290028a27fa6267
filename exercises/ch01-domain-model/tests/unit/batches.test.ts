// Write these tests first, then the model that makes them pass (src/domain/model.ts).
import { todo } from './todo';

it('allocating to a batch reduces the available quantity', () => {
  todo(
    'make a Batch of 20 SMALL-TABLE, allocate an OrderLine of 2 to it, and expect its availableQuantity to be 18',
  );
});

it('can allocate if available greater than required', () => {
  todo('expect batch.canAllocate(line) to be true for a batch of 20 and a line of 2 of the same sku');
});

it('cannot allocate if available smaller than required', () => {
  todo('expect batch.canAllocate(line) to be false for a batch of 2 and a line of 20');
});

it('can allocate if available equal to required', () => {
  todo('expect batch.canAllocate(line) to be true for a batch of 2 and a line of 2');
});
