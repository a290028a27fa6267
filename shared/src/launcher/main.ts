import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import type { ProvidedService } from '../services/provider';
import { runApp } from './child';
import { provideServices } from './services';
import { handleShutdownSignals } from './signals';

const USAGE = 'usage: cosmic-start [--redis=optional|required] <server.ts>';

/**
 * `pnpm start` in a chapter: provides PostgreSQL (and Redis with --redis=…), runs the chapter's server
 * with DATABASE_URL and REDIS_URL set, passes SIGINT/SIGTERM on to it, and once it has exited stops
 * what was started, PostgreSQL last, exiting with the server's code.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { redis: { type: 'string' } },
    allowPositionals: true,
  });
  const [file] = positionals;
  const { redis } = values;
  if (file === undefined || positionals.length > 1 || (redis !== undefined && !isRedisNeed(redis))) {
    console.error(USAGE);
    return 2;
  }

  let signalled: NodeJS.Signals | undefined;
  let databaseLost = false;
  let forward: ((signal: NodeJS.Signals) => void) | undefined;
  handleShutdownSignals((signal) => {
    signalled ??= signal;
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
        console.error(`cosmic-start: the PostgreSQL it started has gone (${why}); stopping the app`);
        forward?.('SIGTERM');
      },
    });
    process.stdout.write(`${[`cosmic-start: ${file}`, ...report.map((line) => `  ${line}`)].join('\n')}\n`);
    const app = runApp(file, env);
    forward = app.forward;
    if (databaseLost) forward('SIGTERM'); // it went while the app was being started
    const code = await app.exited;
    return databaseLost ? 1 : code;
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
