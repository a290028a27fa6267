import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** One statement to send, at its turn: a write planned by a ChangeTracker. */
export type Write = () => Promise<void>;

/**
 * What has a session write its changes when it commits: the repository, which keeps track of what it
 * handed out (repository.ts), plans one Write per statement, and learns when they are committed.
 */
export interface ChangeTracker {
  writes(): Write[];
  committed(): void;
}

/**
 * What the book gets from SQLAlchemy's session and typeorm has not: a transaction, and the changes to
 * the objects added to it or loaded through it written when it commits. As SQLAlchemy's, the
 * transaction begins with the session's first statement; a commit that is the only statement goes
 * without one: PostgreSQL runs every statement atomically.
 */
export class TypeOrmSession {
  private readonly trackers = new Set<ChangeTracker>();
  private begun = false;
  /** The statement in hand is the session's only one: it runs on its own, with no transaction. */
  private alone = false;
  /** Committed or rolled back: a statement after that runs on its own, outside any transaction. */
  private finished = false;

  constructor(private readonly queryRunner: QueryRunner) {}

  /** Has `tracker` write its changes at commit, and tells it once they are committed. */
  track(tracker: ChangeTracker): void {
    this.trackers.add(tracker);
  }

  /** The manager of the session's transaction, begun by the first statement (at REPEATABLE READ: database.ts). */
  async transaction(): Promise<EntityManager> {
    if (!this.begun && !this.alone && !this.finished) {
      await this.queryRunner.startTransaction();
      this.begun = true;
    }
    return this.queryRunner.manager;
  }

  async execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return (await this.transaction()).query<T>(sql, parameters);
  }

  async commit(): Promise<void> {
    const writes = [...this.trackers].flatMap((tracker) => tracker.writes());
    this.alone = !this.begun && writes.length === 1;
    for (const write of writes) await write();
    if (this.begun) await this.queryRunner.commitTransaction();
    this.finished = true;
    for (const tracker of this.trackers) tracker.committed();
  }

  /** Whether work is still to be committed or rolled back. */
  get active(): boolean {
    return !this.finished;
  }

  /** A rollback that fails (the connection is gone) has nothing left to undo: it is only logged. */
  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.queryRunner.isTransactionActive)
      await this.queryRunner.rollbackTransaction().catch((e: unknown) => console.error('rollback failed', e));
  }

  /** Rolls back what was not committed, and lets the connection go. */
  async close(): Promise<void> {
    await this.rollback();
    await this.queryRunner.release();
  }
}

/** The book's `get_session()`: a connection of its own, whose transaction begins with its first statement. */
export async function startSession(dataSource: DataSource): Promise<TypeOrmSession> {
  return new TypeOrmSession(dataSource.createQueryRunner());
}
