import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { eventually } from 'shared';

const PACKAGE = join(__dirname, '..', '..');

/** A line of pino's JSON output. */
export interface LogLine {
  readonly pid: number;
  readonly msg: string;
}

export interface StartedApp {
  /** The API's base URL, once it listens. */
  readonly url: () => Promise<string>;
  /** The log lines every process printed so far. */
  readonly logs: () => LogLine[];
  /** SIGTERM, as Ctrl-C would send; resolves to the exit code. */
  readonly stop: () => Promise<number | null>;
}

/**
 * Runs this package's `start` script as `pnpm start` would (the launcher and every process it
 * starts), on the given DATABASE_URL and REDIS_URL, with the API on a free port.
 */
export function runStartScript(env: { DATABASE_URL: string; REDIS_URL: string }): StartedApp {
  const { scripts } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const child = spawn('sh', ['-c', scripts.start], {
    cwd: PACKAGE,
    env: {
      ...process.env,
      ...env,
      PATH: `${join(PACKAGE, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    url: () =>
      eventually(
        () => {
          const url = /Server listening at (http:\/\/[\d.:]+)/.exec(output)?.[1];
          if (url === undefined) throw new Error(`the API does not listen yet:\n${output}`);
          return url;
        },
        { timeout: 25_000 },
      ),
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{') && line.endsWith('}'))
        .map((line) => JSON.parse(line) as LogLine),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
