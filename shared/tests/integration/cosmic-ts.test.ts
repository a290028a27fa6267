import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from '@jest/globals';

const COSMIC_TS = join(__dirname, '../../bin/ts.mjs');
const FORKS = join(__dirname, '../fixtures/forks.ts');

it('runs a TypeScript file with its own arguments, and a worker it forks loads TypeScript too', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [COSMIC_TS, FORKS, 'a', 'b']);
  expect(stdout.split('\n').sort()).toEqual(['', 'primary: a b', 'worker: a b']);
});
