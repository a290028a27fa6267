import { EntityNotFoundError } from 'typeorm';
import { Batch, OrderLine } from '../../src/domain/model';
import * as models from '../../src/adapters/models';
import { ActiveRecordRepository } from '../../src/adapters/repository';
import { useTestDatabase } from '../database';
import { compareAsTheDomainDoes } from '../domain-equality';

compareAsTheDomainDoes();

useTestDatabase();

it('repository can save a batch', async () => {
  const batch = new Batch('batch1', 'RUSTY-SOAPDISH', 100, '2011-12-25');

  const repo = new ActiveRecordRepository();
  await repo.add(batch);

  const [savedBatch, ...others] = await models.Batch.find();
  expect(others).toEqual([]);
  expect(savedBatch?.reference).toBe(batch.reference);
  expect(savedBatch?.sku).toBe(batch.sku);
  expect(savedBatch?.qty).toBe(batch._purchasedQuantity);
  expect(savedBatch?.eta).toBe(batch.eta);
});

it('repository can retrieve a batch with allocations', async () => {
  const sku = 'PONY-STATUE';
  const line = await models.OrderLine.create({ orderid: 'order1', sku, qty: 12 }).save();
  await models.Batch.create({ reference: 'batch1', sku, qty: 100, eta: null, allocations: [line] }).save();
  await models.Batch.create({ reference: 'batch2', sku, qty: 100, eta: null, allocations: [] }).save();

  const repo = new ActiveRecordRepository();
  const retrieved = await repo.get('batch1');

  const expected = new Batch('batch1', sku, 100, null);
  expect(retrieved).toEqual(expected); // Batch equality compares references only
  expect(retrieved.sku).toBe(expected.sku);
  expect(retrieved._purchasedQuantity).toBe(expected._purchasedQuantity);
  expect(retrieved._allocations).toEqual([new OrderLine('order1', sku, 12)]);
});

it('repository saves what changed in a batch it has seen, allocations taken away too', async () => {
  const repo = new ActiveRecordRepository();
  const batch = new Batch('batch1', 'PONY-STATUE', 100, null);
  const [kept, dropped] = [new OrderLine('o1', 'PONY-STATUE', 10), new OrderLine('o2', 'PONY-STATUE', 5)];
  batch.allocate(kept);
  batch.allocate(dropped);
  await repo.add(batch);

  batch.deallocate(dropped);
  await repo.update(batch);

  const retrieved = await repo.get('batch1');
  expect(retrieved._allocations).toEqual([kept]);
  expect(retrieved.availableQuantity).toBe(90);
});

it('repository saves each batch to its own row', async () => {
  const repo = new ActiveRecordRepository();
  const [first, second] = [
    new Batch('batch1', 'PONY-STATUE', 100, null),
    new Batch('batch2', 'PONY-STATUE', 50, null),
  ];
  await repo.add(first);
  await repo.add(second);

  second.allocate(new OrderLine('o1', 'PONY-STATUE', 10));
  await repo.update(second);

  const [one, two] = [await repo.get('batch1'), await repo.get('batch2')];
  expect([one._purchasedQuantity, one._allocations]).toEqual([100, []]);
  expect([two._purchasedQuantity, two._allocations]).toEqual([50, [new OrderLine('o1', 'PONY-STATUE', 10)]]);
});

it('repository lists every batch, and has seen each', async () => {
  const repo = new ActiveRecordRepository();
  await models.Batch.create({ reference: 'b1', sku: 'SKU-A', qty: 10, eta: null, allocations: [] }).save();
  await models.Batch.create({
    reference: 'b2',
    sku: 'SKU-B',
    qty: 10,
    eta: '2011-01-02',
    allocations: [],
  }).save();

  const batches = await repo.list();

  expect(batches.map((b) => b.reference).sort()).toEqual(['b1', 'b2']);
  expect([...repo.seen]).toEqual(batches); // what the unit of work saves at commit
});

it('repository gets the batch with that reference, not another', async () => {
  const repo = new ActiveRecordRepository();
  await repo.add(new Batch('b1', 'SKU-A', 10, null));
  await repo.add(new Batch('b2', 'SKU-A', 20, null));

  const batch = await repo.get('b2');

  expect([batch.reference, batch._purchasedQuantity]).toEqual(['b2', 20]);
});

it('repository get fails for an unknown reference', async () => {
  const repo = new ActiveRecordRepository();

  await expect(repo.get('no-such-batch')).rejects.toThrow(EntityNotFoundError);
});

it('repository refuses a second batch with the same reference', async () => {
  const repo = new ActiveRecordRepository();
  await repo.add(new Batch('batch1', 'SKU-A', 10, null));

  await expect(repo.add(new Batch('batch1', 'SKU-B', 10, null))).rejects.toThrow(/batches_reference_key/);
});
