import { runInThisContext } from 'node:vm';
import { Batch, Product } from '../../src/domain/model';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

// An eta is a calendar day. Held as a JS Date it would be an instant, and a process far from UTC
// would store or read it as the day before or after. Jest hands each test file a copy of process.env;
// a new TZ takes effect at once only through the real one, the main context's.
const realProcess = runInThisContext('process') as NodeJS.Process;

async function inTimeZone<T>(timeZone: string, work: () => Promise<T>): Promise<T> {
  const before = realProcess.env.TZ;
  realProcess.env.TZ = timeZone;
  try {
    return await work();
  } finally {
    if (before === undefined) delete realProcess.env.TZ;
    else realProcess.env.TZ = before;
  }
}

it.each([
  ['Pacific/Kiritimati', 14 * 60],
  ['Pacific/Pago_Pago', -11 * 60],
])(
  'an eta survives the round trip unchanged when the process runs in %s',
  async (timeZone, utcOffsetMinutes) => {
    const seen = await inTimeZone(timeZone, () => roundTrip(`batch-${utcOffsetMinutes}`, '2011-04-11'));

    expect(seen).toEqual({ utcOffsetMinutes, retrieved: '2011-04-11', stored: '2011-04-11' });
  },
);

/** Saves a batch with the eta through the repository, reads it back, and tells what each side saw. */
async function roundTrip(reference: string, eta: string): Promise<unknown> {
  const sku = `sku-${reference}`;
  const session = await db.session();
  await new TypeOrmRepository(session).add(new Product(sku, [new Batch(reference, sku, 10, eta)]));
  await session.commit();
  const retrieved = await new TypeOrmRepository(await db.session()).get(sku);
  const [stored] = await db.dataSource.query<[{ eta: string }]>(
    'SELECT eta::text AS eta FROM batches WHERE reference = $1',
    [reference],
  );
  const utcOffsetMinutes = -new Date(`${eta}T00:00:00`).getTimezoneOffset();
  return { utcOffsetMinutes, retrieved: retrieved?.batches[0]?.eta, stored: stored.eta };
}
