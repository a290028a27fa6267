import type { Batch } from 'ch06-unit-of-work/src/domain/model';
import { AbstractRepository } from 'ch06-unit-of-work/src/adapters/repository';
import { AbstractUnitOfWork } from '../../src/service-layer/unit-of-work';

export class FakeRepository extends AbstractRepository {
  private readonly batches = new Set<Batch>();

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

/** The unit of work the service tests use: write it, in memory, on a FakeRepository. */
export class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly batches = new FakeRepository();
  committed = false;

  async commit(): Promise<void> {
    throw new Error(
      'To do in tests/unit/fake-unit-of-work.ts: FakeUnitOfWork.commit() remembers it was called',
    );
  }

  async rollback(): Promise<void> {
    throw new Error(
      'To do in tests/unit/fake-unit-of-work.ts: FakeUnitOfWork.rollback() has nothing to undo',
    );
  }
}
