import type { DataSource } from 'typeorm';
import { startSession, type TypeOrmSession } from 'ch08-events/src/adapters/session';
import * as messagebus from 'ch08-events/src/service-layer/messagebus';
import { type AbstractRepository, type TrackingRepository, TypeOrmRepository } from '../adapters/repository';

/** What the services need of a unit of work: an interface, not a base class. */
export interface UnitOfWork {
  readonly products: TrackingRepository;
  /** The book's `with uow:` block. */
  run<T>(block: () => Promise<T>): Promise<T>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Chapter 8's unit of work, by inheritance: the exercise does without the base class. */
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

  /** Commits, then hands the new events of every aggregate seen to the message bus. */
  async commit(): Promise<void> {
    await this._commit();
    await this.publishEvents();
  }

  abstract rollback(): Promise<void>;

  protected abstract _commit(): Promise<void>;

  /** `__enter__` */
  protected async enter(): Promise<void> {}

  /** `__exit__` */
  protected async exit(): Promise<void> {
    await this.rollback();
  }

  private async publishEvents(): Promise<void> {
    for (const product of this.products.seen) {
      for (let event = product.events.shift(); event !== undefined; event = product.events.shift()) {
        await messagebus.handle(event);
      }
    }
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
    await this.session.rollback();
  }
}

/** Wraps a unit of work so that whatever a block did not commit is rolled back. */
export class AutoRollbackUoW implements UnitOfWork {
  constructor(readonly inner: UnitOfWork) {}

  get products(): TrackingRepository {
    return this.inner.products;
  }

  async run<T>(block: () => Promise<T>): Promise<T> {
    void block;
    throw todo(
      'AutoRollbackUoW.run(block): run the block in the inner unit of work, and roll back as it ends, however it ends',
    );
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

/** Wraps a unit of work so that, once it commits, the new events of every product it saw go to the message bus. */
export class EventPublishingUoW implements UnitOfWork {
  constructor(readonly inner: UnitOfWork) {}

  get products(): TrackingRepository {
    return this.inner.products;
  }

  run<T>(block: () => Promise<T>): Promise<T> {
    return this.inner.run(block);
  }

  async commit(): Promise<void> {
    throw todo(
      'EventPublishingUoW.commit(): commit the inner unit of work, then take the events off each product in products.seen and messagebus.handle() each',
    );
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

/** What the app uses: the database's unit of work, rolling back by default and publishing events on commit. */
export function startUnitOfWork(dataSource: DataSource): UnitOfWork {
  void dataSource;
  throw todo(
    'startUnitOfWork(dataSource): a TypeOrmUnitOfWork, inside an AutoRollbackUoW, inside an EventPublishingUoW',
  );
}

function todo(what: string): Error {
  return new Error(`To do in src/service-layer/unit-of-work.ts: ${what}`);
}
