#!/usr/bin/env node
// The book's `bin/allocate-from-csv`: register tsx (as `node --import tsx` does), then run the
// TypeScript entrypoint from source and exit with the code it returns.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

registerCommonJs();
register();
const { main } = await import('../src/entrypoints/allocate-from-csv.ts');
process.exitCode = await main(process.argv.slice(2));
