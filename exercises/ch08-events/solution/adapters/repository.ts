import { Product } from 'ch08-events/src/domain/model';
import type { TypeOrmSession } from 'ch08-events/src/adapters/session';

/** What a repository of products does: an interface, not a base class. */
export interface Repository {
  add(product: Product): Promise<void>;
  get(sku: string): Promise<Product | null>;
}

export class TypeOrmRepository implements Repository {
  constructor(private readonly session: TypeOrmSession) {}

  async add(product: Product): Promise<void> {
    this.session.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    const [product = null] = await this.session.manager.findBy(Product, { sku }); // sku is its key
    return product;
  }
}

/** Any Repository, wrapped so that it remembers every product it handed out or took in. */
export class TrackingRepository implements Repository {
  readonly seen = new Set<Product>();

  constructor(readonly inner: Repository) {}

  async add(product: Product): Promise<void> {
    await this.inner.add(product);
    this.seen.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    const product = await this.inner.get(sku);
    if (product !== null) this.seen.add(product);
    return product;
  }
}
