/** Settings from the environment, as the book's config.py; `pnpm start` provides DATABASE_URL and REDIS_URL. */

export function getPostgresUri(env: NodeJS.ProcessEnv = process.env): string {
  if (!env.DATABASE_URL) throw new Error('set DATABASE_URL, or run `pnpm start`, which provides one');
  return env.DATABASE_URL;
}

export function getApiHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST || '127.0.0.1';
}

export function getApiPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.PORT || 5005); // fastify's listen() refuses what is not a TCP port
}

export function getRedisUri(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REDIS_URL || undefined;
}

export function getLogLevel(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL || 'info';
}

export function getSmtpUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SMTP_URL || undefined;
}

/** How many API processes share its port (see api-workers.ts); 1, the default, forks none. */
export function getApiWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const workers = Number(env.API_WORKERS || 1);
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`API_WORKERS must be a whole number of at least 1, not ${env.API_WORKERS}`);
  return workers;
}
