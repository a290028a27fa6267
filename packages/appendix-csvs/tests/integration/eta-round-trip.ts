// Run by eta-time-zone.test.ts in a child process whose TZ is far from UTC: saves a batch with
// the given eta through the repository, reads it back, and prints what each side saw.
import { Batch } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/orm';
import { TypeOrmRepository } from '../../src/adapters/repository';

async function main(url: string, reference: string, eta: string): Promise<void> {
  const dataSource = await createDataSource(url).initialize();
  try {
    await new TypeOrmRepository(dataSource.manager).add(new Batch(reference, 'SLOW-SOFA', 10, eta));
    const retrieved = await new TypeOrmRepository(dataSource.manager).get(reference);
    const [stored] = await dataSource.query<[{ eta: string }]>(
      'SELECT eta::text AS eta FROM batches WHERE reference = $1',
      [reference],
    );
    const utcOffsetMinutes = -new Date(`${eta}T00:00:00`).getTimezoneOffset();
    process.stdout.write(JSON.stringify({ utcOffsetMinutes, retrieved: retrieved.eta, stored: stored.eta }));
  } finally {
    await dataSource.destroy();
  }
}

const [url = '', reference = '', eta = ''] = process.argv.slice(2);
main(url, reference, eta).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
