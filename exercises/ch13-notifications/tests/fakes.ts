import { AbstractRepository } from 'ch13-di/src/adapters/repository';
import type { Product } from 'ch13-di/src/domain/model';
import { AbstractUnitOfWork, type SqlSession } from 'ch13-di/src/service-layer/unit-of-work';

class FakeRepository extends AbstractRepository {
  private readonly products = new Set<Product>();

  protected async _add(product: Product): Promise<void> {
    this.products.add(product);
  }

  protected async _get(sku: string): Promise<Product | null> {
    return [...this.products].find((p) => p.sku === sku) ?? null;
  }

  protected async _getByBatchref(batchref: string): Promise<Product | null> {
    return [...this.products].find((p) => p.batches.some((b) => b.reference === batchref)) ?? null;
  }
}

/** The read model's SQL is not this exercise's business: it is kept, not run. */
class FakeSession implements SqlSession {
  async execute<T>(): Promise<T> {
    return [] as T;
  }
}

export class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly products = new FakeRepository();
  readonly session = new FakeSession();

  async rollback(): Promise<void> {}

  protected async _commit(): Promise<void> {}
}

/** A publish that drops what it is given: no Redis here. */
export async function dropPublished(): Promise<void> {}
