/** Stops what global-setup started; a URL from the environment is left alone. */
export default async function globalTeardown(): Promise<void> {
  const postgres = globalThis.sharedTestPostgres;
  if (!postgres) return;
  globalThis.sharedTestPostgres = undefined;
  if (postgres.origin !== 'environment') delete process.env.DATABASE_URL;
  await postgres.stop();
}
