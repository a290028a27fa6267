import type { DataSource } from 'typeorm';
import { type AbstractRepository, TypeOrmRepository } from '../adapters/repository';
import { startSession, type TypeOrmSession } from '../adapters/session';
import type * as events from '../domain/events';

/** Plain SQL in the unit of work's transaction (the book's `uow.session.execute`), for the read model. */
export interface SqlSession {
  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

export abstract class AbstractUnitOfWork {
  abstract products: AbstractRepository;
  abstract session: SqlSession;
  /** The stream message this unit of work handles, if any (the consumer sets it): its first commit records it. */
  messageId?: string;
  /** What must commit with the change: bootstrap sets it to the transaction handlers of an event. */
  inTransaction: (event: events.Event) => Promise<void> = async () => {};

  /** The book's `with uow:` block: whatever `block` did not commit is rolled back. Returns the block's value. */
  async run<T>(block: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await block();
    } finally {
      await this.exit();
    }
  }

  /**
   * Writes, in the transaction about to commit, the inbox entry of the message handled (a second delivery
   * then fails on its key, and changes nothing) and what the new events' transaction handlers write
   * (the outbox, the read model); the events stay on their products, for the bus to collect.
   */
  async commit(): Promise<void> {
    if (this.messageId !== undefined)
      await this.session.execute('INSERT INTO inbox (message_id) VALUES ($1)', [this.messageId]);
    this.messageId = undefined; // what the bus does next for this message (a reallocation) is not it
    for (const product of this.products.seen)
      for (const event of product.events) await this.inTransaction(event);
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

  protected async _commit(): Promise<void> {
    await this.session.commit();
  }

  async rollback(): Promise<void> {
    // the bus goes on after a failed event handler: the events of work rolled back must not reach it
    if (this.session.active) this.products.seen.clear();
    await this.session.rollback();
  }
}
