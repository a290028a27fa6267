import type { Product } from 'ch08-events/src/domain/model';
import { type Repository, TrackingRepository } from '../../src/adapters/repository';
import type { UnitOfWork } from '../../src/service-layer/unit-of-work';

/** A repository in memory: implements the interface, inherits nothing. */
export class FakeRepository implements Repository {
  private readonly products = new Set<Product>();

  async add(product: Product): Promise<void> {
    this.products.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    return [...this.products].find((p) => p.sku === sku) ?? null;
  }
}

/** A unit of work in memory, that only counts what is asked of it. */
export class FakeUnitOfWork implements UnitOfWork {
  readonly products = new TrackingRepository(new FakeRepository());
  commits = 0;
  rollbacks = 0;

  async run<T>(block: () => Promise<T>): Promise<T> {
    return block();
  }

  async commit(): Promise<void> {
    this.commits += 1;
  }

  async rollback(): Promise<void> {
    this.rollbacks += 1;
  }
}
