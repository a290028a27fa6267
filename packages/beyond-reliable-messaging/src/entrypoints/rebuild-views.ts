import { createDataSource, runMigrations } from '../adapters/database';
import { getPostgresUri } from '../config';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { rebuildAllocationsView } from '../service-layer/view-rebuild';

/** `pnpm rebuild-views`: allocations_view rebuilt from the write side, on DATABASE_URL, beside the running app. */
async function main(): Promise<void> {
  const dataSource = await createDataSource(getPostgresUri()).initialize();
  try {
    await runMigrations(dataSource); // a database the app has not started on yet has no tables
    const { rebuilt } = await rebuildAllocationsView(new TypeOrmUnitOfWork(dataSource));
    process.stdout.write(
      `allocations_view: ${rebuilt} order and sku pairs were out of date, and are rebuilt\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
