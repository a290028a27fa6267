import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { eventually } from '../../src';

const SHARED = join(__dirname, '..', '..');
const LAUNCHER = join(SHARED, 'bin', 'cosmic-start.mjs');
const FIXTURE = 'tests/fixtures/env-server.ts';

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

/** cosmic-start on the fixture app (after any other apps in `args`), in a process group of its own (as a terminal would run it), with no service configured. */
function launch(...args: string[]): Launched {
  return launchWith({}, ...args);
}

/** As launch(), on this test run's PostgreSQL: for tests about the apps, not the services it starts. */
function launchOnTheTestDatabase(...args: string[]): Launched {
  return launchWith({ DATABASE_URL: process.env.DATABASE_URL }, ...args);
}

function launchWith(services: NodeJS.ProcessEnv, ...args: string[]): Launched {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) delete env[name];
  Object.assign(env, services);
  const child = spawn(process.execPath, [LAUNCHER, ...args, FIXTURE], {
    cwd: SHARED,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': the app's last lines may still be in the pipes when the launcher exits
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return { process: child, exited, output: () => output };
}

type Environment = Record<string, string | undefined>;

/** What the fixture app printed: the environment it was given. */
async function appEnvironment(launched: Launched): Promise<Environment> {
  const [env] = await appEnvironments(launched, 1);
  return env as Environment;
}

/** What each of `count` fixture apps printed, once they all have. */
function appEnvironments(launched: Launched, count: number): Promise<Environment[]> {
  return eventually(
    () => {
      const lines = launched
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'));
      if (lines.length < count) throw new Error(`the apps have not all started yet:\n${launched.output()}`);
      return lines.map((line) => JSON.parse(line) as Environment);
    },
    { timeout: 25_000 },
  );
}

/** The fixture apps the launcher runs, by process id. */
function fixtureApps(launched: Launched): number[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(launched.process.pid)], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => line.includes(FIXTURE))
    .map((line) => Number(line.trim().split(' ')[0]));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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

it('runs each app given, with the same environment, and stops them all when one exits on its own', async () => {
  const launched = launchOnTheTestDatabase(FIXTURE); // the fixture twice: two apps
  const [first, second] = await appEnvironments(launched, 2);
  expect(second).toEqual(first);
  const apps = fixtureApps(launched);
  expect(apps).toHaveLength(2);

  process.kill(apps[0] ?? 0, 'SIGKILL');

  expect(await launched.exited).toBe(137); // the code of the app that went: 128 + SIGKILL
  expect(launched.output()).toContain('exited on its own (code 137); stopping the app');
  expect(apps.filter(isRunning)).toEqual([]);
  expect(await leftovers()).toEqual([]);
});

it('forwards SIGTERM to every app it runs', async () => {
  const launched = launchOnTheTestDatabase(FIXTURE);
  await appEnvironments(launched, 2);
  const apps = fixtureApps(launched);

  launched.process.kill('SIGTERM');

  expect(await launched.exited).toBe(3); // the fixture's code on SIGTERM
  expect(apps.filter(isRunning)).toEqual([]);
  expect(await leftovers()).toEqual([]);
});

it('does not run an --if-redis app when there is no Redis', async () => {
  const launched = launchOnTheTestDatabase('--if-redis=tests/fixtures/no-such-file.ts');
  await appEnvironment(launched);

  launched.process.kill('SIGTERM');

  expect(await launched.exited).toBe(3);
  expect(launched.output()).toContain('tests/fixtures/no-such-file.ts: not run, it needs Redis');
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

it('with --redis=optional, stops at once, naming REDIS_URL, when the Redis it names does not answer', async () => {
  const launched = launchOnTheTestDatabase('--redis=optional');
  const dead = launchWith(
    { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:1' },
    '--redis=optional',
  );
  await appEnvironment(launched); // the same, with no REDIS_URL: runs, external events off or on
  launched.process.kill('SIGTERM');

  expect(await dead.exited).toBe(1);
  expect(dead.output()).toContain('Redis at REDIS_URL (redis://127.0.0.1:1) does not answer');
  expect(dead.output()).not.toContain('external events are OFF');
  expect(dead.output()).not.toContain('"DATABASE_URL"'); // the app never ran
  await launched.exited;
  expect(await leftovers()).toEqual([]);
});

describe('a service named in the environment that accepts connections but never answers', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => void sockets.add(socket)); // takes the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
  const silentUrl = (scheme: string): string =>
    `${scheme}://127.0.0.1:${(silent.address() as AddressInfo).port}`;

  it('as REDIS_URL, stops start-up within seconds, naming it: a PING gets no answer', async () => {
    const url = silentUrl('redis');
    const launched = launchWith(
      { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: url },
      '--redis=optional',
    );

    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain(`Redis at REDIS_URL (${url}) does not answer: no answer within 3 s`);
    expect(await leftovers()).toEqual([]);
  });

  it('as SMTP_URL, stops start-up within seconds, naming it', async () => {
    const url = silentUrl('smtp');
    const launched = launchWith({ DATABASE_URL: process.env.DATABASE_URL, SMTP_URL: url });

    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain(`SMTP at SMTP_URL (${url}) does not answer: no answer within 3 s`);
    expect(await leftovers()).toEqual([]);
  });
});
