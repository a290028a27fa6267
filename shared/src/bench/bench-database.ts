import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of the bench's own on the server: the chapter works in it, the bench reads and empties it. */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  /** Connected to the bench database, for seeding and checks: never while statements are counted. */
  readonly client: Client;
  /** Connected to the server's maintenance database: creates and drops the bench database. */
  readonly admin: Client;
  readonly oid: number;
  readonly tables: () => Promise<string[]>;
  /** Empties every table of the chapter's schema. */
  readonly truncate: () => Promise<void>;
  readonly drop: () => Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `allocation_bench_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  admin.on('error', reportLostConnection);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  client.on('error', reportLostConnection);
  const drop = async (): Promise<void> => {
    await client.end().catch(() => {});
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await client.connect();
  } catch (error) {
    await drop();
    throw error;
  }
  const [row] = (
    await admin.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_database WHERE datname = $1', [name])
  ).rows;
  const tables = async (): Promise<string[]> =>
    (
      await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).rows.map((r) => r.table_name);
  return {
    url: url.toString(),
    name,
    client,
    admin,
    oid: row?.oid ?? 0,
    tables,
    truncate: async () => {
      // typeorm's migrations table records the schema steps run: emptied, a restart would run them again
      const all = (await tables())
        .filter((table) => table !== 'migrations')
        .map((table) => `"${table}"`)
        .join(', ');
      if (all !== '') await client.query(`TRUNCATE ${all} RESTART IDENTITY CASCADE`);
    },
    drop,
  };
}

/** A Ctrl-C in the terminal reaches PostgreSQL too, which drops the connections: the clean-up goes on. */
function reportLostConnection(error: Error): void {
  console.error(`PostgreSQL connection lost: ${error.message}`);
}
