import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(__dirname, '../../bin/allocate-from-csv.mjs');
// tsx keeps its transform cache in the temp directory; the tests leave nothing there
const TSX_CACHE = join(__dirname, '../../../../node_modules/.cache/tsx');

/** Runs the real `allocate-from-csv` command line in a process of its own (the book loads the script and calls main). */
export function runCliScript(folder: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, folder],
      { env: { ...process.env, TMPDIR: TSX_CACHE } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : error.code;
        if (typeof code === 'number') resolve({ code, stdout, stderr });
        else reject(new Error(`allocate-from-csv did not run: ${error?.message}`));
      },
    );
  });
}
