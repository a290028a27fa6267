import type { DataSource } from 'typeorm';
import { type AbstractRepository, TypeOrmRepository } from '../adapters/repository';
import { startSession, type TypeOrmSession } from '../adapters/session';

export abstract class AbstractUnitOfWork {
  abstract products: AbstractRepository;

  /** The book's `with uow:` block: whatever `block` did not commit is rolled back. Returns the block's value. */
  async run<T>(block: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await block();
    } finally {
      await this.exit();
    }
  }

  abstract commit(): Promise<void>;

  abstract rollback(): Promise<void>;

  /** `__enter__` */
  protected async enter(): Promise<void> {}

  /** `__exit__` */
  protected async exit(): Promise<void> {
    await this.rollback();
  }
}

export class TypeOrmUnitOfWork extends AbstractUnitOfWork {
  declare products: TypeOrmRepository;
  declare session: TypeOrmSession;

  /** The data source plays the part of the book's session factory. */
  constructor(private readonly sessionFactory: DataSource) {
    super();
  }

  protected override async enter(): Promise<void> {
    // at REPEATABLE READ (database.ts), as the book's engine: of two transactions that bump one
    // product's version, PostgreSQL commits the first and refuses the second
    this.session = await startSession(this.sessionFactory);
    this.products = new TypeOrmRepository(this.session);
  }

  protected override async exit(): Promise<void> {
    await super.exit();
    await this.session.close();
  }

  async commit(): Promise<void> {
    await this.session.commit();
  }

  async rollback(): Promise<void> {
    await this.session.rollback();
  }
}
