import { basename } from 'node:path';
import { startPostgres } from '../services/postgres';
import { canProvideRedis, needsRedis, redisMissing } from '../services/preflight';
import { rememberContainerRuntime, type ProvidedService } from '../services/provider';

declare global {
  var sharedTestPostgres: ProvidedService | undefined;
}

/** Jest global setup of the integration and e2e tests: one PostgreSQL server for the run. */
export default async function globalSetup(_: unknown, project: { rootDir: string }): Promise<void> {
  // a package whose tests need Redis learns at once that none can be had here, in one message
  if (needsRedis(project.rootDir) && !(await canProvideRedis())) {
    const message = redisMissing(`${basename(project.rootDir)}'s tests`, [basename(project.rootDir)]);
    throw Object.assign(new Error(message), { stack: message }); // the message says it all: no stack
  }
  await rememberContainerRuntime(); // the workers start after this: they need not ask again
  if (globalThis.sharedTestPostgres) return; // watch mode: the server is still up
  const postgres = await startPostgres();
  globalThis.sharedTestPostgres = postgres;
  process.env.DATABASE_URL = postgres.url; // workers start after this and inherit it
}
