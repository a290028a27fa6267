import { type EntityManager, Raw } from 'typeorm';
import { Product } from '../domain/model';

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
  constructor(private readonly manager: EntityManager) {
    super();
  }

  /** typeorm tracks no changes, as SQLAlchemy's session does: flush() saves every product seen. */
  async flush(): Promise<void> {
    if (this.seen.size > 0) await this.manager.save([...this.seen]);
  }

  protected async _add(product: Product): Promise<void> {
    await this.manager.save(product);
  }

  protected async _get(sku: string): Promise<Product | null> {
    return this.manager.findOneBy(Product, { sku });
  }

  protected async _getByBatchref(batchref: string): Promise<Product | null> {
    // filtering through the batches relation would load only the matching batch: look the sku up instead
    const skuOfBatch = Raw(
      (sku) => `${sku} = (SELECT sku FROM batches WHERE reference = :batchref LIMIT 1)`,
      {
        batchref,
      },
    );
    return this.manager.findOneBy(Product, { sku: skuOfBatch });
  }
}
