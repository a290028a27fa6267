import {
  type DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  EventSubscriber,
  type LoadEvent,
  type QueryRunner,
} from 'typeorm';
import { Batch } from '../domain/model';

/**
 * What the book gets from SQLAlchemy's session and typeorm has not: a transaction, and the objects
 * added to it or loaded through it, saved with what they cascade to when it commits.
 */
export class TypeOrmSession {
  private readonly objects = new Set<object>();

  private constructor(private readonly queryRunner: QueryRunner) {
    queryRunner.data = { session: this }; // where TrackLoads finds it
  }

  /** The book's `get_session()`: a connection of its own, in a transaction. */
  static async start(dataSource: DataSource): Promise<TypeOrmSession> {
    const queryRunner = dataSource.createQueryRunner();
    try {
      await queryRunner.startTransaction();
    } catch (error) {
      await queryRunner.release();
      throw error;
    }
    return new TypeOrmSession(queryRunner);
  }

  get manager(): EntityManager {
    return this.queryRunner.manager;
  }

  add(object: object): void {
    this.objects.add(object);
  }

  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.manager.query<T>(sql, parameters);
  }

  async commit(): Promise<void> {
    await this.manager.save([...this.objects]);
    await this.queryRunner.commitTransaction();
  }

  async rollback(): Promise<void> {
    if (this.queryRunner.isTransactionActive) await this.queryRunner.rollbackTransaction();
  }

  /** Rolls back what was not committed, and lets the connection go in every case. */
  async close(): Promise<void> {
    try {
      await this.rollback();
    } finally {
      await this.queryRunner.release();
    }
  }
}

/** Each batch loaded through a session is the session's, as in SQLAlchemy: commit() saves it. */
export class TrackLoads implements EntitySubscriberInterface<Batch> {
  listenTo(): typeof Batch {
    return Batch;
  }

  afterLoad(batch: Batch, event?: LoadEvent<Batch>): void {
    (event?.queryRunner?.data as { session?: TypeOrmSession } | undefined)?.session?.add(batch);
  }
}
EventSubscriber()(TrackLoads); // typeorm only takes subscribers it has registered; decorators are plain functions
