import { AsyncLocalStorage } from 'node:async_hooks';
import { type DataSource, type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import pino from 'pino';
import { CommittedProducts } from '../adapters/committed-products';
import { type AbstractRepository, StaleProduct, TypeOrmRepository } from '../adapters/repository';
import { getLogLevel } from '../config';
import type * as events from '../domain/events';

const logger = pino({ name: 'unit-of-work', level: getLogLevel() });

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
    let result: T;
    try {
      result = await block();
    } catch (error) {
      // a rollback failing after the block's error (a dropped connection) must not hide it
      await this.exit().catch((exitError: unknown) =>
        logger.error({ err: exitError }, 'rollback failed after an error'),
      );
      throw error;
    }
    await this.exit();
    return result;
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

/** What the book's `__enter__` keeps on `self`: the session (a query runner in a transaction) and its repository. */
interface Session {
  queryRunner: QueryRunner;
  products: TypeOrmRepository;
}

/** One instance serves concurrent messages: each scope (AsyncLocalStorage) has a session of its own. */
export class TypeOrmUnitOfWork extends AbstractUnitOfWork {
  private readonly scopes = new AsyncLocalStorage<{ current?: Session }>();

  /** The data source plays the part of the book's session factory. */
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  get products(): TypeOrmRepository {
    return this.entered().products;
  }

  /** Before its first run in a scope a unit of work has seen nothing, so it has no events to give. */
  override *collectNewEvents(): Generator<events.Event> {
    if (this.current !== undefined) yield* super.collectNewEvents();
  }

  /**
   * An EntityManager for raw SQL (the book's `uow.session`): while uow.run() holds its transaction, the
   * transaction's; otherwise the data source's, which runs each statement on its own, as a read of the
   * read model needs.
   */
  get session(): EntityManager {
    const current = this.current;
    return current?.queryRunner.isReleased === false ? current.queryRunner.manager : this.dataSource.manager;
  }

  override async scope<T>(work: () => Promise<T>): Promise<T> {
    return this.scopes.run({}, work);
  }

  /**
   * `with uow:`, started over when the block worked from a product as this process last committed it
   * and the database holds it no longer (see TypeOrmRepository.get), before anything was written: the
   * next attempt gets the product from the database (or as a unit of work committed it since).
   */
  override async run<T>(block: () => Promise<T>): Promise<T> {
    // outside a message's scope (a view, a test), a block gets a scope of its own
    if (this.scopes.getStore() === undefined) return this.scope(() => this.run(block));
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
    if (this.current?.queryRunner.isReleased === false)
      throw new Error('uow.run() cannot be nested in the same unit of work');
    const queryRunner = await beginTransaction(this.dataSource);
    this.current = {
      queryRunner,
      products: new TypeOrmRepository(queryRunner.manager, CommittedProducts.of(this.dataSource)),
    };
  }

  protected override async exit(): Promise<void> {
    try {
      await super.exit();
    } finally {
      await this.current?.queryRunner.release();
    }
  }

  protected async _commit(): Promise<void> {
    const { queryRunner, products } = this.entered();
    await products.flush();
    await queryRunner.commitTransaction();
    products.committed();
    await queryRunner.release(); // back to the pool before any event is handled, however slow its handlers
  }

  async rollback(): Promise<void> {
    const session = this.current;
    if (!session?.queryRunner.isTransactionActive) return;
    session.products.seen.clear(); // work rolled back gives the bus no events: only committed work does
    await session.queryRunner.rollbackTransaction();
  }

  // kept after the block, as the book's self.products is, so what it saw can still be asked about
  private get current(): Session | undefined {
    return this.scopes.getStore()?.current;
  }

  private set current(session: Session) {
    this.scopes.getStore()!.current = session; // run() has entered a scope
  }

  private entered(): Session {
    if (this.current === undefined) throw new Error('a unit of work is only usable inside uow.run()');
    return this.current;
  }
}

/** Products other processes change while this one works from what it kept: each attempt loads the stale ones afresh. */
const STALE_ATTEMPTS = 3;

/** The book's `session_factory()`: a connection of its own, in a transaction, let go of if it cannot start. */
async function beginTransaction(dataSource: DataSource): Promise<QueryRunner> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.startTransaction(); // at the connection's isolation level (orm.ts)
    return queryRunner;
  } catch (error) {
    await queryRunner.release();
    throw error;
  }
}
