import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

// An eta is a calendar day. Held as a JS Date it would be an instant, and a process far from UTC
// would store or read it as the day before or after. Node reads TZ once at start, hence a child process.
async function roundTripIn(timeZone: string, reference: string, eta: string): Promise<unknown> {
  const script = join(__dirname, 'eta-round-trip.ts');
  const url = db.url;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, url, reference, eta],
    {
      cwd: __dirname,
      env: { ...process.env, TZ: timeZone },
    },
  );
  return JSON.parse(stdout);
}

it.each([
  ['Pacific/Kiritimati', 14 * 60],
  ['Pacific/Pago_Pago', -11 * 60],
])(
  'an eta survives the round trip unchanged when the process runs in %s',
  async (timeZone, utcOffsetMinutes) => {
    const seen = await roundTripIn(timeZone, 'batch1', '2011-04-11');

    expect(seen).toEqual({ utcOffsetMinutes, retrieved: '2011-04-11', stored: '2011-04-11' });
  },
);
