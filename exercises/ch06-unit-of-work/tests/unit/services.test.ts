import { OutOfStock } from 'ch06-unit-of-work/src/domain/model';
import * as services from '../../src/service-layer/services';
import { FakeUnitOfWork } from './fake-unit-of-work';

it('add batch', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null, uow);
  expect(await uow.batches.get('b1')).toBeDefined();
  expect(uow.committed).toBe(true);
});

it('allocate returns allocation', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('batch1', 'COMPLICATED-LAMP', 100, null, uow);
  expect(await services.allocate('o1', 'COMPLICATED-LAMP', 10, uow)).toBe('batch1');
});

it('allocate errors for invalid sku', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'AREALSKU', 100, null, uow);
  await expect(services.allocate('o1', 'NONEXISTENTSKU', 10, uow)).rejects.toThrow(
    'Invalid sku NONEXISTENTSKU',
  );
});

it('allocate commits', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'OMINOUS-MIRROR', 100, null, uow);
  uow.committed = false;
  await services.allocate('o1', 'OMINOUS-MIRROR', 10, uow);
  expect(uow.committed).toBe(true);
});

it('out of stock commits nothing', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'SMALL-FORK', 1, null, uow);
  uow.committed = false;
  await expect(services.allocate('o1', 'SMALL-FORK', 10, uow)).rejects.toThrow(OutOfStock);
  expect(uow.committed).toBe(false);
});
