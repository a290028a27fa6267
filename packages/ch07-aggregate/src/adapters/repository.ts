import { Product } from '../domain/model';
import type { TypeOrmSession } from './session';

export abstract class AbstractRepository {
  abstract add(product: Product): Promise<void>;
  abstract get(sku: string): Promise<Product | null>;
}

export class TypeOrmRepository extends AbstractRepository {
  constructor(private readonly session: TypeOrmSession) {
    super();
  }

  async add(product: Product): Promise<void> {
    this.session.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    const [product = null] = await this.session.manager.findBy(Product, { sku }); // sku is its key
    return product;
  }
}
