import { AsyncLocalStorage } from 'node:async_hooks';
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

  /**
   * Runs `work` with state of its own, for the message bus to handle one message in. The book's
   * bus shares one unit of work; here concurrent requests do, so a real one must keep them apart.
   */
  async scope<T>(work: () => Promise<T>): Promise<T> {
    return work();
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

interface Scope {
  queryRunner?: QueryRunner;
  // kept after the block, as the book's uow.products is, so what it saw can still be asked about
  repository?: TypeOrmRepository;
}

/** One instance serves concurrent messages: each scope (AsyncLocalStorage) has its own transaction. */
export class TypeOrmUnitOfWork extends AbstractUnitOfWork {
  private readonly scopes = new AsyncLocalStorage<Scope>();

  /** The data source plays the part of the book's session factory. */
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  get products(): TypeOrmRepository {
    const repository = this.scopes.getStore()?.repository;
    if (repository === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return repository;
  }

  /** Before its first run in a scope a unit of work has seen nothing, so it has no events to give. */
  override *collectNewEvents(): Generator<events.Event> {
    if (this.scopes.getStore()?.repository !== undefined) yield* super.collectNewEvents();
  }

  /** The transaction's EntityManager, for raw SQL (the book's `uow.session`). */
  get session(): EntityManager {
    return this.inTransaction().manager;
  }

  override async scope<T>(work: () => Promise<T>): Promise<T> {
    return this.scopes.run({}, work);
  }

  /** A block run outside any scope (a view, a test) gets a scope of its own. */
  override async run<T>(block: () => Promise<T>): Promise<T> {
    if (this.scopes.getStore() === undefined) return this.scope(() => super.run(block));
    return super.run(block);
  }

  async rollback(): Promise<void> {
    const queryRunner = this.scopes.getStore()?.queryRunner;
    if (queryRunner?.isTransactionActive) await queryRunner.rollbackTransaction();
  }

  protected async _commit(): Promise<void> {
    const queryRunner = this.inTransaction();
    await this.products.flush();
    await queryRunner.commitTransaction();
  }

  protected override async enter(): Promise<void> {
    if (this.currentScope().queryRunner !== undefined) {
      throw new Error('uow.run() cannot be nested in the same unit of work');
    }
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      await queryRunner.connect();
      await queryRunner.startTransaction(ISOLATION);
    } catch (error) {
      await queryRunner.release();
      throw error;
    }
    const scope = this.currentScope();
    scope.queryRunner = queryRunner;
    scope.repository = new TypeOrmRepository(queryRunner.manager);
  }

  protected override async exit(): Promise<void> {
    try {
      await super.exit();
    } finally {
      const scope = this.currentScope();
      const queryRunner = scope.queryRunner;
      scope.queryRunner = undefined;
      await queryRunner?.release();
    }
  }

  private currentScope(): Scope {
    const scope = this.scopes.getStore();
    if (scope === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return scope;
  }

  private inTransaction(): QueryRunner {
    const queryRunner = this.scopes.getStore()?.queryRunner;
    if (queryRunner === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return queryRunner;
  }
}
