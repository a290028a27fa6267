import { OrderLine } from '../../src/domain/model';
import { CsvUnitOfWork } from '../../src/service-layer/csv-uow';
import { useCsvFolder } from '../csv-folder';

const folder = useCsvFolder();

beforeEach(async () => {
  await folder.makeCsv('batches.csv', [
    ['ref', 'sku', 'qty', 'eta'],
    ['batch1', 'HIPSTER-WORKBENCH', 100, ''],
  ]);
});

it('csv uow can retrieve a batch and allocate to it', async () => {
  const uow = new CsvUnitOfWork(folder.path);

  await uow.run(async () => {
    const batch = await uow.batches.get('batch1');
    batch.allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 10));
    await uow.commit();
  });

  expect(await folder.readCsv('allocations.csv')).toEqual([
    ['orderid', 'sku', 'qty', 'batchref'],
    ['o1', 'HIPSTER-WORKBENCH', '10', 'batch1'],
  ]);
});

it('csv uow reads the allocations already made', async () => {
  await folder.makeCsv('allocations.csv', [
    ['orderid', 'sku', 'qty', 'batchref'],
    ['o1', 'HIPSTER-WORKBENCH', 10, 'batch1'],
  ]);
  const uow = new CsvUnitOfWork(folder.path);

  const available = await uow.run(async () => (await uow.batches.get('batch1')).availableQuantity);

  expect(available).toBe(90);
});

it('csv uow rolls back uncommitted work by default', async () => {
  const uow = new CsvUnitOfWork(folder.path);
  await uow.run(async () => {
    (await uow.batches.get('batch1')).allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 10));
  });

  const available = await uow.run(async () => (await uow.batches.get('batch1')).availableQuantity);

  expect(available).toBe(100);
  await expect(folder.readCsv('allocations.csv')).rejects.toThrow('ENOENT');
});

it('csv uow rolls back on error', async () => {
  class MyException extends Error {}
  const uow = new CsvUnitOfWork(folder.path);

  const attempt = uow.run(async () => {
    (await uow.batches.get('batch1')).allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 10));
    throw new MyException();
  });

  await expect(attempt).rejects.toThrow(MyException);
  expect(await uow.run(async () => (await uow.batches.get('batch1')).availableQuantity)).toBe(100);
});
