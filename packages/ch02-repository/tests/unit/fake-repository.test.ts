import { AbstractRepository } from '../../src/adapters/repository';
import { allocate, Batch, OrderLine } from '../../src/domain/model';

/** An in-memory repository: what unit tests use instead of a database (the book shows it in chapter 2). */
class FakeRepository extends AbstractRepository {
  private readonly batches: Set<Batch>;

  constructor(batches: Iterable<Batch>) {
    super();
    this.batches = new Set(batches);
  }

  async add(batch: Batch): Promise<void> {
    this.batches.add(batch);
  }

  async get(reference: string): Promise<Batch> {
    const batch = [...this.batches].find((b) => b.reference === reference);
    if (batch === undefined) throw new Error(`no batch ${reference}`);
    return batch;
  }

  async list(): Promise<Batch[]> {
    return [...this.batches];
  }
}

it('a fake repository gives back the batches it was given', async () => {
  const batch = new Batch('batch1', 'RUSTY-SOAPDISH', 100, null);
  const repo = new FakeRepository([]);

  await repo.add(batch);

  expect(await repo.get('batch1')).toBe(batch);
  expect(await repo.list()).toEqual([batch]);
});

it('a fake repository stands in for the database when allocating', async () => {
  const repo = new FakeRepository([
    new Batch('shipment', 'RETRO-CLOCK', 100, '2031-01-01'),
    new Batch('in-stock', 'RETRO-CLOCK', 100, null),
  ]);

  const batchref = allocate(new OrderLine('o1', 'RETRO-CLOCK', 10), await repo.list());

  expect(batchref).toBe('in-stock');
  expect((await repo.get('in-stock')).availableQuantity).toBe(90);
});

it('a fake repository fails for an unknown reference, as the real one does', async () => {
  await expect(new FakeRepository([]).get('nope')).rejects.toThrow('no batch nope');
});
