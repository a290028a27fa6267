import type { Product } from '../domain/model';
import type { TypeOrmSession } from './session';

// Chapter 7: the repository holds products, the aggregate, no longer batches. Its shape is given
// (the service tests' fake repository takes it); TypeOrmRepository is yours to write.
export abstract class AbstractRepository {
  abstract add(product: Product): Promise<void>;
  abstract get(sku: string): Promise<Product | null>;
}

export class TypeOrmRepository extends AbstractRepository {
  constructor(private readonly session: TypeOrmSession) {
    super();
  }

  async add(product: Product): Promise<void> {
    void [this.session, product];
    throw todo('TypeOrmRepository.add(product): add it to the session, as chapter 6 adds a batch');
  }

  async get(sku: string): Promise<Product | null> {
    void [this.session, sku];
    throw todo(
      'TypeOrmRepository.get(sku): load the product of that sku, or null when there is none (map Product ' +
        'to the products table in orm.ts first, its batches loaded with it: loaded objects skip their constructors)',
    );
  }
}

function todo(what: string): Error {
  return new Error(`To do in src/adapters/repository.ts: ${what}`);
}
