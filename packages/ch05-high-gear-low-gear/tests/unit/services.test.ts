import { type Batch, OutOfStock } from '../../src/domain/model';
import { AbstractRepository } from '../../src/adapters/repository';
import * as services from '../../src/service-layer/services';

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

class FakeSession implements services.Session {
  committed = false;

  async commit(): Promise<void> {
    this.committed = true;
  }
}

it('add batch', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null, repo, session);
  expect(await repo.get('b1')).toBeDefined();
  expect(session.committed).toBe(true);
});

it('allocate returns allocation', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('batch1', 'COMPLICATED-LAMP', 100, null, repo, session);
  const result = await services.allocate('o1', 'COMPLICATED-LAMP', 10, repo, session);
  expect(result).toBe('batch1');
});

it('allocate errors for invalid sku', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'AREALSKU', 100, null, repo, session);

  const attempt = services.allocate('o1', 'NONEXISTENTSKU', 10, repo, new FakeSession());

  await expect(attempt).rejects.toThrow(services.InvalidSku);
  await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
});

it('allocate commits', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'OMINOUS-MIRROR', 100, null, repo, session);
  await services.allocate('o1', 'OMINOUS-MIRROR', 10, repo, session);
  expect(session.committed).toBe(true);
});

it('allocate does not commit when out of stock', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'SMALL-FORK', 10, null, repo, session);
  session.committed = false;

  await expect(services.allocate('o1', 'SMALL-FORK', 11, repo, session)).rejects.toThrow(OutOfStock);

  expect(session.committed).toBe(false);
});

it('allocates a sku that only some of the batches hold', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'OTHER-SKU', 100, null, repo, session);
  await services.addBatch('b2', 'ROUND-TABLE', 100, null, repo, session);

  expect(await services.allocate('o1', 'ROUND-TABLE', 10, repo, session)).toBe('b2');
});

it('invalid sku errors carry their name into logs', () => {
  expect(String(new services.InvalidSku('Invalid sku NONEXISTENTSKU'))).toBe(
    'InvalidSku: Invalid sku NONEXISTENTSKU',
  );
});
