import { Batch, Product } from '../domain/model';
import type { Row } from './orm';

/**
 * What identifies a product's stored state: its version, which every change to its batches'
 * quantities or allocations bumps, and the ids of its batches (adding a batch bumps nothing).
 */
export interface Stamp {
  readonly versionNumber: number;
  /** In ascending order. */
  readonly batchIds: readonly number[];
}

/** The stamp of a stored product; none while one of its batches is not stored yet. */
export function stampOf(product: Product): Stamp | undefined {
  const ids = product.batches.map((batch) => (batch as Row<Batch>).id);
  if (ids.some((id) => id === undefined)) return undefined;
  return { versionNumber: product.versionNumber, batchIds: (ids as number[]).sort((a, b) => a - b) };
}

/**
 * The last committed state of the products this process has read or written. A repository starts
 * from here rather than loading again every line a product ever allocated, so a product's load no
 * longer grows with its history; it checks the product's stamp against the database before anything
 * is committed or answered from it. Copies go in and come out, so no unit of work sees another's changes.
 */
export class CommittedProducts {
  private static readonly ofDatabase = new WeakMap<object, CommittedProducts>();

  /** The one for a database (its DataSource): every unit of work on it in this process shares it. */
  static of(database: object): CommittedProducts {
    let committed = CommittedProducts.ofDatabase.get(database);
    if (committed === undefined)
      CommittedProducts.ofDatabase.set(database, (committed = new CommittedProducts()));
    return committed;
  }

  private readonly bySku = new Map<string, Product>();

  constructor(private readonly capacity = 10_000) {}

  /** A copy of the product as this process last committed it, if it kept one. */
  get(sku: string): Product | undefined {
    const kept = this.bySku.get(sku);
    if (kept === undefined) return undefined;
    this.bySku.delete(sku); // most recently used last: the first is the one to drop when full
    this.bySku.set(sku, kept);
    return copyOf(kept);
  }

  /** Keeps a copy of a product as it was just committed. */
  keep(product: Product): void {
    this.bySku.delete(product.sku);
    if (stampOf(product) === undefined) return; // not stored yet
    this.bySku.set(product.sku, copyOf(product));
    if (this.bySku.size > this.capacity) this.bySku.delete(this.bySku.keys().next().value!);
  }

  /**
   * Lets go of the product kept for `sku` if it is still the one with this stamp, which the database
   * no longer holds (one kept since, by a unit of work that committed after, stays).
   */
  forget(sku: string, stale: Stamp): void {
    const kept = this.bySku.get(sku);
    const stamp = kept && stampOf(kept);
    if (stamp?.versionNumber === stale.versionNumber && String(stamp.batchIds) === String(stale.batchIds))
      this.bySku.delete(sku);
  }
}

/** A product, its batches and their lists of lines copied; the lines themselves are values, and shared. */
function copyOf(product: Product): Product {
  const batches = product.batches.map((batch) =>
    Object.assign(Object.create(Batch.prototype) as Batch, batch, { _allocations: [...batch._allocations] }),
  );
  return Object.assign(Object.create(Product.prototype) as Product, product, { batches, events: [] });
}
