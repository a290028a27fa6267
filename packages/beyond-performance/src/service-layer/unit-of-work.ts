import { type DataSource, QueryFailedError } from 'typeorm';
import { CommittedProducts } from '../adapters/committed-products';
import { type AbstractRepository, StaleProduct, TypeOrmRepository } from '../adapters/repository';
import { startSession, type TypeOrmSession } from '../adapters/session';
import type * as events from '../domain/events';

/** Plain SQL in the unit of work's transaction (the book's `uow.session.execute`), for the read model. */
export interface SqlSession {
  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

export abstract class AbstractUnitOfWork {
  abstract products: AbstractRepository;
  abstract session: SqlSession;

  /**
   * Plain SQL outside any transaction, each statement committed on its own: one statement needs no
   * `with uow:` around it (the read model's). A session that is no transaction (a fake's) will do.
   */
  get autocommit(): SqlSession {
    return this.session;
  }

  /** The book's `with uow:` block: whatever `block` did not commit is rolled back. Returns the block's value. */
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

  override get autocommit(): SqlSession {
    const { manager } = this.sessionFactory; // a connection from the pool for each statement, no transaction
    return { execute: <T>(sql: string, parameters?: unknown[]) => manager.query<T>(sql, parameters) };
  }

  /**
   * `with uow:`, started over when the block worked from a product as this process last committed it
   * and the database holds it no longer (see TypeOrmRepository.get), before anything was written: the
   * next attempt gets the product from the database (or as a unit of work committed it since).
   */
  override async run<T>(block: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.run(() => this.answerChecked(block));
      } catch (error) {
        if (!(error instanceof StaleProduct && error.nothingWritten) || attempt === STALE_ATTEMPTS)
          throw error;
      }
    }
  }

  /** The block, then a check of what it read and did not write: its answer, or its error, may come of a stale product. */
  private async answerChecked<T>(block: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await block();
    } catch (error) {
      // an error of the database's aborts the transaction: nothing to check then, and nothing to check with
      if (!(error instanceof QueryFailedError)) await this.products.checkUnwritten();
      throw error;
    }
    await this.products.checkUnwritten();
    return result;
  }

  protected override async enter(): Promise<void> {
    // at REPEATABLE READ (database.ts), as the book's engine: of two transactions that bump one
    // product's version, PostgreSQL commits the first and refuses the second
    this.session = await startSession(this.sessionFactory);
    this.products = new TypeOrmRepository(this.session, CommittedProducts.of(this.sessionFactory));
  }

  protected override async exit(): Promise<void> {
    await super.exit();
    await this.session.close();
  }

  protected async _commit(): Promise<void> {
    await this.session.commit();
    await this.session.close(); // back to the pool at once: nothing after the commit needs it
  }

  async rollback(): Promise<void> {
    // the bus goes on after a failed event handler: the events of work rolled back must not reach it
    if (this.session.active) this.products.seen.clear();
    await this.session.rollback();
  }
}

/** Products other processes change while this one works from what it kept: each attempt loads the stale ones afresh. */
const STALE_ATTEMPTS = 3;
