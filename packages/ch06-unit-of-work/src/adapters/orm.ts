import { DataSource, EntitySchema, type DataSourceOptions } from 'typeorm';
import { types, type CustomTypesConfig } from 'pg';
import { Batch, OrderLine } from '../domain/model';
import { OrmMapping1796013602000 } from './migrations/1796013602000-orm-mapping';

/**
 * Surrogate keys are the database's business: the domain classes never declare them. An object has one
 * once it is stored.
 */
export type Row<T> = T & { id?: number };

export const orderLines = new EntitySchema<Row<OrderLine>>({
  name: 'OrderLine',
  target: OrderLine,
  tableName: 'order_lines',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    sku: { type: 'varchar', length: 255 },
    qty: { type: 'int' },
    orderid: { type: 'varchar', length: 255 },
  },
});

export const batches = new EntitySchema<Row<Batch>>({
  name: 'Batch',
  target: Batch,
  tableName: 'batches',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    reference: { type: 'varchar', length: 255 },
    sku: { type: 'varchar', length: 255 },
    _purchasedQuantity: { name: '_purchased_quantity', type: 'int' },
    eta: { type: 'date', nullable: true },
  },
  // the book's table has no such constraint; without it, two batches could share a reference
  indices: [{ name: 'batches_reference_key', columns: ['reference'], unique: true }],
  relations: {
    _allocations: {
      type: 'many-to-many',
      target: 'OrderLine',
      eager: true,
      cascade: true,
      joinTable: {
        name: 'allocations',
        joinColumn: { name: 'batch_id', referencedColumnName: 'id' },
        inverseJoinColumn: { name: 'orderline_id', referencedColumnName: 'id' },
      },
    },
  },
});

const DATE_OID: number = types.builtins.DATE;

/** A DATE column holds a calendar day: pg would otherwise turn it into a Date at local midnight. */
const calendarDays: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === DATE_OID
      ? (value: string) => value
      : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * The book's chapters 4 to 6 let two concurrent allocations read the same stock and both succeed; the
 * Product aggregate of chapter 7 fixes that. Until then SERIALIZABLE makes PostgreSQL abort one of them.
 * Every connection starts at this level, as the book's `create_engine(isolation_level=...)` sets it, so
 * beginning a transaction takes one statement, not a second one to SET TRANSACTION.
 */
const ISOLATION = 'serializable';

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
 * The book's `create_engine` + `start_mappers()`: a DataSource mapping the plain domain classes.
 * Loaded objects are built without their constructors, as SQLAlchemy does. The schema comes from
 * the chapter's migrations, run by whoever starts the app (`runMigrations()`), never synchronized.
 */
/** `connectTimeoutMs`: how long to wait for PostgreSQL to answer (a test of the timeout shortens it). */
export function createDataSource(url: string, { connectTimeoutMs = CONNECT_TIMEOUT_MS } = {}): DataSource {
  return new PostgresDataSource(URL.canParse(url) ? new URL(url).host : 'DATABASE_URL', {
    type: 'postgres',
    url,
    entities: [orderLines, batches],
    entitySkipConstructor: true,
    migrations: [OrmMapping1796013602000],
    migrationsRun: false,
    connectTimeoutMS: connectTimeoutMs,
    extra: {
      types: calendarDays,
      options: `-c default_transaction_isolation=${ISOLATION.replace(' ', '\\ ')}`,
    },
  });
}
