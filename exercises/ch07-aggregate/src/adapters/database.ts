import { DataSource } from 'typeorm';
import { mappers } from './orm';
import { TrackLoads } from './session';
import { OrmMapping1796013602000 } from './migrations/1796013602000-orm-mapping';
import { Products1796013607000 } from './migrations/1796013607000-products';

const CONNECT_TIMEOUT_MS = 5_000; // else a host that drops packets holds start-up (and any connect) forever

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

/** The book's `create_engine()`, with the mapping; the schema comes from the migrations, never synchronized. */
export function createDataSource(url: string, { connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}): DataSource {
  return new PostgresDataSource({
    type: 'postgres',
    url,
    entities: mappers,
    subscribers: [TrackLoads],
    entitySkipConstructor: true, // loaded objects skip their constructors, as SQLAlchemy's do
    migrations: [OrmMapping1796013602000, Products1796013607000],
    connectTimeoutMS: connectTimeoutMs,
    // REPEATABLE READ (the book's from chapter 7): at READ COMMITTED typeorm's save undoes others' commits
    extra: { options: '-c default_transaction_isolation=repeatable\\ read' },
  });
}
