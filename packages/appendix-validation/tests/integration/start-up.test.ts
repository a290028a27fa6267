// What start does with PostgreSQL: runs the chapter's migrations, and gives up on one that never answers.
import { createServer, type Server, type Socket } from 'node:net';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from 'shared';
import { createDataSource, runMigrations } from '../../src/adapters/database';
import { AllocationsView1796013612000 } from '../../src/adapters/migrations/1796013612000-allocations-view';
import { Products1796013607000 } from '../../src/adapters/migrations/1796013607000-products';

// A database of this file's own, left to the migrations alone: the test helper's would run them already.
let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = await createDataSource(database.url).initialize();
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

/** What typeorm would still change to fit the mapping: nothing, when the migrations are complete. */
const schemaChangesPending = async (): Promise<string[]> =>
  (await dataSource.driver.createSchemaBuilder().log()).upQueries.map(({ query }) => query);

const tables = async (): Promise<string[]> =>
  (
    await dataSource.query<{ table_name: string }[]>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
    )
  ).map(({ table_name }) => table_name);

it('start runs every migration on an empty database', async () => {
  const executed = await dataSource.runMigrations();

  expect(executed).toHaveLength(dataSource.migrations.length);
});

it('the migrations build exactly the schema the mapping expects', async () => {
  expect(await schemaChangesPending()).toEqual([]);
});

it('start runs no migration twice', async () => {
  expect(await dataSource.runMigrations()).toEqual([]);
});

it('start leaves alone what its migrations did not create', async () => {
  await dataSource.query('ALTER TABLE batches ADD COLUMN note text');

  const restarted = await createDataSource(database.url).initialize(); // what `start` does, once more
  await restarted.runMigrations();
  await restarted.destroy();

  const columns = await dataSource.query<unknown[]>(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'batches' AND column_name = 'note'",
  );
  expect(columns).toHaveLength(1);
  await dataSource.query('ALTER TABLE batches DROP COLUMN note');
});

it('every migration undoes, newest first, back to an empty database', async () => {
  for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();

  expect(await tables()).toEqual(['migrations']);
  await dataSource.runMigrations();
  expect(await schemaChangesPending()).toEqual([]);
});

/** Undoes the migrations newer than `name`'s and `name`'s own, as a database from before it. */
async function undoBackTo(name: string): Promise<void> {
  const at = dataSource.migrations.findIndex((migration) => migration.constructor.name === name);
  for (let i = dataSource.migrations.length; i > at; i--) await dataSource.undoLastMigration();
}

it('the products migration keeps the batches already stored, each under its product', async () => {
  await undoBackTo(Products1796013607000.name);
  await dataSource.query(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ('batch1', 'RED-CHAIR', 10, null)",
  );

  await dataSource.runMigrations();

  const products: unknown = await dataSource.query('SELECT sku, version_number FROM products');
  expect(products).toEqual([{ sku: 'RED-CHAIR', version_number: 0 }]);
  await dataSource.query('TRUNCATE batches, products RESTART IDENTITY CASCADE');
});

it('the allocations_view migration fills the read model with the allocations already stored', async () => {
  await undoBackTo(AllocationsView1796013612000.name);
  await dataSource.query("INSERT INTO products (sku) VALUES ('RED-CHAIR')");
  await dataSource.query(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ('batch1', 'RED-CHAIR', 10, null)",
  );
  await dataSource.query("INSERT INTO order_lines (orderid, sku, qty) VALUES ('order1', 'RED-CHAIR', 2)");
  await dataSource.query(
    'INSERT INTO allocations (batch_id, orderline_id) SELECT batches.id, order_lines.id FROM batches, order_lines',
  );

  await dataSource.runMigrations();

  const view: unknown = await dataSource.query('SELECT orderid, sku, batchref FROM allocations_view');
  expect(view).toEqual([{ orderid: 'order1', sku: 'RED-CHAIR', batchref: 'batch1' }]);
  await dataSource.query(
    'TRUNCATE allocations, order_lines, batches, products, allocations_view RESTART IDENTITY CASCADE',
  );
});

it('the API and the consumer starting together run each migration once', async () => {
  const fresh = await createTestDatabase();
  const api = await createDataSource(fresh.url).initialize();
  const consumer = await createDataSource(fresh.url).initialize();
  try {
    await Promise.all([runMigrations(api), runMigrations(consumer)]);

    const [{ count }] = await api.query<[{ count: number }]>('SELECT count(*)::int AS count FROM migrations');
    expect(count).toBe(api.migrations.length);
  } finally {
    await api.destroy();
    await consumer.destroy();
    await fresh.drop();
  }
});

describe('connect timeout', () => {
  // Stands in for a DATABASE_URL host that drops packets: it takes the connection and never answers.
  let silentHost: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    silentHost = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silentHost.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silentHost.close(resolve));
  });

  it('start-up gives up on a database that never answers, naming PostgreSQL and the timeout', async () => {
    const address = silentHost.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const dataSource = createDataSource(`postgres://app:secret@127.0.0.1:${port}/allocation`, {
      connectTimeoutMs: 250, // the app's 5 s, shortened: the test waits it out
    });

    const starting = dataSource.initialize(); // jest's test timeout bounds it: without a connect timeout it hangs

    await expect(starting).rejects.toThrow(`could not connect to PostgreSQL at 127.0.0.1:${port}`);
    await expect(starting).rejects.toThrow(/timeout/);
  });

  it('the app waits 5 s for PostgreSQL to answer', () => {
    expect(createDataSource('postgres://app:secret@127.0.0.1:5432/allocation').options).toMatchObject({
      connectTimeoutMS: 5_000,
    });
  });
});

describe('a database that cannot be reached', () => {
  /** A port nothing listens on: one the system gave a server of the test's, which is closed again. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  it('a database that cannot be reached is named in the error, which keeps the cause', async () => {
    const port = await closedPort(); // refuses at once: no timeout to wait out

    const starting = createDataSource(`postgres://app:secret@127.0.0.1:${port}/allocation`).initialize();

    await expect(starting).rejects.toThrow(
      `could not connect to PostgreSQL at 127.0.0.1:${port}: connect ECONNREFUSED`,
    );
    await expect(starting).rejects.not.toThrow('secret'); // the host, never the password
    await expect(starting).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('a DATABASE_URL that is no URL is called DATABASE_URL in the error', async () => {
    // pg takes a path for the folder of PostgreSQL's Unix socket; URL cannot parse it, so nothing is quoted
    const starting = createDataSource('/no/such/socket-folder').initialize();

    await expect(starting).rejects.toThrow('could not connect to PostgreSQL at DATABASE_URL: connect ENOENT');
  });
});
