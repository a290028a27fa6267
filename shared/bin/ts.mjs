#!/usr/bin/env node
// `cosmic-ts <file.ts> [arguments…]`: runs a TypeScript file as `node --import tsx <file.ts>` does,
// leaving nothing in the system's temp directory (see register-tsx.mjs).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import './register-tsx.mjs';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: cosmic-ts <file.ts> [arguments…]');
  process.exit(2);
}
// as `node --import tsx` leaves them: the file is argv[1], and processes it forks (node:cluster) load tsx too
process.argv.splice(1, 2, resolve(file));
process.execArgv.push('--import', pathToFileURL(join(import.meta.dirname, 'register-tsx.mjs')).href);
await import(pathToFileURL(resolve(file)).href);
