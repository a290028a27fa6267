import { Batch, Product } from '../domain/model';

type Row<T> = T & { id?: number };

/**
 * What identifies a product's stored state: its version, which every change to its batches'
 * quantities or allocations bumps, and the ids of its batches (adding a batch bumps nothing).
 */
export function stampOf(versionNumber: number, batchIds: readonly number[]): string {
  return `${versionNumber}:${[...batchIds].sort((a, b) => a - b).join(',')}`;
}

/**
 * The last committed state of the products this process has read or written, each with its stamp.
 * A repository loads a product from here when the database still holds the same stamp, rather than
 * loading again every line the product ever allocated: a product's load no longer grows with its
 * history. Copies go in and come out, so no unit of work sees another's changes.
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

  private readonly bySku = new Map<string, { stamp: string; product: Product }>();

  constructor(private readonly capacity = 10_000) {}

  /** A copy of the product, if what is kept has this stamp. */
  get(sku: string, stamp: string): Product | undefined {
    const kept = this.bySku.get(sku);
    if (kept?.stamp !== stamp) return undefined;
    this.bySku.delete(sku); // most recently used last: the first is the one to drop when full
    this.bySku.set(sku, kept);
    return copyOf(kept.product);
  }

  /** Keeps a copy of a product as it was just committed. */
  keep(product: Product): void {
    const ids = product.batches.map((batch) => (batch as Row<Batch>).id);
    if (ids.some((id) => id === undefined)) return; // not stored yet
    this.bySku.delete(product.sku);
    this.bySku.set(product.sku, {
      stamp: stampOf(product.versionNumber, ids as number[]),
      product: copyOf(product),
    });
    if (this.bySku.size > this.capacity) this.bySku.delete(this.bySku.keys().next().value!);
  }
}

/** A product, its batches and their lists of lines copied; the lines themselves are values, and shared. */
function copyOf(product: Product): Product {
  const batches = product.batches.map((batch) =>
    Object.assign(Object.create(Batch.prototype) as Batch, batch, { _allocations: [...batch._allocations] }),
  );
  return Object.assign(Object.create(Product.prototype) as Product, product, { batches, events: [] });
}
