import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * What writes a session's changes before it commits, and learns when they are committed: the
 * repository, which keeps track of what it handed out (repository.ts).
 */
export interface ChangeTracker {
  flush(): Promise<void>;
  committed(): void;
}

/**
 * What the book gets from SQLAlchemy's session and typeorm has not: a transaction, and the changes to
 * the objects added to it or loaded through it written when it commits.
 */
export class TypeOrmSession {
  private readonly trackers = new Set<ChangeTracker>();

  constructor(
    private readonly queryRunner: QueryRunner,
    readonly manager: EntityManager = queryRunner.manager,
  ) {}

  /** Has `tracker` write its changes at commit, and tells it once they are committed. */
  track(tracker: ChangeTracker): void {
    this.trackers.add(tracker);
  }

  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.manager.query<T>(sql, parameters);
  }

  async commit(): Promise<void> {
    for (const tracker of this.trackers) await tracker.flush();
    await this.queryRunner.commitTransaction();
    for (const tracker of this.trackers) tracker.committed();
  }

  /** Whether work is still to be committed or rolled back. */
  get active(): boolean {
    return this.queryRunner.isTransactionActive;
  }

  /** A rollback that fails (the connection is gone) has nothing left to undo: it is only logged. */
  async rollback(): Promise<void> {
    if (this.active)
      await this.queryRunner.rollbackTransaction().catch((e: unknown) => console.error('rollback failed', e));
  }

  /** Rolls back what was not committed, and lets the connection go. */
  async close(): Promise<void> {
    await this.rollback();
    await this.queryRunner.release();
  }
}

/** The book's `get_session()`: a connection of its own, in a transaction (at REPEATABLE READ: database.ts). */
export async function startSession(dataSource: DataSource): Promise<TypeOrmSession> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.startTransaction().catch(async (error: unknown) => {
    await queryRunner.release();
    throw error;
  });
  return new TypeOrmSession(queryRunner);
}
