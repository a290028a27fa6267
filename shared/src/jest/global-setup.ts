import { startPostgres } from '../services/postgres';
import type { ProvidedService } from '../services/provider';

declare global {
  var sharedTestPostgres: ProvidedService | undefined;
}

/** Jest global setup of the integration and e2e tests: one PostgreSQL server for the run. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.sharedTestPostgres) return; // watch mode: the server is still up
  const postgres = await startPostgres();
  globalThis.sharedTestPostgres = postgres;
  process.env.DATABASE_URL = postgres.url; // workers start after this and inherit it
}
