import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { onAFreePort } from './free-port';
import {
  answersWithin,
  provideService,
  type ProviderOptions,
  type ProvidedService,
  type RunningService,
} from './provider';

const HOW_TO_PROVIDE = [
  'Provide Redis in one of these ways:',
  '  - set REDIS_URL, e.g. redis://127.0.0.1:6379',
  '  - start a Docker engine, so that testcontainers can run redis:7-alpine',
  '  - install a redis-server binary on PATH (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
].join('\n');

/** A Redis server for one test file: channels are global, so files do not share one unless REDIS_URL says so. */
export function startRedis(options?: ProviderOptions): Promise<ProvidedService> {
  return provideService(
    {
      name: 'Redis',
      envVar: 'REDIS_URL',
      container: startRedisContainer,
      embedded: startRedisServer,
      howToProvide: HOW_TO_PROVIDE,
    },
    { answers: answersWithin(3_000, { say: 'PING\r\n' }), ...options }, // a Redis that hangs accepts, and answers nothing
  );
}

async function startRedisContainer(): Promise<RunningService> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  return {
    url: container.getConnectionUrl(),
    stop: async () => {
      await container.stop();
    },
  };
}

/** A redis-server process from PATH, on a free port, keeping nothing on disk. */
function startRedisServer(): Promise<RunningService> {
  return onAFreePort(startRedisServerOn);
}

async function startRedisServerOn(chosenPort: number): Promise<RunningService> {
  const child = spawn(
    'redis-server',
    ['--port', String(chosenPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    // its own process group: a Ctrl-C meant for the app must not stop Redis under it
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  await readyOrFailed(child);
  const killOnExit = (): boolean => child.kill('SIGTERM'); // a child process would outlive a crashed test worker
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${chosenPort}`,
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function readyOrFailed(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) =>
      reject(new Error(`redis-server could not be run: ${error.message}`, { cause: error })),
    );
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${code}): ${output.trim().slice(-500)}`)),
    );
  });
}
