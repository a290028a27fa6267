#!/usr/bin/env node
// The launcher is TypeScript like the rest of the repo: register tsx (as `node --import tsx` does),
// then run it from source.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

registerCommonJs();
register();
await import('../src/launcher/main.ts');
