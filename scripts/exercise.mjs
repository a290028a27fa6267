#!/usr/bin/env node
// `pnpm exercise <chapter>`: runs that exercise's tests against your work in exercises/<name>/src, in
// watch mode (once when CI is set). `pnpm exercise <chapter> --solution` prints the diff from the reader's
// files (the starting point, until they change it) to the reference solution; `... --solution | git apply`
// applies it. `pnpm exercise` lists them.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const exercisesDir = join(root, 'exercises');
let scratchDir; // where --solution puts a chapter file as it reads in the exercise
const names = readdirSync(exercisesDir).filter((name) =>
  existsSync(join(exercisesDir, name, 'package.json')),
);
const readPackage = (name) => JSON.parse(readFileSync(join(exercisesDir, name, 'package.json'), 'utf8'));

const args = process.argv.slice(2);
const wanted = args.find((arg) => !arg.startsWith('-'));
const matches =
  wanted === undefined ? [] : names.filter((name) => name === wanted || name.startsWith(wanted));

if (matches.length !== 1) {
  if (wanted !== undefined) console.error(`No single exercise is called "${wanted}".`);
  console.error('Pick one: pnpm exercise <chapter>   (the tests, in watch mode)');
  console.error('          pnpm exercise <chapter> --solution   (the reference solution, as a diff)\n');
  for (const name of names) console.error(`  ${name.padEnd(28)} ${readPackage(name).description}`);
  process.exit(wanted === undefined ? 0 : 1);
}

const [name] = matches;
const dir = join(exercisesDir, name);
const { exercise } = readPackage(name);
const rel = (path) => relative(root, resolve(dir, path));

if (args.includes('--solution')) {
  // one git diff per file, naming the starting point's path on both sides, so `git apply` applies it there
  for (const [start, solution] of exercise.diff ?? [['src', exercise.solution]]) {
    for (const file of filesUnder(resolve(dir, start), resolve(dir, solution))) {
      const [from, to] = [join(rel(start), file), join(rel(solution), file)];
      if (!existsSync(join(root, to))) continue; // the solution keeps the starting point's file as it is
      const a = existsSync(join(root, from)) ? from : '/dev/null';
      const b = existsSync(join(root, to)) ? asInExercise(to, from) : '/dev/null';
      const { stdout } = spawnSync('git', ['diff', '--no-index', '--no-color', '--', a, b], {
        cwd: root,
        encoding: 'utf8',
      });
      process.stdout.write(stdout.replaceAll(`b/${b.replace(/^\//, '')}`, `b/${from}`));
    }
  }
  process.exit(0);
}

process.stdout.write(
  `${name}: ${readPackage(name).description}\n` +
    `The task: exercises/${name}/README.md (the book: ${exercise.book}).\n` +
    `Your work goes in exercises/${name}/src; the tests that say when you are done are in exercises/${name}/tests.\n\n`,
);
const jest = createRequire(join(root, 'package.json')).resolve('jest/bin/jest');
const watch = process.env.CI ? ['--ci'] : ['--watchAll'];
const run = spawnSync(process.execPath, [jest, ...watch], {
  cwd: dir,
  stdio: 'inherit',
  env: { ...process.env, EXERCISE: 'start' },
});
if (run.status !== 0 && process.env.CI)
  console.error(
    `\nNot done yet: each failure above says what to write next. See exercises/${name}/README.md.`,
  );
process.exit(run.status ?? 1);

/**
 * A chapter's file as it reads in the exercise (a temporary copy): its relative imports of chapter
 * files the exercise has no copy of become imports from the chapter's package, as the starting
 * point's are. An exercise's own solution files are taken as they are.
 */
function asInExercise(solutionFile, startFile) {
  const chapter = solutionFile.match(/^packages\/([^/]+)\//)?.[1];
  if (chapter === undefined) return solutionFile;
  const importPath = /(from ')(\.\.?\/[^']*)(')/g;
  const text = readFileSync(join(root, solutionFile), 'utf8').replace(
    importPath,
    (all, open, path, close) => {
      const inExercise = resolve(dirname(join(root, startFile)), path);
      if (existsSync(`${inExercise}.ts`) || existsSync(inExercise)) return all;
      const target = relative(
        join(root, 'packages', chapter),
        resolve(dirname(join(root, solutionFile)), path),
      );
      return `${open}${chapter}/${target}${close}`;
    },
  );
  const copy = join(scratch(), solutionFile);
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, text);
  return copy;
}

function scratch() {
  if (scratchDir === undefined) {
    scratchDir = mkdtempSync(join(tmpdir(), 'exercise-solution-'));
    process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));
  }
  return scratchDir;
}

/** The files under either path, relative to it (a file pair when both are files). */
function filesUnder(...paths) {
  const files = new Set();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    if (statSync(path).isFile()) return [''];
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) files.add(relative(path, join(entry.parentPath, entry.name)));
  }
  return [...files].sort();
}
