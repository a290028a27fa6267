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
