import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Batch, OrderLine } from '../../src/domain/model';
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

it('csv uow rolls back to the allocations it read, not to none', async () => {
  await folder.makeCsv('allocations.csv', [
    ['orderid', 'sku', 'qty', 'batchref'],
    ['o1', 'HIPSTER-WORKBENCH', 10, 'batch1'],
  ]);
  const uow = new CsvUnitOfWork(folder.path);
  await uow.run(async () => {
    (await uow.batches.get('batch1')).allocate(new OrderLine('o2', 'HIPSTER-WORKBENCH', 5));
  });

  expect(await uow.run(async () => (await uow.batches.get('batch1')).availableQuantity)).toBe(90);
});

it('csv uow reads an allocation listed twice as one', async () => {
  const line = ['o1', 'HIPSTER-WORKBENCH', 10, 'batch1'];
  await folder.makeCsv('allocations.csv', [['orderid', 'sku', 'qty', 'batchref'], line, line]);
  const uow = new CsvUnitOfWork(folder.path);

  expect(await uow.run(async () => (await uow.batches.get('batch1')).availableQuantity)).toBe(90);
});

it('csv uow reads a file saved with a byte-order mark and blank lines, as spreadsheets save them', async () => {
  await writeFile(
    join(folder.path, 'batches.csv'),
    '\uFEFFref,sku,qty,eta\r\n\r\nbatch1,HIPSTER-WORKBENCH,100,2011-01-02\r\n\r\n',
  );
  const uow = new CsvUnitOfWork(folder.path);

  const batches = await uow.run(() => uow.batches.list());

  expect(batches.map(({ reference, eta }) => ({ reference, eta }))).toEqual([
    { reference: 'batch1', eta: '2011-01-02' },
  ]);
});

it('a commit that cannot replace its file leaves no temporary file behind', async () => {
  const target = join(folder.path, 'out');
  await mkdir(target); // rename() cannot put a file over a folder
  const uow = new CsvUnitOfWork(folder.path, target);

  await expect(uow.run(() => uow.commit())).rejects.toHaveProperty('code', 'EISDIR');

  expect((await readdir(folder.path)).sort()).toEqual(['batches.csv', 'out']);
});

it('csv uow finds no batch that batches.csv does not have, and says so', async () => {
  const uow = new CsvUnitOfWork(folder.path);

  await expect(uow.run(() => uow.batches.get('batch2'))).rejects.toThrow('No batch batch2');
});

it('csv uow takes in a new batch, which its allocations can go to', async () => {
  const uow = new CsvUnitOfWork(folder.path);

  await uow.run(async () => {
    await uow.batches.add(new Batch('batch2', 'HIPSTER-WORKBENCH', 5, null));
    (await uow.batches.get('batch2')).allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 5));
    await uow.commit();
  });

  expect(await folder.readCsv('allocations.csv')).toEqual([
    ['orderid', 'sku', 'qty', 'batchref'],
    ['o1', 'HIPSTER-WORKBENCH', '5', 'batch2'],
  ]);
});
