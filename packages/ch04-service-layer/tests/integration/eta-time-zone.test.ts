import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

const TIME_ZONES = [
  ['Pacific/Kiritimati', 14 * 60],
  ['Pacific/Pago_Pago', -11 * 60],
] as const;

// An eta is a calendar day. Held as a JS Date it would be an instant, and a process far from UTC
// would store or read it as the day before or after. Jest hands tests a copy of process.env, so the
// round trips run in one child process, which moves from time zone to time zone.
let seen: Record<string, unknown> = {};
beforeAll(async () => {
  const script = join(__dirname, 'eta-round-trip.ts');
  const timeZones = TIME_ZONES.map(([timeZone]) => timeZone);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, db.url, ...timeZones],
    { cwd: __dirname },
  );
  seen = JSON.parse(stdout) as Record<string, unknown>;
});

it.each(TIME_ZONES)(
  'an eta survives the round trip unchanged when the process runs in %s',
  (timeZone, utcOffsetMinutes) => {
    expect(seen[timeZone]).toEqual({ utcOffsetMinutes, retrieved: '2011-04-11', stored: '2011-04-11' });
  },
);
