import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvFolder {
  readonly path: string;
  /** The book's `make_csv` fixture: writes `lines` (header first) to `filename` in the folder. */
  makeCsv(filename: string, lines: readonly (readonly (string | number)[])[]): Promise<string>;
  /** The rows of a CSV file in the folder, header first, every value a string (the book's `csv.reader`). */
  readCsv(filename: string): Promise<string[][]>;
}

/** Gives each test of the calling file a temporary folder of its own, removed afterwards. */
export function useCsvFolder(): CsvFolder {
  let path: string | undefined;

  beforeEach(async () => {
    path = await mkdtemp(join(tmpdir(), 'appendix-csvs-'));
  });

  afterEach(async () => {
    if (path !== undefined) await rm(path, { recursive: true, force: true });
    path = undefined;
  });

  const folder: CsvFolder = {
    get path() {
      if (path === undefined) throw new Error('the CSV folder is made in beforeEach');
      return path;
    },
    async makeCsv(filename, lines) {
      const file = join(folder.path, filename);
      await writeFile(file, stringify(lines.map((line) => [...line])));
      return file;
    },
    async readCsv(filename) {
      return parse(await readFile(join(folder.path, filename), 'utf8'));
    },
  };
  return folder;
}
