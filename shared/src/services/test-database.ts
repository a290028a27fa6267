import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of its own for one test file, so files run in parallel and in any order. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * What the test sees as a database of its own is a role and a schema of the same name on the server's
 * database: the role's default search path (`"$user", public`) puts every table it creates or reads in
 * its schema, so the chapter's code and migrations need no setting for it. A `CREATE DATABASE` costs
 * PostgreSQL some 150 ms of CPU (it copies the template database); a schema, a few milliseconds.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error(
      'DATABASE_URL is not set: run this test through jest with the chapter jest.config.js ' +
        '(its global setup provides PostgreSQL), or set DATABASE_URL to a server whose user is a superuser.',
    );
  }
  const name = `test_${randomBytes(8).toString('hex')}`;
  const password = randomBytes(16).toString('hex');
  await onServer(serverUrl, [
    `CREATE ROLE ${name} LOGIN PASSWORD '${password}'`,
    `CREATE SCHEMA ${name} AUTHORIZATION ${name}`,
  ]);
  const url = new URL(serverUrl);
  url.username = name;
  url.password = password;
  return {
    url: url.toString(),
    drop: () =>
      onServer(serverUrl, [
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${name}'`,
        `DROP OWNED BY ${name} CASCADE`, // its schema and everything in it
        `DROP ROLE IF EXISTS ${name}`,
      ]),
  };
}

async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
