import { Batch, Product } from '../domain/model';
import type { TypeOrmSession } from './session';

export abstract class AbstractRepository {
  /** Every aggregate this repository handed out or took in, so that their new events can be collected. */
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

  async getByBatchref(batchref: string): Promise<Product | null> {
    const product = await this._getByBatchref(batchref);
    if (product !== null) this.seen.add(product);
    return product;
  }

  protected abstract _add(product: Product): Promise<void>;

  protected abstract _get(sku: string): Promise<Product | null>;

  protected abstract _getByBatchref(batchref: string): Promise<Product | null>;
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

  protected async _getByBatchref(batchref: string): Promise<Product | null> {
    // a find through the batches relation would give the product that one batch only: find its sku first
    const batch = await this.session.manager.findOne(Batch, {
      where: { reference: batchref },
      loadEagerRelations: false,
    });
    return batch === null ? null : this._get(batch.sku);
  }
}
