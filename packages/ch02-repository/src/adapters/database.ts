import { DataSource } from 'typeorm';
import { mappers } from './orm';
import { TrackLoads } from './session';
import { OrmMapping1796013602000 } from './migrations/1796013602000-orm-mapping';

/** A host that drops packets would otherwise hold start-up (and any later connect) forever. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Errors at start-up name the database and where it was looked for: pg's own say neither. */
class PostgresDataSource extends DataSource {
  override async initialize(): Promise<this> {
    return super.initialize().catch((error: Error) => {
      const { url = '' } = this.options as { url?: string };
      const where = URL.canParse(url) ? new URL(url).host : 'DATABASE_URL';
      throw new Error(`could not connect to PostgreSQL at ${where}: ${error.message}`, { cause: error });
    });
  }
}

/**
 * The book's `create_engine()`, with the mapping: loaded objects are built without their constructors,
 * as SQLAlchemy builds them. The schema comes from the migrations (`runMigrations()`), never synchronized.
 * `connectTimeoutMs`: how long to wait for PostgreSQL to answer (a test of the timeout shortens it).
 */
export function createDataSource(url: string, { connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}): DataSource {
  return new PostgresDataSource({
    type: 'postgres',
    url,
    entities: mappers,
    subscribers: [TrackLoads],
    entitySkipConstructor: true,
    migrations: [OrmMapping1796013602000],
    connectTimeoutMS: connectTimeoutMs,
    // one snapshot per transaction (the book's isolation_level, from chapter 7): typeorm's save compares
    // with the database and, at READ COMMITTED, would undo what other transactions committed meanwhile
    extra: { options: '-c default_transaction_isolation=repeatable\\ read' },
  });
}
