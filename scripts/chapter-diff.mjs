#!/usr/bin/env node
// pnpm chapter:diff <from> <to>: what one chapter package changed against another, in src/ and tests/.
// Chapter names may be shortened to a unique prefix: `pnpm chapter:diff ch06 ch08`; appendices too
// (`pnpm chapter:diff ch06 appendix-csvs`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const chapters = readdirSync(join(root, 'packages')).filter((name) =>
  /^(ch\d\d|appendix|beyond)-/.test(name),
);

function resolveChapter(name) {
  const matches = chapters.filter((chapter) => chapter === name || chapter.startsWith(name));
  if (matches.length === 1) return matches[0];
  console.error(
    `${matches.length ? 'Ambiguous' : 'Unknown'} chapter "${name}". Chapters here: ${chapters.join(', ')}`,
  );
  process.exit(2);
}

const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.length !== 2) {
  console.error('usage: pnpm chapter:diff <from-chapter> <to-chapter>   e.g. pnpm chapter:diff ch01 ch02');
  process.exit(2);
}
const [from, to] = args.map(resolveChapter);

for (const folder of ['src', 'tests']) {
  const a = join('packages', from, folder);
  const b = join('packages', to, folder);
  const paths = [a, b].map((path) => (existsSync(join(root, path)) ? path : '/dev/null'));
  // git diff --no-index works outside a repository too, and prints renames and new files readably
  const result = spawnSync('git', ['diff', '--no-index', '--find-renames', ...colour(), '--', ...paths], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`could not run git: ${result.error.message}`);
    process.exit(2);
  }
  if (result.status !== null && result.status > 1) process.exit(result.status);
}

function colour() {
  return process.stdout.isTTY ? ['--color=always'] : [];
}
