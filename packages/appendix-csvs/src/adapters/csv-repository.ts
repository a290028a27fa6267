import { join } from 'node:path';
import { Batch, type IsoDate, OrderLine } from '../domain/model';
import { AbstractRepository } from './repository';
import {
  CsvFileError,
  calendarDayOrNull,
  positiveInteger,
  readCsv,
  nonEmpty,
  writeCsvAtomically,
} from './csv-files';

export const BATCHES_CSV = 'batches.csv';
export const ALLOCATIONS_CSV = 'allocations.csv';

export interface BatchRow {
  readonly ref: string;
  readonly sku: string;
  readonly qty: number;
  readonly eta: IsoDate | null;
}

export interface AllocationRow {
  readonly orderid: string;
  readonly sku: string;
  readonly qty: number;
  readonly batchref: string;
}

/** What the CSV files hold: the batches, and the order lines allocated to them. */
export interface CsvState {
  readonly batches: readonly BatchRow[];
  readonly allocations: readonly AllocationRow[];
}

/** The batches of a folder's CSV files, in memory; the unit of work writes them back. */
export class CsvRepository extends AbstractRepository {
  private readonly batches = new Map<string, Batch>();

  constructor(state: CsvState) {
    super();
    for (const { ref, sku, qty, eta } of state.batches) this.batches.set(ref, new Batch(ref, sku, qty, eta));
    for (const { orderid, sku, qty, batchref } of state.allocations) {
      const [batch, line] = [this.batches.get(batchref), new OrderLine(orderid, sku, qty)];
      // straight into the batch's set of lines, as the book does: they were allocated before
      if (batch !== undefined && !batch.isAllocated(line)) batch._allocations.push(line);
    }
  }

  async add(batch: Batch): Promise<void> {
    this.batches.set(batch.reference, batch);
  }

  async get(reference: string): Promise<Batch> {
    const batch = this.batches.get(reference);
    if (batch === undefined) throw new Error(`No batch ${reference}`);
    return batch;
  }

  async list(): Promise<Batch[]> {
    return [...this.batches.values()];
  }

  /** The batches and allocations as they are now, to be written or rebuilt from. */
  state(): CsvState {
    const batches = [...this.batches.values()];
    return {
      batches: batches.map((b) => ({ ref: b.reference, sku: b.sku, qty: b._purchasedQuantity, eta: b.eta })),
      allocations: batches.flatMap((batch) =>
        batch._allocations.map(({ orderid, sku, qty }) => ({ orderid, sku, qty, batchref: batch.reference })),
      ),
    };
  }
}

/** Reads `batches.csv` and, if there is one, `allocations.csv`; a bad file throws a `CsvFileError`. */
export function readCsvState(folder: string): CsvState {
  const batches = readBatches(folder);
  return { batches, allocations: readAllocations(folder, batches) };
}

/** Writes `allocations.csv` (or `path`) whole or not at all, with the book's header. */
export async function writeAllocations(path: string, allocations: readonly AllocationRow[]): Promise<void> {
  await writeCsvAtomically(path, [
    ['orderid', 'sku', 'qty', 'batchref'],
    ...allocations.map(({ orderid, sku, qty, batchref }) => [orderid, sku, qty, batchref]),
  ]);
}

function readBatches(folder: string): BatchRow[] {
  const rows = readCsv(join(folder, BATCHES_CSV), ['ref', 'sku', 'qty', 'eta']);
  if (rows === null) throw new CsvFileError(BATCHES_CSV, null, `no such file in ${folder}`);
  const seen = new Set<string>();
  return rows.map((row) => {
    const ref = nonEmpty(row, 'ref');
    if (seen.has(ref)) throw new CsvFileError(row.file, row.line, `batch "${ref}" appears twice`);
    seen.add(ref);
    return {
      ref,
      sku: nonEmpty(row, 'sku'),
      qty: positiveInteger(row, 'qty'),
      eta: calendarDayOrNull(row, 'eta'),
    };
  });
}

function readAllocations(folder: string, batches: readonly BatchRow[]): AllocationRow[] {
  const rows = readCsv(join(folder, ALLOCATIONS_CSV), ['orderid', 'sku', 'qty', 'batchref']) ?? [];
  const skus = new Map(batches.map(({ ref, sku }) => [ref, sku]));
  return rows.map((row) => {
    const allocation = {
      orderid: nonEmpty(row, 'orderid'),
      sku: nonEmpty(row, 'sku'),
      qty: positiveInteger(row, 'qty'),
      batchref: nonEmpty(row, 'batchref'),
    };
    const batchSku = skus.get(allocation.batchref);
    if (batchSku === undefined) {
      throw new CsvFileError(row.file, row.line, `no batch "${allocation.batchref}" in ${BATCHES_CSV}`);
    }
    if (batchSku !== allocation.sku) {
      throw new CsvFileError(
        row.file,
        row.line,
        `sku "${allocation.sku}" is not the sku of ${allocation.batchref}`,
      );
    }
    return allocation;
  });
}
