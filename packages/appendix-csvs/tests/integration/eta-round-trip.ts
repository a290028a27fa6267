// Run by eta-time-zone.test.ts in a child process: in each time zone it is given, saves a batch
// through the repository, reads it back, and prints what each side saw.
import type { DataSource } from 'typeorm';
import { Batch } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/orm';
import { TypeOrmRepository } from '../../src/adapters/repository';

async function roundTrip(dataSource: DataSource, reference: string, eta: string): Promise<unknown> {
  await new TypeOrmRepository(dataSource.manager).add(new Batch(reference, 'SLOW-SOFA', 10, eta));
  const retrieved = await new TypeOrmRepository(dataSource.manager).get(reference);
  const [stored] = await dataSource.query<[{ eta: string }]>(
    'SELECT eta::text AS eta FROM batches WHERE reference = $1',
    [reference],
  );
  const utcOffsetMinutes = -new Date(`${eta}T00:00:00`).getTimezoneOffset();
  return { utcOffsetMinutes, retrieved: retrieved.eta, stored: stored.eta };
}

async function main(url: string, timeZones: string[]): Promise<void> {
  const dataSource = await createDataSource(url).initialize();
  const seen: Record<string, unknown> = {};
  try {
    for (const [index, timeZone] of timeZones.entries()) {
      process.env.TZ = timeZone; // Node applies a new TZ at once, to every Date made from then on
      seen[timeZone] = await roundTrip(dataSource, `batch${index}`, '2011-04-11');
    }
  } finally {
    await dataSource.destroy();
  }
  process.stdout.write(JSON.stringify(seen));
}

const [url = '', ...timeZones] = process.argv.slice(2);
main(url, timeZones).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
