import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as csv from '../adapters/csv-files';
import { OutOfStock } from '../domain/model';
import { CsvUnitOfWork } from '../service-layer/csv-uow';
import * as services from '../service-layer/services';

const ORDER = { orderid: csv.text, sku: csv.text, qty: csv.positiveInteger };

/**
 * The book's `main(folder)`: allocates each line of orders.csv through the service layer. All or nothing:
 * orders.csv is read whole first, and the unit of work commits to a working copy that replaces
 * allocations.csv once every order is allocated.
 */
export async function allocateFromCsv(folder: string): Promise<void> {
  const orders = csv.read(join(folder, 'orders.csv'), ORDER);
  const workingCopy = join(folder, `.allocations.csv.${randomBytes(6).toString('hex')}.working`);
  try {
    const uow = new CsvUnitOfWork(folder, workingCopy);
    for (const { line, orderid, sku, qty } of orders) {
      await services.allocate(orderid, sku, qty, uow).catch((error: unknown) => {
        const refused = error instanceof services.InvalidSku || error instanceof OutOfStock;
        throw refused ? new csv.CsvFileError('orders.csv', line, error.message) : error;
      });
    }
    if (orders.length > 0) await rename(workingCopy, join(folder, 'allocations.csv'));
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
