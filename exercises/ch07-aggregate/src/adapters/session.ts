import type { DataSource, EntityManager, EntitySubscriberInterface, LoadEvent, QueryRunner } from 'typeorm';
import { EventSubscriber } from 'typeorm';
import { Batch } from '../domain/model';

/** SQLAlchemy's session, which typeorm has not: a transaction; what is added or loaded is saved at commit. */
export class TypeOrmSession {
  private readonly objects = new Set<object>();

  constructor(
    private readonly queryRunner: QueryRunner,
    readonly manager: EntityManager = queryRunner.manager,
  ) {
    queryRunner.data = { session: this }; // where TrackLoads finds it
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

  /** A rollback that fails (the connection is gone) has nothing left to undo: it is only logged. */
  async rollback(): Promise<void> {
    if (this.queryRunner.isTransactionActive)
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

/** Each batch loaded through a session is the session's, as in SQLAlchemy: commit() saves it. */
// (Chapter 7, to do: the aggregate is what the session loads, and what commit() must save, version and all.)
export class TrackLoads implements EntitySubscriberInterface<Batch> {
  readonly listenTo = (): typeof Batch => Batch;

  afterLoad(batch: Batch, event?: LoadEvent<Batch>): void {
    (event?.queryRunner?.data as { session?: TypeOrmSession } | undefined)?.session?.add(batch);
  }
}
EventSubscriber()(TrackLoads); // typeorm only takes subscribers it has registered; decorators are plain functions
