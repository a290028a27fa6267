/**
 * `pnpm bench:table`: the table of BENCHMARKS.md, from the `benchmarks/<package>.json` files that
 * `pnpm bench <package>` writes, one row per package in the book's order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './chapters';
import type { BenchResults } from './results-file';
import { tableOf } from './results-table';

/** The book's order: chapters by number, then appendices, then what goes beyond the book. */
const rank = (name: string): string =>
  name.startsWith('ch') ? `0${name}` : name.startsWith('appendix-') ? `1${name}` : `2${name}`;

async function main(): Promise<void> {
  const folder = process.env.BENCH_RESULTS ?? join(REPOSITORY_ROOT, 'benchmarks');
  const files = (await readdir(folder).catch(() => [])).filter((file) => file.endsWith('.json'));
  if (files.length === 0) {
    console.error(`no results in ${folder}: run pnpm bench <package> first`);
    process.exitCode = 1;
    return;
  }
  const all = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(folder, file), 'utf8')) as BenchResults),
  );
  all.sort((a, b) => rank(a.package).localeCompare(rank(b.package)));
  process.stdout.write(`${tableOf(all)}\n`);
}

void main();
