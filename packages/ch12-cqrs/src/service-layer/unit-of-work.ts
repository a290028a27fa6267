import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { type AbstractRepository, TypeOrmRepository } from '../adapters/repository';
import type * as events from '../domain/events';

/** Plain SQL inside the unit of work's transaction (the book's `uow.session.execute`), for the read model. */
export interface SqlSession {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

export abstract class AbstractUnitOfWork {
  abstract readonly products: AbstractRepository;
  abstract readonly session: SqlSession;

  /**
   * The book's `with uow:` block. Whatever `block` did not commit is rolled back, an error rolls
   * back and propagates, and the unit of work is let go of in every case. Returns the block's value.
   */
  async run<T>(block: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await block();
    } finally {
      await this.exit();
    }
  }

  async commit(): Promise<void> {
    await this._commit();
  }

  /** Takes the new events off every aggregate seen, for the message bus to handle. */
  *collectNewEvents(): Generator<events.Event> {
    for (const product of this.products.seen) yield* product.events.splice(0);
  }

  abstract rollback(): Promise<void>;

  protected abstract _commit(): Promise<void>;

  /** `__enter__` */
  protected async enter(): Promise<void> {}

  /** `__exit__`: rollback is a no-op once the work is committed. */
  protected async exit(): Promise<void> {
    await this.rollback();
  }
}

/** Two transactions changing one product: PostgreSQL lets the first commit and aborts the second. */
const ISOLATION = 'REPEATABLE READ';

export class TypeOrmUnitOfWork extends AbstractUnitOfWork {
  private queryRunner?: QueryRunner;
  // kept after the block, as the book's uow.products is, so what it saw can still be asked about
  private repository?: TypeOrmRepository;

  /** The data source plays the part of the book's session factory. */
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  get products(): TypeOrmRepository {
    if (this.repository === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return this.repository;
  }

  /** Before its first run a unit of work has seen nothing, so it has no events to give. */
  override *collectNewEvents(): Generator<events.Event> {
    if (this.repository !== undefined) yield* super.collectNewEvents();
  }

  /** The transaction's EntityManager, for raw SQL (the book's `uow.session`). */
  get session(): EntityManager {
    return this.inTransaction().manager;
  }

  async rollback(): Promise<void> {
    if (this.queryRunner?.isTransactionActive) await this.queryRunner.rollbackTransaction();
  }

  protected async _commit(): Promise<void> {
    const queryRunner = this.inTransaction();
    await this.products.flush();
    await queryRunner.commitTransaction();
  }

  protected override async enter(): Promise<void> {
    if (this.queryRunner !== undefined)
      throw new Error('uow.run() cannot be nested in the same unit of work');
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      await queryRunner.connect();
      await queryRunner.startTransaction(ISOLATION);
    } catch (error) {
      await queryRunner.release();
      throw error;
    }
    this.queryRunner = queryRunner;
    this.repository = new TypeOrmRepository(queryRunner.manager);
  }

  protected override async exit(): Promise<void> {
    try {
      await super.exit();
    } finally {
      const queryRunner = this.queryRunner;
      this.queryRunner = undefined;
      await queryRunner?.release();
    }
  }

  private inTransaction(): QueryRunner {
    if (this.queryRunner === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return this.queryRunner;
  }
}
