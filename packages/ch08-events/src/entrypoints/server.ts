import { createDataSource } from '../adapters/orm';
import { getApiHost, getApiPort, getPostgresUri } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { createApp } from './fastify-app';

type Stop = () => Promise<void>;

/** `pnpm start`: the API on PostgreSQL from DATABASE_URL, or on an embedded one when it is unset. */
async function main(): Promise<void> {
  const stops: Stop[] = []; // run in reverse order on the way out
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  try {
    const configured = getPostgresUri();
    const embedded = configured === undefined ? await startEmbeddedPostgres() : undefined;
    if (embedded) stops.push(embedded.stop);

    const dataSource = await createDataSource(configured ?? embedded?.url ?? '').initialize();
    stops.push(() => dataSource.destroy());
    await dataSource.synchronize(); // the book's metadata.create_all

    const app = createApp({ dataSource });
    stops.push(() => app.close());
    const address = await app.listen({ host: getApiHost(), port: getApiPort() });

    const database = embedded ? 'an embedded PostgreSQL (data discarded on exit)' : 'DATABASE_URL';
    process.stdout.write(`Allocation API listening on ${address}, using ${database}. Ctrl-C stops it.\n`);
  } catch (error) {
    await stopAll();
    throw error;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`${signal}: shutting down\n`);
      void stopAll().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
