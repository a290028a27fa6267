// pnpm --filter appendix-abstractions sync <source> <dest>: makes <dest> hold the same files as <source>.
import { resolve } from 'node:path';
import { sync } from './sync';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const [source, dest] = args;
if (args.length !== 2 || source === undefined || dest === undefined) {
  console.error('usage: pnpm --filter appendix-abstractions sync <source> <dest>');
  process.exit(2);
}

// pnpm runs the script in the package folder; INIT_CWD is the folder the command was typed in
const here = process.env.INIT_CWD ?? process.cwd();

sync(resolve(here, source), resolve(here, dest)).catch((error: unknown) => {
  console.error(`sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
