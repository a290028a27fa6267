import { startEmbeddedPostgres } from '../services/embedded-postgres';
import { onAFreePort } from '../services/free-port';

export interface PostgresServer {
  /** A URL to the server's maintenance database, for a user who may CREATE DATABASE. */
  readonly url: string;
  readonly description: string;
  readonly stop: () => Promise<void>;
}

/** pg_stat_statements counts statements only when preloaded; utility statements are BEGIN, COMMIT, SET… */
const COUNTING_STATEMENTS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'pg_stat_statements.track_utility=on',
];

/** DATABASE_URL when set (the bench works in a database of its own there), else an embedded server of its own. */
export async function startPostgresServer(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const configured = env.DATABASE_URL;
  if (configured !== undefined && configured !== '')
    return { url: configured, description: 'the server at DATABASE_URL', stop: async () => {} };
  const server = await onAFreePort((port) => startEmbeddedPostgres({ port, flags: COUNTING_STATEMENTS }));
  return { ...server, description: 'embedded PostgreSQL, pg_stat_statements preloaded' };
}
