import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import type { ProvidedService } from '../services/provider';
import { runApp } from './child';
import { provideServices } from './services';
import { handleShutdownSignals } from './signals';

const USAGE = 'usage: cosmic-start [--redis=optional|required] [--if-redis=<file.ts>]... <file.ts>...';

/**
 * `pnpm start` in a chapter: provides PostgreSQL (and Redis with --redis=…), runs each of the
 * chapter's entry files (`--if-redis` ones only when Redis is there) as a process of its own with
 * DATABASE_URL and REDIS_URL set, passes SIGINT/SIGTERM on to them, stops them all when one exits,
 * and once they have exited stops what was started, PostgreSQL last.
 */
async function main(): Promise<number> {
  const { values, positionals: files } = parseArgs({
    options: { redis: { type: 'string' }, 'if-redis': { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  const { redis, 'if-redis': ifRedis = [] } = values;
  if (files.length === 0 || (redis !== undefined && !isRedisNeed(redis))) {
    console.error(USAGE);
    return 2;
  }

  let signalled: NodeJS.Signals | undefined;
  let stopping = false; // the apps were told to stop: whatever exits next was expected to
  let databaseLost = false;
  let forward: ((signal: NodeJS.Signals) => void) | undefined;
  handleShutdownSignals((signal) => {
    signalled ??= signal;
    stopping = true;
    forward?.(signal);
  });

  const started: ProvidedService[] = [];
  try {
    const { env, report } = await provideServices({
      redis,
      started,
      interrupted: () => signalled !== undefined,
      // serving 500s on a dead database helps no one: say why once, stop the app, exit non-zero
      onDatabaseLost: (why) => {
        databaseLost = true;
        stopping = true;
        console.error(`cosmic-start: the PostgreSQL it started has gone (${why}); stopping the app`);
        forward?.('SIGTERM');
      },
    });
    const run = env.REDIS_URL ? [...files, ...ifRedis] : files;
    const skipped = env.REDIS_URL ? [] : ifRedis.map((file) => `${file}: not run, it needs Redis`);
    const lines = [`cosmic-start: ${run.join(' + ')}`, ...report, ...skipped];
    process.stdout.write(`${lines.map((line, i) => (i === 0 ? line : `  ${line}`)).join('\n')}\n`);
    const apps = run.map((file) => ({ file, ...runApp(file, env) }));
    forward = (signal) => apps.forEach((app) => app.forward(signal));
    // a signal, or the database going, while the apps were being started
    if (databaseLost || signalled) forward(signalled ?? 'SIGTERM');
    const first = await Promise.race(apps.map(async (app) => ({ ...app, code: await app.exited })));
    const unexpected = !stopping;
    if (unexpected) {
      // one part of the app alone is not the app: stop the others rather than run half of it
      console.error(`cosmic-start: ${first.file} exited on its own (code ${first.code}); stopping the app`);
      stopping = true;
      forward('SIGTERM');
    }
    const codes = await Promise.all(apps.map((app) => app.exited));
    if (databaseLost) return 1;
    if (unexpected) return first.code || 1;
    return codes.find((code) => code !== 0) ?? 0;
  } catch (error) {
    if (signalled) return 128 + constants.signals[signalled]; // whatever start-up was doing, it was cut short
    console.error(`cosmic-start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    for (const service of started.reverse()) {
      await service
        .stop()
        .catch((error: unknown) => console.error('cosmic-start: could not stop a service:', error));
    }
  }
}

function isRedisNeed(value: string): value is 'optional' | 'required' {
  return value === 'optional' || value === 'required';
}

void main().then((code) => process.exit(code));
