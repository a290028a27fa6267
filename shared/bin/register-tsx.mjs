// Registers tsx (as `node --import tsx` does), with its transform cache under the repository's
// node_modules/.cache rather than in the system's temp directory, which nothing here leaves files in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const tsxCache = join(import.meta.dirname, '../../node_modules/.cache/tsx');
mkdirSync(tsxCache, { recursive: true });
const tmpdir = process.env.TMPDIR;
process.env.TMPDIR = tsxCache; // tsx takes its cache's place from the temp directory once, as it loads
const { register: registerCommonJs } = await import('tsx/cjs/api');
const { register } = await import('tsx/esm/api');
registerCommonJs();
register();
if (tmpdir === undefined) delete process.env.TMPDIR;
else process.env.TMPDIR = tmpdir;
