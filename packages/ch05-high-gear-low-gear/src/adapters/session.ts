import type { DataSource, QueryRunner } from 'typeorm';
import { TypeOrmRepository } from './repository';

/**
 * The book's SQLAlchemy session: a query runner in a transaction, and the repository over it. typeorm
 * tracks no changes, so commit() first writes what the repository's batches changed (SQLAlchemy's flush).
 */
export class TypeOrmSession {
  readonly batches: TypeOrmRepository;

  constructor(private readonly queryRunner: QueryRunner) {
    this.batches = new TypeOrmRepository(queryRunner.manager);
  }

  async commit(): Promise<void> {
    await this.batches.flush();
    await this.queryRunner.commitTransaction();
  }

  /** Rolls back what was not committed, and lets the connection go in every case. */
  async close(): Promise<void> {
    try {
      if (this.queryRunner.isTransactionActive) await this.queryRunner.rollbackTransaction();
    } finally {
      await this.queryRunner.release();
    }
  }
}

/**
 * The book's `session = get_session()` and `repo = SqlAlchemyRepository(session)`, around one piece of
 * work: whatever it did not commit is rolled back, and the connection is released however it ends.
 */
export async function withSession<T>(
  dataSource: DataSource,
  work: (repo: TypeOrmRepository, session: TypeOrmSession) => Promise<T>,
): Promise<T> {
  const session = new TypeOrmSession(await beginTransaction(dataSource));
  let result: T;
  try {
    result = await work(session.batches, session);
  } catch (error) {
    // a rollback failing after the work's error (a dropped connection) must not hide it
    await session
      .close()
      .catch((closeError: unknown) => console.error('rollback failed after an error', closeError));
    throw error;
  }
  await session.close();
  return result;
}

/** The book's `get_session()`: a connection of its own, in a transaction, let go of if it cannot start. */
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
