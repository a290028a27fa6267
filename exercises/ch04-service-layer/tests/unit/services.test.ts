import { AbstractRepository } from 'ch04-service-layer/src/adapters/repository';
import { Batch, OrderLine } from 'ch04-service-layer/src/domain/model';
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
  expect(await repo.get('b1')).toBeInstanceOf(Batch);
  expect(session.committed).toBe(true);
});

it('deallocate decrements available quantity', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'BLUE-PLINTH', 100, null, repo, session);
  await services.allocate(new OrderLine('o1', 'BLUE-PLINTH', 10), repo, session);
  const batch = await repo.get('b1');
  expect(batch.availableQuantity).toBe(90);

  await services.deallocate('o1', 'BLUE-PLINTH', repo, session);

  expect(batch.availableQuantity).toBe(100);
});

it('deallocate decrements correct quantity', async () => {
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'BLUE-PLINTH', 100, null, repo, session);
  await services.addBatch('b2', 'RED-PLINTH', 100, null, repo, session);
  await services.allocate(new OrderLine('o1', 'BLUE-PLINTH', 10), repo, session);
  await services.allocate(new OrderLine('o1', 'RED-PLINTH', 20), repo, session);

  await services.deallocate('o1', 'RED-PLINTH', repo, session);

  expect((await repo.get('b1')).availableQuantity).toBe(90); // the order's other sku stays allocated
  expect((await repo.get('b2')).availableQuantity).toBe(100);
});

it('trying to deallocate unallocated batch', async () => {
  // the companion leaves the choice open; ours: nothing to take off is no error, as for Batch.deallocate
  const [repo, session] = [new FakeRepository([]), new FakeSession()];
  await services.addBatch('b1', 'BLUE-PLINTH', 100, null, repo, session);

  await services.deallocate('o1', 'BLUE-PLINTH', repo, session);

  expect((await repo.get('b1')).availableQuantity).toBe(100);
});

it('deallocate for an invalid sku throws InvalidSku', async () => {
  const [repo, session] = [new FakeRepository([new Batch('b1', 'AREALSKU', 100, null)]), new FakeSession()];
  await expect(services.deallocate('o1', 'NONEXISTENTSKU', repo, session)).rejects.toThrow(
    new services.InvalidSku('Invalid sku NONEXISTENTSKU'),
  );
  expect(session.committed).toBe(false);
});
