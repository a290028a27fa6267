import type { DataSource } from 'typeorm';
import { startSession, type TypeOrmSession } from 'ch08-events/src/adapters/session';
import * as messagebus from 'ch08-events/src/service-layer/messagebus';
import { TrackingRepository, TypeOrmRepository } from '../adapters/repository';

/** What the services need of a unit of work: an interface, not a base class. */
export interface UnitOfWork {
  readonly products: TrackingRepository;
  /** The book's `with uow:` block. */
  run<T>(block: () => Promise<T>): Promise<T>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** The unit of work on a database session, and nothing more: rolling back and events are the wrappers'. */
export class TypeOrmUnitOfWork implements UnitOfWork {
  private current?: { session: TypeOrmSession; products: TrackingRepository };

  /** The data source plays the part of the book's session factory. */
  constructor(private readonly sessionFactory: DataSource) {}

  get products(): TrackingRepository {
    if (this.current === undefined) throw new Error('a unit of work has products inside run() only');
    return this.current.products;
  }

  async run<T>(block: () => Promise<T>): Promise<T> {
    const session = await startSession(this.sessionFactory);
    this.current = { session, products: new TrackingRepository(new TypeOrmRepository(session)) };
    try {
      return await block();
    } finally {
      await session.close(); // close() rolls back what is left, as a session does
    }
  }

  async commit(): Promise<void> {
    await this.session().commit();
  }

  async rollback(): Promise<void> {
    await this.session().rollback();
  }

  private session(): TypeOrmSession {
    if (this.current === undefined) throw new Error('a unit of work has a session inside run() only');
    return this.current.session;
  }
}

/** Wraps a unit of work so that whatever a block did not commit is rolled back. */
export class AutoRollbackUoW implements UnitOfWork {
  constructor(readonly inner: UnitOfWork) {}

  get products(): TrackingRepository {
    return this.inner.products;
  }

  run<T>(block: () => Promise<T>): Promise<T> {
    return this.inner.run(async () => {
      try {
        return await block();
      } finally {
        await this.inner.rollback();
      }
    });
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
    await this.inner.commit();
    for (const product of this.products.seen) {
      for (let event = product.events.shift(); event !== undefined; event = product.events.shift()) {
        await messagebus.handle(event);
      }
    }
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

/** What the app uses: the database's unit of work, rolling back by default and publishing events on commit. */
export function startUnitOfWork(dataSource: DataSource): UnitOfWork {
  return new EventPublishingUoW(new AutoRollbackUoW(new TypeOrmUnitOfWork(dataSource)));
}
