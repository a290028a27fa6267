import { Product } from 'ch08-events/src/domain/model';
import type { TypeOrmSession } from 'ch08-events/src/adapters/session';

/** What a repository of products does: an interface, not a base class. */
export interface Repository {
  add(product: Product): Promise<void>;
  get(sku: string): Promise<Product | null>;
}

/** Chapter 8's base class, which tracks what it has seen through template methods: the exercise does without it. */
export abstract class AbstractRepository {
  readonly seen = new Set<Product>();

  async add(product: Product): Promise<void> {
    await this._add(product);
    this.seen.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    const product = await this._get(sku);
    if (product !== null) this.seen.add(product);
    return product;
  }

  protected abstract _add(product: Product): Promise<void>;

  protected abstract _get(sku: string): Promise<Product | null>;
}

export class TypeOrmRepository extends AbstractRepository {
  constructor(private readonly session: TypeOrmSession) {
    super();
  }

  protected async _add(product: Product): Promise<void> {
    this.session.add(product);
  }

  protected async _get(sku: string): Promise<Product | null> {
    const [product = null] = await this.session.manager.findBy(Product, { sku }); // sku is its key
    return product;
  }
}

/** Any Repository, wrapped so that it remembers every product it handed out or took in. */
export class TrackingRepository implements Repository {
  readonly seen = new Set<Product>();

  constructor(readonly inner: Repository) {}

  async add(product: Product): Promise<void> {
    void product;
    throw todo('TrackingRepository.add(product): add it to the inner repository, and remember it in seen');
  }

  async get(sku: string): Promise<Product | null> {
    void sku;
    throw todo(
      'TrackingRepository.get(sku): get it from the inner repository, and remember what it found in seen',
    );
  }
}

function todo(what: string): Error {
  return new Error(`To do in src/adapters/repository.ts: ${what}`);
}
