import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CsvError, type Info, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { IsoDate } from '../domain/model';

/** A file the command line cannot use, in one line that names the file and the line: `orders.csv line 3: …`. */
export class CsvFileError extends Error {
  override name = 'CsvFileError';

  constructor(file: string, line: number | null, problem: string) {
    super(`${file}${line === null ? '' : ` line ${line}`}: ${problem}`.replace(/\s+/g, ' '));
  }
}

/** Reads one field of a row, or calls `fail` with what is wrong with it. */
export type Field<T> = (value: string, fail: (problem: string) => never) => T;
type Fields = Record<string, Field<unknown>>;
export type CsvRow<F extends Fields> = { readonly [K in keyof F]: ReturnType<F[K]> } & { line: number };

export const text: Field<string> = (value, fail) => value || fail('must not be empty');

export const positiveInteger: Field<number> = (value, fail) =>
  /^\d+$/.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value))
    ? Number(value)
    : fail(`must be a positive integer, not ${JSON.stringify(value)}`);

/** A day the calendar has, `YYYY-MM-DD`; empty is null (stock in the warehouse, as the book's empty eta). */
export const calendarDayOrNull: Field<IsoDate | null> = (value, fail) => {
  if (value === '') return null;
  const isDay = !isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value;
  return isDay ? value : fail(`must be a calendar day YYYY-MM-DD or empty, not ${JSON.stringify(value)}`);
};

/**
 * The rows of a CSV file whose header names every key of `fields` (the book's `csv.DictReader`), each
 * value read by its field, with the line it ends on. None if the file is `optional` and absent.
 */
export function read<F extends Fields>(path: string, fields: F, { optional = false } = {}): CsvRow<F>[] {
  const file = basename(path);
  if (!existsSync(path) && optional) return [];
  if (!existsSync(path)) throw new CsvFileError(file, null, `no such file in ${dirname(path)}`);
  let width = 0;
  const columns = (header: string[]): string[] => {
    const missing = Object.keys(fields).find((name) => !header.includes(name));
    if (missing !== undefined) throw new CsvFileError(file, 1, `missing column "${missing}"`);
    width = header.length;
    return header;
  };
  const onRecord = (record: Record<string, string>, { lines }: Info) => {
    const row: Record<string, unknown> = { line: lines };
    for (const [name, field] of Object.entries(fields)) {
      row[name] = field(record[name] ?? '', (problem) => {
        throw new CsvFileError(file, lines, `${name} ${problem}`);
      });
    }
    return row;
  };
  try {
    const options = { bom: true, skip_empty_lines: true, columns, on_record: onRecord };
    return parse(readFileSync(path, 'utf8'), options) as unknown as CsvRow<F>[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { code, lines, record } = error;
    const short = code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && Array.isArray(record);
    const problem = short ? `${record.length} fields where the header has ${width}` : error.message;
    throw new CsvFileError(file, typeof lines === 'number' ? lines : null, problem);
  }
}

/** Writes the whole file or nothing: a temporary file beside it, renamed over it once complete. */
export async function writeAtomically(path: string, rows: unknown[][]): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, stringify(rows), { flag: 'wx' });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
