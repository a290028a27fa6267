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

/** The unit of work the service tests use: in memory, on a FakeRepository. */
export class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly batches = new FakeRepository();
  committed = false;

  async commit(): Promise<void> {
    this.committed = true;
  }

  async rollback(): Promise<void> {} // nothing was written anywhere: nothing to undo
}
