import type { DataSource } from 'typeorm';
import type { AbstractRepository } from 'ch06-unit-of-work/src/adapters/repository';

// Chapter 6's exercise: write the unit of work. The services (services.ts) use it as
// `await uow.run(async () => { … uow.batches … await uow.commit(); })`; the tests pin that shape.

export abstract class AbstractUnitOfWork {
  abstract batches: AbstractRepository;

  /** The book's `with uow:` block. */
  async run<T>(block: () => Promise<T>): Promise<T> {
    void block;
    throw todo(
      'AbstractUnitOfWork.run(block): run the block, then roll back whatever it did not commit, however it ends',
    );
  }

  abstract commit(): Promise<void>;

  abstract rollback(): Promise<void>;
}

export class TypeOrmUnitOfWork extends AbstractUnitOfWork {
  declare batches: AbstractRepository;

  /** The data source plays the part of the book's session factory. */
  constructor(readonly sessionFactory: DataSource) {
    super();
  }

  async commit(): Promise<void> {
    throw todo(
      'TypeOrmUnitOfWork: start a session (startSession) and its TypeOrmRepository on entering, commit it here',
    );
  }

  async rollback(): Promise<void> {
    throw todo(
      "TypeOrmUnitOfWork.rollback(): roll back the session's transaction (and close it on the way out)",
    );
  }
}

function todo(what: string): Error {
  return new Error(`To do in src/service-layer/unit-of-work.ts: ${what}`);
}
