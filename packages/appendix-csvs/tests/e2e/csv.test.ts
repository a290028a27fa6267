import { readdir } from 'node:fs/promises';
import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { useCsvFolder } from '../csv-folder';
import { runCliScript } from './allocate-from-csv';

const folder = useCsvFolder();

it('cli app reads csvs with batches and orders and outputs allocations', async () => {
  const [sku1, sku2] = [randomSku('s1'), randomSku('s2')];
  const [batch1, batch2, batch3] = [randomBatchref('b1'), randomBatchref('b2'), randomBatchref('b3')];
  const orderRef = randomOrderid('o');
  await folder.makeCsv('batches.csv', [
    ['ref', 'sku', 'qty', 'eta'],
    [batch1, sku1, 100, ''],
    [batch2, sku2, 100, '2011-01-01'],
    [batch3, sku2, 100, '2011-01-02'],
  ]);
  await folder.makeCsv('orders.csv', [
    ['orderid', 'sku', 'qty'],
    [orderRef, sku1, 3],
    [orderRef, sku2, 12],
  ]);

  const result = await runCliScript(folder.path);

  expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(await folder.readCsv('allocations.csv')).toEqual([
    ['orderid', 'sku', 'qty', 'batchref'],
    [orderRef, sku1, '3', batch1],
    [orderRef, sku2, '12', batch2],
  ]);
});

it('cli app also reads existing allocations and can append to them', async () => {
  const sku = randomSku('s');
  const [batch1, batch2] = [randomBatchref('b1'), randomBatchref('b2')];
  const [oldOrder, newOrder] = [randomOrderid('o1'), randomOrderid('o2')];
  await folder.makeCsv('batches.csv', [
    ['ref', 'sku', 'qty', 'eta'],
    [batch1, sku, 10, '2011-01-01'],
    [batch2, sku, 10, '2011-01-02'],
  ]);
  await folder.makeCsv('allocations.csv', [
    ['orderid', 'sku', 'qty', 'batchref'],
    [oldOrder, sku, 10, batch1],
  ]);
  await folder.makeCsv('orders.csv', [
    ['orderid', 'sku', 'qty'],
    [newOrder, sku, 7],
  ]);

  const result = await runCliScript(folder.path);

  expect(result.code).toBe(0);
  expect(await folder.readCsv('allocations.csv')).toEqual([
    ['orderid', 'sku', 'qty', 'batchref'],
    [oldOrder, sku, '10', batch1],
    [newOrder, sku, '7', batch2],
  ]);
});

it('cli app reports a bad file in one line, exits 1 and leaves allocations.csv as it was', async () => {
  const sku = randomSku();
  await folder.makeCsv('batches.csv', [
    ['ref', 'sku', 'qty', 'eta'],
    ['b1', sku, 10, ''],
  ]);
  await folder.makeCsv('allocations.csv', [
    ['orderid', 'sku', 'qty', 'batchref'],
    ['o1', sku, 2, 'b1'],
  ]);
  const before = await folder.readCsv('allocations.csv');
  await folder.makeCsv('orders.csv', [
    ['orderid', 'sku', 'qty'],
    ['o2', sku, 3],
    ['o3', sku, 'x'],
  ]);

  const result = await runCliScript(folder.path);

  expect(result).toEqual({
    code: 1,
    stdout: '',
    stderr: 'orders.csv line 3: qty must be a positive integer, not "x"\n',
  });
  expect(await folder.readCsv('allocations.csv')).toEqual(before);
  expect((await readdir(folder.path)).sort()).toEqual(['allocations.csv', 'batches.csv', 'orders.csv']);
});
