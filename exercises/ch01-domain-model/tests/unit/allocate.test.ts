// The allocate() domain service: it picks the batch a line goes to. Write these tests, then allocate().
import { todo } from './todo';

it('prefers current stock batches to shipments', () => {
  todo(
    'allocate(line, [inStockBatch, shipmentBatch]) with eta null for the batch in the warehouse and ' +
      'tomorrow for the shipment: expect only the warehouse batch to lose the quantity',
  );
});

it('prefers earlier batches', () => {
  todo('three batches arriving today, tomorrow and later: expect allocate() to take from the earliest only');
});
