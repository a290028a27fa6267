// How many tests a package has: its it() and test() calls (an it.each table counts once).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './packages.mjs';

const CALL = /^\s*(?:it|test)(?:\.each\b[\s\S]*?\))?\s*\(/gm;

export function testCount(pkg) {
  const dir = join(ROOT, pkg.dir, 'tests');
  if (!existsSync(dir)) return 0;
  let count = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && /\.test\.ts$/.test(e.name),
  )) {
    count += readFileSync(join(entry.parentPath, entry.name), 'utf8').match(CALL)?.length ?? 0;
  }
  return count;
}
