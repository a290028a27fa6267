import { join } from 'node:path';
import * as csv from '../adapters/csv-files';
import { AbstractRepository } from '../adapters/repository';
import { Batch, OrderLine } from '../domain/model';
import { AbstractUnitOfWork } from './unit-of-work';

const BATCH = { ref: csv.text, sku: csv.text, qty: csv.positiveInteger, eta: csv.calendarDayOrNull };
const ALLOCATION = { orderid: csv.text, sku: csv.text, qty: csv.positiveInteger, batchref: csv.text };

export class CsvRepository extends AbstractRepository {
  _batches = new Map<string, Batch>();

  constructor(folder: string) {
    super();
    this.load(folder);
  }

  async get(reference: string): Promise<Batch> {
    const batch = this._batches.get(reference);
    if (batch === undefined) throw new Error(`No batch ${reference}`);
    return batch;
  }

  async add(batch: Batch): Promise<void> {
    this._batches.set(batch.reference, batch);
  }

  /** Reads both files, checked: a bad row throws a `CsvFileError` naming its file and line. */
  private load(folder: string): void {
    for (const { line, ref, sku, qty, eta } of csv.read(join(folder, 'batches.csv'), BATCH)) {
      if (this._batches.has(ref)) throw new csv.CsvFileError('batches.csv', line, `duplicate ref "${ref}"`);
      this._batches.set(ref, new Batch(ref, sku, qty, eta));
    }
    const allocated = csv.read(join(folder, 'allocations.csv'), ALLOCATION, { optional: true });
    for (const { line, orderid, sku, qty, batchref } of allocated) {
      const batch = this._batches.get(batchref);
      if (batch?.sku !== sku) {
        const problem = batch
          ? `"${batchref}" is a batch of ${batch.sku}`
          : `no batch "${batchref}" in batches.csv`;
        throw new csv.CsvFileError('allocations.csv', line, problem);
      }
      const orderLine = new OrderLine(orderid, sku, qty);
      // straight into the batch's lines, as the book does: they were allocated before
      if (!batch.isAllocated(orderLine)) batch._allocations.push(orderLine);
    }
  }

  async list(): Promise<Batch[]> {
    return [...this._batches.values()];
  }
}

export class CsvUnitOfWork extends AbstractUnitOfWork {
  batches: CsvRepository;
  private committed: Map<string, Batch>;

  /** Commits write `commitTo`: the folder's allocations.csv, unless the caller wants a working copy. */
  constructor(
    folder: string,
    private readonly commitTo = join(folder, 'allocations.csv'),
  ) {
    super();
    this.batches = new CsvRepository(folder);
    this.committed = copyOf(this.batches._batches);
  }

  async commit(): Promise<void> {
    const rows = [['orderid', 'sku', 'qty', 'batchref']];
    for (const batch of await this.batches.list()) {
      for (const line of batch._allocations)
        rows.push([line.orderid, line.sku, `${line.qty}`, batch.reference]);
    }
    await csv.writeAtomically(this.commitTo, rows);
    this.committed = copyOf(this.batches._batches);
  }

  // The book's rollback does nothing, so a failed block's allocations linger; here the last commit comes back
  async rollback(): Promise<void> {
    this.batches._batches = copyOf(this.committed);
  }
}

function copyOf(batches: Map<string, Batch>): Map<string, Batch> {
  const copy = ({ reference, sku, _purchasedQuantity, eta, _allocations }: Batch) =>
    Object.assign(new Batch(reference, sku, _purchasedQuantity, eta), { _allocations: [..._allocations] });
  return new Map([...batches].map(([ref, batch]) => [ref, copy(batch)]));
}
