import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from 'shared';
import { createDataSource } from '../src/adapters/database';
import { startSession, type TypeOrmSession } from '../src/adapters/session';

export interface TestDb {
  readonly url: string;
  readonly dataSource: DataSource;
  /** The book's `session` fixture: a session on the test database, closed after the test. */
  session(): Promise<TypeOrmSession>;
}

/**
 * Gives the calling test file a database of its own with the chapter's schema (built by its
 * migrations, as `start` builds it), emptied before each test.
 */
export function useTestDatabase(): TestDb {
  let database: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  const sessions: TypeOrmSession[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  beforeEach(async () => {
    // DELETE rather than TRUNCATE: a test leaves a few rows, which go in well under a millisecond, where
    // TRUNCATE gives every table and index new files (some 20 ms a test). One statement, so the
    // foreign keys are checked once every table is empty.
    // every table the migrations made, mapped yet or not (products is, once you have mapped it)
    const tables = (
      await db.dataSource.query<{ tablename: string }[]>(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'migrations'",
      )
    ).map(({ tablename }) => `"${tablename}"`);
    const deletes = tables.map((table, i) => `emptied_${i} AS (DELETE FROM ${table})`);
    await db.dataSource.query(`WITH ${deletes.join(', ')} SELECT 1`);
  });

  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.close();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const db: TestDb = {
    get url() {
      return ready(database).url;
    },
    get dataSource() {
      return ready(dataSource);
    },
    async session() {
      const session = await startSession(db.dataSource);
      sessions.push(session);
      return session;
    },
  };
  return db;
}

function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the test database is set up in beforeAll');
  return value;
}
