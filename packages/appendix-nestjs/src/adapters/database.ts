import { DataSource } from 'typeorm';
import { Model, models } from './models';
import { OrmMapping1796013602000 } from './migrations/1796013602000-orm-mapping';

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

/**
 * Django's DATABASES setting: the one database of the models, whose schema comes from the migrations
 * (chapter 6's tables), never synchronized. A test shortens `connectTimeoutMs`.
 */
export function createDataSource(url: string, { connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}): DataSource {
  const dataSource = new PostgresDataSource({
    type: 'postgres',
    url,
    entities: models,
    migrations: [OrmMapping1796013602000],
    connectTimeoutMS: connectTimeoutMs,
    // REPEATABLE READ (the book's from chapter 7): at READ COMMITTED typeorm's save undoes others' commits
    extra: { options: '-c default_transaction_isolation=repeatable\\ read' },
  });
  Model.useDataSource(dataSource); // active record: the models find their database themselves
  return dataSource;
}
