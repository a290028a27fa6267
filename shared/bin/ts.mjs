#!/usr/bin/env node
// `cosmic-ts <file.ts> [arguments…]`: runs a TypeScript file as `node --import tsx <file.ts>` does,
// leaving nothing in the system's temp directory (see register-tsx.mjs).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import './register-tsx.mjs';

const [file] = process.argv.splice(2, 1); // what follows are the file's own arguments
if (file === undefined) {
  console.error('usage: cosmic-ts <file.ts> [arguments…]');
  process.exit(2);
}
await import(pathToFileURL(resolve(file)).href);
