import { createDataSource } from '../adapters/orm';
import { getApiHost, getApiPort, getPostgresUri } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';
import { Shutdown, StartupInterrupted } from './shutdown';

const shutdown = new Shutdown().listen();

/** `pnpm start`: the API on PostgreSQL from DATABASE_URL, or on an embedded one when it is unset. */
async function main(): Promise<void> {
  const configured = getPostgresUri();
  const embedded = configured === undefined ? await startEmbeddedPostgres() : undefined;
  if (embedded) shutdown.add(embedded.stop);

  const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
  shutdown.add(() => dataSource.destroy());
  await dataSource.synchronize(); // the book's metadata.create_all

  const app = createApp({ dataSource });
  shutdown.add(() => app.close());
  const address = await app.listen({ host: getApiHost(), port: getApiPort() });

  const database = embedded ? 'an embedded PostgreSQL (data discarded on exit)' : 'DATABASE_URL';
  process.stdout.write(`Allocation API listening on ${address}, using ${database}. Ctrl-C stops it.\n`);
  await shutdown.started();
}

main().catch(async (error: unknown) => {
  if (!(error instanceof StartupInterrupted)) console.error(error);
  await shutdown.exit(error instanceof StartupInterrupted ? 0 : 1);
});
