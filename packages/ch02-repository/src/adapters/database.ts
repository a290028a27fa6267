import { DataSource, type DataSourceOptions } from 'typeorm';
import { types, type CustomTypesConfig } from 'pg';
import { mappers } from './orm';
import { TrackLoads } from './session';
import { OrmMapping1796013602000 } from './migrations/1796013602000-orm-mapping';

const DATE_OID: number = types.builtins.DATE;

/** A DATE column holds a calendar day: pg would otherwise turn it into a Date at local midnight. */
const calendarDays: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === DATE_OID
      ? (value: string) => value
      : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/** A host that drops packets would otherwise hold start-up (and any later connect) forever. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Errors at start-up name the database and where it was looked for: pg's own say neither. */
class PostgresDataSource extends DataSource {
  constructor(
    private readonly where: string,
    options: DataSourceOptions,
  ) {
    super(options);
  }

  override async initialize(): Promise<this> {
    try {
      return await super.initialize();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not connect to PostgreSQL at ${this.where}: ${reason}`, { cause: error });
    }
  }
}

/**
 * The book's `create_engine()`, with the mapping: loaded objects are built without their constructors,
 * as SQLAlchemy builds them. The schema comes from the migrations (`runMigrations()`), never synchronized.
 * `connectTimeoutMs`: how long to wait for PostgreSQL to answer (a test of the timeout shortens it).
 */
export function createDataSource(url: string, { connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}): DataSource {
  return new PostgresDataSource(URL.canParse(url) ? new URL(url).host : 'DATABASE_URL', {
    type: 'postgres',
    url,
    entities: mappers,
    subscribers: [TrackLoads],
    entitySkipConstructor: true,
    migrations: [OrmMapping1796013602000],
    connectTimeoutMS: connectTimeoutMs,
    extra: { types: calendarDays },
  });
}
