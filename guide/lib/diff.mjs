// A package's step from the one it builds on: `git diff --no-index` of their src/ and tests/, as
// `pnpm chapter:diff` prints it, with paths relative to the package so that files read as changed, not renamed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative as relativePath } from 'node:path';
import { ROOT } from './packages.mjs';

const HEADER = /^(diff --git |--- |\+\+\+ |rename from |rename to |copy from |copy to )/;

export function stepDiff(from, to) {
  const parts = [];
  for (const folder of ['src', 'tests']) {
    const [a, b] = [from, to].map((dir) =>
      dir !== undefined && existsSync(join(ROOT, dir, folder)) ? join(dir, folder) : undefined,
    );
    if (b === undefined) continue;
    if (a !== undefined) parts.push(relative(gitDiff(a, b), [from, to]));
    // a package that starts afresh: each of its files as new (git diff compares a file, not a folder, with /dev/null)
    else for (const file of filesIn(b)) parts.push(relative(gitDiff('/dev/null', file), [to]));
  }
  return parts.join('');
}

function gitDiff(a, b) {
  const result = spawnSync('git', ['diff', '--no-index', '--find-renames', '--no-color', '--', a, b], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`git diff ${a} ${b}: ${result.stderr}`);
  return result.stdout;
}

function filesIn(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relativePath(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** `a/packages/ch06-unit-of-work/src/x.ts` and `b/packages/ch07-aggregate/src/x.ts` both become `src/x.ts`. */
function relative(diff, dirs) {
  const prefixes = dirs.filter((dir) => dir !== undefined).map((dir) => `${dir}/`);
  return diff
    .split('\n')
    .map((line) =>
      HEADER.test(line) ? prefixes.reduce((text, prefix) => text.replaceAll(prefix, ''), line) : line,
    )
    .join('\n');
}
