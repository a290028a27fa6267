// postgres-errors.ts reads PostgreSQL's refusal of a statement: the API answers by what it says.
import { isDuplicateBatchref } from '../../src/adapters/postgres-errors';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

/** The error the statement fails with: typeorm's, for what PostgreSQL refused. */
const refusalOf = (sql: string): Promise<unknown> =>
  db.dataSource.query(sql).then(
    () => Promise.reject(new Error(`PostgreSQL took ${sql}`)),
    (error: unknown) => error,
  );

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
