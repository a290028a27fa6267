import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { eventually } from '../../src';

const SHARED = join(__dirname, '..', '..');
const LAUNCHER = join(SHARED, 'bin', 'cosmic-start.mjs');

interface Launched {
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  readonly exited: Promise<number | null>;
  output(): string;
}

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'launcher-test-')); // the launcher's TMPDIR: what it leaves there is visible
  await chmod(tmp, 0o755); // as /tmp is: as root, PostgreSQL runs as another user, who must reach its files
});
afterEach(() => rm(tmp, { recursive: true, force: true }));

/** cosmic-start on the fixture app, in a process group of its own (as a terminal would run it), with no service configured. */
function launch(...args: string[]): Launched {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) delete env[name];
  const child = spawn(process.execPath, [LAUNCHER, ...args, 'tests/fixtures/env-server.ts'], {
    cwd: SHARED,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { process: child, exited, output: () => output };
}

/** What the fixture app printed: the environment it was given. */
function appEnvironment(launched: Launched): Promise<Record<string, string | undefined>> {
  return eventually(
    () => {
      const line = launched
        .output()
        .split('\n')
        .find((l) => l.startsWith('{'));
      if (line === undefined) throw new Error(`the app has not started yet:\n${launched.output()}`);
      return JSON.parse(line) as Record<string, string | undefined>;
    },
    { timeout: 25_000 },
  );
}

/** Processes and directories the launcher could have left behind: none may remain. */
async function leftovers(redisUrl?: string): Promise<string[]> {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter(
      (args) =>
        args.includes(tmp) || (redisUrl && args.includes(`redis-server 127.0.0.1:${new URL(redisUrl).port}`)),
    );
  const directories = (await readdir(tmp)).filter((name) => name.startsWith('cosmic-'));
  return [...processes, ...directories];
}

async function selectOne(url: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows;
  } finally {
    await client.end();
  }
}

it('runs the app with DATABASE_URL, forwards SIGTERM, exits with the app code and leaves nothing behind', async () => {
  const launched = launch('--redis=optional');
  const env = await appEnvironment(launched);
  expect(await selectOne(env.DATABASE_URL ?? '')).toEqual([{ one: 1 }]);
  expect(launched.output()).toContain('PostgreSQL: embedded (data discarded on exit)');
  if (env.REDIS_URL === undefined) expect(launched.output()).toContain('external events are OFF');
  else expect(launched.output()).toContain(`redis-server from PATH at ${env.REDIS_URL}`);

  launched.process.kill('SIGTERM');

  expect(await launched.exited).toBe(3); // the fixture's code on SIGTERM
  expect(await leftovers(env.REDIS_URL)).toEqual([]);
});

it('on Ctrl-C (SIGINT to its process group) stops the app, then what it started', async () => {
  const launched = launch('--redis=optional');
  const env = await appEnvironment(launched);

  process.kill(-(launched.process.pid ?? 0), 'SIGINT');

  expect(await launched.exited).toBe(130); // the fixture dies of the forwarded SIGINT
  expect(await leftovers(env.REDIS_URL)).toEqual([]);
});

it('stops at once on a signal during start-up, leaving nothing behind', async () => {
  const launched = launch();
  await eventually(async () =>
    expect((await readdir(tmp)).some((name) => name.startsWith('cosmic-'))).toBe(true),
  );

  process.kill(-(launched.process.pid ?? 0), 'SIGINT');

  expect(await launched.exited).toBe(130);
  expect(launched.output()).not.toContain('DATABASE_URL'); // the app never ran
  expect(await leftovers()).toEqual([]);
});

it('stops the app and exits non-zero, saying why once, when the PostgreSQL it started dies', async () => {
  const launched = launch();
  const env = await appEnvironment(launched);
  const port = new URL(env.DATABASE_URL ?? '').port;
  const postmaster = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .find((line) => line.includes('postgres -D') && line.includes(`-p ${port} `));

  process.kill(Number(postmaster?.trim().split(' ')[0]), 'SIGKILL');

  expect(await launched.exited).toBe(1);
  expect(launched.output().match(/PostgreSQL it started has gone \(killed by SIGKILL\)/g)).toHaveLength(1);
  expect(await leftovers()).toEqual([]);
});

it('fails at once, naming the service, when DATABASE_URL names a server that does not answer', async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    DATABASE_URL: 'postgres://me:secret@127.0.0.1:1/db',
  };
  const child = spawn(process.execPath, [LAUNCHER, 'tests/fixtures/env-server.ts'], { cwd: SHARED, env });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const [code] = (await once(child, 'exit')) as [number | null];

  expect(code).toBe(1);
  expect(output).toContain('PostgreSQL at DATABASE_URL (postgres://me:***@127.0.0.1:1/db) does not answer');
  expect(await leftovers()).toEqual([]);
});
