import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { containerRuntimeAvailable } from './provider';

/** A package's tests that need Redis say so in its package.json: `"cosmic": { "needs": ["redis"] }`. */
export function needsRedis(packageDir: string): boolean {
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return false;
  const { name, cosmic } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    name?: string;
    cosmic?: { needs?: string[] };
  };
  return name !== undefined && (cosmic?.needs ?? []).includes('redis');
}

/** The packages of a checkout (a sparse one holds some only) whose tests need Redis, by name. */
export function packagesNeedingRedis(root: string): string[] {
  const dirs = ['shared', ...readdirSync(join(root, 'packages')).map((name) => join('packages', name))];
  return dirs.filter((dir) => needsRedis(join(root, dir))).map((dir) => dir.replace(/^packages\//, ''));
}

/** Whether an executable of this name is on PATH. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Whether the test helpers can provide a Redis here (REDIS_URL, a container runtime, or a
 * redis-server on PATH), checked in milliseconds, before any test waits for one.
 */
export async function canProvideRedis(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return Boolean(env.REDIS_URL) || onPath('redis-server', env) || (await containerRuntimeAvailable());
}

/** The one message for a run that needs Redis where none can be provided. */
export function redisMissing(run: string, packages: readonly string[]): string {
  return [
    `${run}: Redis is needed, and none can be provided here (no REDIS_URL, no Docker engine, no redis-server on PATH).`,
    `  The tests that need it: ${packages.join(', ')}; the other packages' tests run without it.`,
    '  Install one:  Debian/Ubuntu: sudo apt-get install redis-server    macOS: brew install redis',
    '  Or set REDIS_URL to a Redis server, or start a Docker engine (testcontainers runs redis:7-alpine).',
  ].join('\n');
}
