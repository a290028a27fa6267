#!/usr/bin/env node
// The launcher is TypeScript like the rest of the repo: register tsx, then run it from source.
import './register-tsx.mjs';

await import('../src/launcher/main.ts');
