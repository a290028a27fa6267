/**
 * `cosmic-ts shared/src/with-postgres.ts <command…>`: runs the command with DATABASE_URL naming
 * one PostgreSQL server, started for it (unless DATABASE_URL is set already) and stopped when it ends.
 * The root `pnpm test` runs turbo this way, so every chapter's tests share one server (each test file
 * still gets a database of its own) instead of each package starting its own.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './services/postgres';
import { canProvideRedis, packagesNeedingRedis, redisMissing } from './services/preflight';
import { rememberContainerRuntime } from './services/provider';

async function main([command, ...args]: string[]): Promise<number> {
  if (command === undefined) throw new Error('usage: with-postgres <command> [arguments…]');
  // before anything starts: a missing Redis is told now, once, not after a minute of tests
  const needRedis = packagesNeedingRedis(join(__dirname, '..', '..'));
  if (needRedis.length > 0 && !(await canProvideRedis())) {
    console.error(redisMissing('pnpm test', needRedis));
    return 1;
  }
  await rememberContainerRuntime(); // asked once for the whole run, not by every test file
  const postgres = await startPostgres();
  try {
    // every node process of the run shares its compiled code, as eslint and tsc already do on their own
    const compileCache =
      process.env.NODE_COMPILE_CACHE ?? join(__dirname, '../../node_modules/.cache/node-compile-cache');
    const env = { ...process.env, DATABASE_URL: postgres.url, NODE_COMPILE_CACHE: compileCache };
    const child = spawn(command, args, { stdio: 'inherit', env });
    // Ctrl-C reaches the whole process group, the command included; SIGTERM may be meant for us alone
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return code ?? 128 + (signal === null ? 0 : constants.signals[signal]);
  } finally {
    await postgres.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
