import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(__dirname, '../../bin/allocate-from-csv.mjs');

/** Runs the real `allocate-from-csv` command line in a process of its own (the book loads the script and calls main). */
export function runCliScript(folder: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, folder], (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number')
        reject(error); // it did not run at all
      else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}
