import type { DataSource, QueryRunner } from 'typeorm';
import { type AbstractRepository, ActiveRecordRepository } from '../adapters/repository';
import { onConnection } from '../adapters/transaction';

export abstract class AbstractUnitOfWork {
  abstract batches: AbstractRepository;

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

/** The book's DjangoUnitOfWork: a transaction that the models' queries join, and at commit what was seen. */
export class ActiveRecordUnitOfWork extends AbstractUnitOfWork {
  declare batches: ActiveRecordRepository;
  declare connection: QueryRunner;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The block, and everything the models do in it, runs on the unit of work's own connection. */
  override async run<T>(block: () => Promise<T>): Promise<T> {
    this.connection = this.dataSource.createQueryRunner();
    return onConnection(this.connection, () => super.run(block));
  }

  protected override async enter(): Promise<void> {
    this.batches = new ActiveRecordRepository();
    await this.connection.startTransaction(); // Django's set_autocommit(False)
  }

  protected override async exit(): Promise<void> {
    try {
      await super.exit();
    } finally {
      await this.connection.release(); // Django's set_autocommit(True): the connection goes back
    }
  }

  async commit(): Promise<void> {
    for (const batch of this.batches.seen) await this.batches.update(batch);
    await this.connection.commitTransaction();
  }

  /** A rollback that fails (the connection is gone) has nothing left to undo: it is only logged. */
  async rollback(): Promise<void> {
    if (this.connection.isTransactionActive)
      await this.connection.rollbackTransaction().catch((e: unknown) => console.error('rollback failed', e));
  }
}
