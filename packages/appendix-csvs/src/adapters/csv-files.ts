import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** One data row of a CSV file: its values by column name, and the line it ends on, for error messages. */
export interface CsvRow {
  readonly file: string;
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * The rows of a CSV file with a header line holding at least `columns` (the book's `csv.DictReader`),
 * or null when there is no such file. A malformed file throws a `CsvFileError`.
 */
export function readCsv(path: string, columns: readonly string[]): CsvRow[] | null {
  const file = basename(path);
  const content = readIfExists(path);
  if (content === null) return null;
  const [header, ...records] = parseRecords(file, content);
  const missing = columns.filter((column) => !header?.fields.includes(column));
  if (header === undefined || missing.length > 0) {
    throw new CsvFileError(file, 1, `missing column${missing.length > 1 ? 's' : ''} ${quoteAll(missing)}`);
  }
  return records.map(({ line, fields }) => {
    if (fields.length !== header.fields.length) {
      throw new CsvFileError(
        file,
        line,
        `${fields.length} fields where the header has ${header.fields.length}`,
      );
    }
    return {
      file,
      line,
      values: Object.fromEntries(header.fields.map((name, i) => [name, fields[i] ?? ''])),
    };
  });
}

export function nonEmpty(row: CsvRow, column: string): string {
  const value = row.values[column] ?? '';
  if (value === '') throw new CsvFileError(row.file, row.line, `${column} must not be empty`);
  return value;
}

export function positiveInteger(row: CsvRow, column: string): number {
  const value = row.values[column] ?? '';
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || !Number.isSafeInteger(number)) {
    throw new CsvFileError(row.file, row.line, `${column} must be a positive integer, not "${value}"`);
  }
  return number;
}

/** A calendar day `YYYY-MM-DD`, or null for an empty value (stock in the warehouse, as the book's empty eta). */
export function calendarDayOrNull(row: CsvRow, column: string): IsoDate | null {
  const value = row.values[column] ?? '';
  if (value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (day === null || day.toISOString().slice(0, 10) !== value) {
    throw new CsvFileError(
      row.file,
      row.line,
      `${column} must be a calendar day YYYY-MM-DD or empty, not "${value}"`,
    );
  }
  return value;
}

/** Writes the whole file or nothing: a temporary file beside it, renamed over it once complete. */
export async function writeCsvAtomically(path: string, rows: readonly (readonly unknown[])[]): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, stringify(rows.map((row) => [...row])), { flag: 'wx' });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseRecords(file: string, content: string): { line: number; fields: string[] }[] {
  try {
    const options = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true };
    // csv-parse's typings do not model `info: true`, which wraps each record with where it was read
    const records = parse(content, options) as unknown as { info: Info; record: string[] }[];
    return records.map(({ info, record }) => ({ line: info.lines, fields: record }));
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CsvFileError(file, typeof error.lines === 'number' ? error.lines : null, error.message);
    }
    throw error;
  }
}

function quoteAll(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
