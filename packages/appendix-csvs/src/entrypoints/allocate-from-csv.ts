import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CsvFileError, nonEmpty, positiveInteger, readCsv } from '../adapters/csv-files';
import { ALLOCATIONS_CSV } from '../adapters/csv-repository';
import { OutOfStock } from '../domain/model';
import { CsvUnitOfWork } from '../service-layer/csv-uow';
import * as services from '../service-layer/services';

const ORDERS_CSV = 'orders.csv';

interface Order {
  readonly line: number;
  readonly orderid: string;
  readonly sku: string;
  readonly qty: number;
}

/**
 * The book's `main(folder)`: allocates every line of `orders.csv` against `batches.csv` and the
 * allocations already in `allocations.csv`, and writes them all to `allocations.csv`. All or nothing:
 * the unit of work commits to a working copy, renamed over `allocations.csv` once every order is allocated.
 */
export async function allocateFromCsv(folder: string): Promise<void> {
  const orders = readOrders(folder);
  const workingCopy = join(folder, `.${ALLOCATIONS_CSV}.${randomBytes(6).toString('hex')}.working`);
  try {
    const uow = new CsvUnitOfWork(folder, workingCopy);
    for (const order of orders) await allocate(order, uow);
    if (orders.length > 0) await rename(workingCopy, join(folder, ALLOCATIONS_CSV));
  } finally {
    await rm(workingCopy, { force: true });
  }
}

/** Runs the command line; the exit code it returns is 0, 1 for a bad file, or 2 for bad usage. */
export async function main(args: readonly string[]): Promise<number> {
  const [folder, ...rest] = args;
  if (folder === undefined || rest.length > 0) {
    console.error('usage: allocate-from-csv <folder holding batches.csv and orders.csv>');
    return 2;
  }
  try {
    // pnpm runs a package's scripts in the package's folder; INIT_CWD is where the command was typed
    await allocateFromCsv(resolve(process.env.INIT_CWD ?? process.cwd(), folder));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

async function allocate(order: Order, uow: CsvUnitOfWork): Promise<void> {
  try {
    await services.allocate(order.orderid, order.sku, order.qty, uow);
  } catch (error) {
    if (error instanceof services.InvalidSku || error instanceof OutOfStock) {
      throw new CsvFileError(ORDERS_CSV, order.line, error.message);
    }
    throw error;
  }
}

/** Every order first, so that a malformed line fails before anything is allocated. */
function readOrders(folder: string): Order[] {
  const rows = readCsv(join(folder, ORDERS_CSV), ['orderid', 'sku', 'qty']);
  if (rows === null) throw new CsvFileError(ORDERS_CSV, null, `no such file in ${folder}`);
  return rows.map((row) => ({
    line: row.line,
    orderid: nonEmpty(row, 'orderid'),
    sku: nonEmpty(row, 'sku'),
    qty: positiveInteger(row, 'qty'),
  }));
}
