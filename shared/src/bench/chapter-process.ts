import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Chapter, REPOSITORY_ROOT } from './chapters';

export interface RunningChapter {
  readonly baseUrl: string;
  /** SIGTERM, then waits for it to exit (SIGKILL to what is left after a grace period). */
  readonly stop: () => Promise<void>;
  /** The chapter's last lines of output, for a failure message. */
  readonly outputTail: () => string;
}

const START_LIMIT_MS = 90_000;
const STOP_GRACE_MS = 15_000;
const GROUP_GRACE_MS = 5_000;
const TAIL_LINES = 40;

/**
 * The chapter's `start` script run the way pnpm runs it (sh -c in the package directory, the
 * node_modules/.bin folders on PATH), in a process group of its own so that nothing outlives the bench.
 */
export async function startChapter(chapter: Chapter, env: Record<string, string>): Promise<RunningChapter> {
  const bins = [join(chapter.dir, 'node_modules', '.bin'), join(REPOSITORY_ROOT, 'node_modules', '.bin')];
  const child = spawn('sh', ['-c', chapter.startScript], {
    cwd: chapter.dir,
    env: { ...process.env, ...env, PATH: [...bins, process.env.PATH ?? ''].join(delimiter) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // a Ctrl-C in the terminal reaches the bench only: it stops the chapter before PostgreSQL
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const killOnExit = (): void => killGroup(child, 'SIGKILL'); // the bench itself crashed
  process.once('exit', killOnExit);
  const outputTail = (): string => tail.join('\n');
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (isRunning(child)) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
      if (timedOut)
        console.error(
          `${chapter.name} did not exit within ${STOP_GRACE_MS} ms of SIGTERM: signalling its process group`,
        );
    }
    await stopGroup(child); // a start script without `exec` leaves its node process behind the shell
  };
  const port = Number(env.PORT);
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    throw new Error(`${chapter.name} did not start: ${(error as Error).message}\n${outputTail()}`, {
      cause: error,
    });
  }
  return { baseUrl: `http://127.0.0.1:${port}`, stop, outputTail };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const giveUpAt = performance.now() + START_LIMIT_MS;
  while (performance.now() < giveUpAt) {
    if (!isRunning(child)) throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    if (await answers(port)) return;
    await sleep(100);
  }
  throw new Error(`port ${port} did not answer within ${START_LIMIT_MS} ms`);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (!groupAlive(child)) return;
  killGroup(child, 'SIGTERM');
  const giveUpAt = performance.now() + GROUP_GRACE_MS;
  while (groupAlive(child) && performance.now() < giveUpAt) await sleep(100);
  if (groupAlive(child)) killGroup(child, 'SIGKILL');
}

function groupAlive(child: ChildProcess): boolean {
  try {
    if (child.pid === undefined) return false;
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
