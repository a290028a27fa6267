import closeWithGrace from 'close-with-grace';
import { createDataSource } from '../adapters/database';
import { getApiHost, getApiPort, getPostgresUri } from '../config';
import { createApp } from './nest-app';

/** The API on DATABASE_URL. `pnpm start` runs it with shared's launcher, which provides the database. */
async function main(): Promise<void> {
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  await dataSource.runMigrations(); // start runs pending migrations (where the book runs manage.py migrate)
  const app = await createApp({ dataSource });
  closeWithGrace(async ({ err }) => {
    if (err) app.getHttpAdapter().getInstance().log.error({ err }, 'stopping on an error');
    await app.close(); // stops listening, then waits for the requests in hand
    await dataSource.destroy();
  });
  await app.listen({ host: getApiHost(), port: getApiPort() });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
