// postgres-errors.ts reads PostgreSQL's refusal of a statement: the API answers by what it says.
import { isConcurrencyConflict, isDuplicateBatchref } from '../../src/adapters/postgres-errors';
import { startSession } from '../../src/adapters/session';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

/** The error the statement fails with: typeorm's, for what PostgreSQL refused. */
const refusalOf = (sql: string): Promise<unknown> =>
  db.dataSource.query(sql).then(
    () => Promise.reject(new Error(`PostgreSQL took ${sql}`)),
    (error: unknown) => error,
  );

beforeEach(async () => {
  await db.dataSource.query("INSERT INTO products (sku) VALUES ('SMALL-TABLE')");
});

const addBatch1 =
  "INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ('batch1', 'SMALL-TABLE', 10)";

it('a batch reference taken already is a duplicate batchref', async () => {
  await db.dataSource.query(addBatch1);

  expect(isDuplicateBatchref(await refusalOf(addBatch1))).toBe(true);
});

it('another refusal, or an error that is not from PostgreSQL, is no duplicate batchref', async () => {
  const otherConstraint = await refusalOf('INSERT INTO allocations (batch_id, orderline_id) VALUES (0, 0)');

  expect(isDuplicateBatchref(otherConstraint)).toBe(false);
  expect(isDuplicateBatchref(new Error('duplicate key value violates "batches_reference_key"'))).toBe(false);
});

it('a product a concurrent transaction changed first is a concurrency conflict', async () => {
  const [mine, theirs] = [await startSession(db.dataSource), await startSession(db.dataSource)];
  try {
    const bumpVersion = 'UPDATE products SET version_number = version_number + 1';
    await mine.execute('SELECT version_number FROM products'); // each has its snapshot (REPEATABLE READ)
    await theirs.execute('SELECT version_number FROM products');
    await theirs.execute(bumpVersion);
    await theirs.commit();

    const refused = await mine.execute(bumpVersion).catch((error: unknown) => error);

    expect(refused).toMatchObject({ driverError: { code: '40001' } });
    expect(isConcurrencyConflict(refused)).toBe(true);
  } finally {
    await mine.close();
    await theirs.close();
  }
});

it('a product a concurrent transaction created first is a concurrency conflict', async () => {
  const created = await refusalOf("INSERT INTO products (sku) VALUES ('SMALL-TABLE')");

  expect(isConcurrencyConflict(created)).toBe(true);
});

it('another refusal, or an error that is not from PostgreSQL, is no concurrency conflict', async () => {
  await db.dataSource.query(addBatch1);

  expect(isConcurrencyConflict(await refusalOf(addBatch1))).toBe(false);
  expect(isConcurrencyConflict(new Error('could not serialize access due to concurrent update'))).toBe(false);
});
