import { type Batch, OutOfStock } from '../../src/domain/model';
import { AbstractRepository } from '../../src/adapters/repository';
import * as services from '../../src/service-layer/services';
import { AbstractUnitOfWork } from '../../src/service-layer/unit-of-work';

class FakeRepository extends AbstractRepository {
  private readonly batches: Set<Batch>;

  constructor(batches: Iterable<Batch>) {
    super();
    this.batches = new Set(batches);
  }

  override async add(batch: Batch): Promise<void> {
    await super.add(batch);
    this.batches.add(batch);
  }

  protected async _get(reference: string): Promise<Batch> {
    const batch = [...this.batches].find((b) => b.reference === reference);
    if (batch === undefined) throw new Error(`no batch ${reference}`);
    return batch;
  }

  async list(): Promise<Batch[]> {
    return [...this.batches];
  }
}

class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly batches = new FakeRepository([]);
  committed = false;

  async commit(): Promise<void> {
    this.committed = true;
  }

  async rollback(): Promise<void> {}
}

it('add batch', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null, uow);
  expect(await uow.batches.get('b1')).toBeDefined();
  expect(uow.committed).toBe(true);
});

it('allocate returns allocation', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('batch1', 'COMPLICATED-LAMP', 100, null, uow);
  const result = await services.allocate('o1', 'COMPLICATED-LAMP', 10, uow);
  expect(result).toBe('batch1');
});

it('allocate errors for invalid sku', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'AREALSKU', 100, null, uow);

  const attempt = services.allocate('o1', 'NONEXISTENTSKU', 10, uow);

  await expect(attempt).rejects.toThrow(services.InvalidSku);
  await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
});

it('allocate commits', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'OMINOUS-MIRROR', 100, null, uow);
  await services.allocate('o1', 'OMINOUS-MIRROR', 10, uow);
  expect(uow.committed).toBe(true);
});

it('allocate does not commit when out of stock', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'SMALL-FORK', 10, null, uow);
  uow.committed = false;

  await expect(services.allocate('o1', 'SMALL-FORK', 11, uow)).rejects.toThrow(OutOfStock);

  expect(uow.committed).toBe(false);
});

it('allocates a sku that only some of the batches hold', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'OTHER-SKU', 100, null, uow);
  await services.addBatch('b2', 'ROUND-TABLE', 100, null, uow);

  expect(await services.allocate('o1', 'ROUND-TABLE', 10, uow)).toBe('b2');
});

it('invalid sku errors carry their name into logs', () => {
  expect(String(new services.InvalidSku('Invalid sku NONEXISTENTSKU'))).toBe(
    'InvalidSku: Invalid sku NONEXISTENTSKU',
  );
});

it('a unit of work rolls back whatever its block leaves uncommitted, even when the block fails', async () => {
  const rollbacks: string[] = [];
  class RecordingUnitOfWork extends FakeUnitOfWork {
    override async rollback(): Promise<void> {
      rollbacks.push('rollback');
    }
  }
  const uow = new RecordingUnitOfWork();

  await uow.run(async () => {});
  await expect(uow.run(async () => Promise.reject(new Error('the block failed')))).rejects.toThrow(
    'the block failed',
  );

  expect(rollbacks).toEqual(['rollback', 'rollback']);
});
