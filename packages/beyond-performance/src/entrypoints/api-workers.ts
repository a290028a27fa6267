import cluster from 'node:cluster';

/**
 * Runs the API in this process or, with API_WORKERS=N, in N processes on one port (node:cluster hands
 * each connection to one of them), to use more than one core. Each keeps what it committed and queues
 * its commands apart, so on one busy sku they refuse each other at the version check (and try again).
 */
export function runApi(workers: number, main: () => Promise<void>): void {
  if (!cluster.isPrimary) return void main();
  const what =
    workers === 1 ? 'one process (API_WORKERS=2: two on one port)' : `${workers} processes on one port`;
  process.stdout.write(`API: ${what}\n`);
  if (workers === 1) return void main();
  superviseWorkers(workers);
}

/** Starts the workers, passes SIGINT and SIGTERM on, and stops them all when one exits on its own. */
function superviseWorkers(count: number): void {
  let [running, stopping, exitCode] = [count, false, 0];
  const stop = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      // one process alone is not the app: stop the others rather than serve half of it
      console.error(`API process ${worker.process.pid} exited (${signal ?? code}); stopping the others`);
      exitCode = code || 1;
      stop('SIGTERM');
    } else if (code) exitCode = code;
    if (--running === 0) process.exit(exitCode);
  });
  for (let i = 0; i < count; i++) cluster.fork();
}
