import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { join } from 'node:path';

const TS_RUNNER = join(__dirname, '../../bin/ts.mjs');

export interface RunningApp {
  /** The app's exit code; 128 + n when signal n ended it, as a shell reports it. */
  readonly exited: Promise<number>;
  readonly forward: (signal: NodeJS.Signals) => void;
}

/**
 * Runs `cosmic-ts <file>` (`node --import tsx <file>`, with tsx's cache out of the temp directory). It gets a process group of its own, so that a Ctrl-C reaches it
 * once, through `forward`, not a second time from the terminal (close-with-grace exits at once on a
 * second signal).
 */
export function runApp(file: string, env: NodeJS.ProcessEnv): RunningApp {
  const child = spawn(process.execPath, [TS_RUNNER, file], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const exited = async (): Promise<number> => {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return code ?? 128 + (signal ? constants.signals[signal] : 0);
  };
  return {
    exited: exited(),
    forward: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
