// Your mapping against the given migrations: typeorm, asked what it would change to fit the mapping,
// must find nothing. A difference names the table, column, key or index your orm.ts maps otherwise.
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from 'shared';
import { createDataSource } from '../../src/adapters/database';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await createDataSource(database.url).initialize();
  await dataSource.runMigrations();
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

it('the migrations build exactly the schema the mapping expects', async () => {
  const pending = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map(({ query }) => query);
  expect(pending).toEqual([]);
});
