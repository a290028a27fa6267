/** A calendar day, 'YYYY-MM-DD': sorts like the day it names and cannot drift across time zones. */
export type IsoDate = string;

export class OutOfStock extends Error {
  override name = 'OutOfStock';
}

/** The domain service: allocate a line to the best batch, preferring stock in the warehouse, then the earliest shipment. */
export function allocate(line: OrderLine, batches: readonly Batch[]): string {
  const batch = [...batches].sort(compareByEta).find((b) => b.canAllocate(line));
  if (batch === undefined) throw new OutOfStock(`Out of stock for sku ${line.sku}`);
  batch.allocate(line);
  return batch.reference;
}

/**
 * Chapter 7's aggregate, to write: the one entry to a sku's batches, in place of the allocate()
 * domain service above. Its version number is what stops two concurrent allocations (the advanced
 * challenge: tests/integration/concurrent-updates.test.ts).
 */
export class Product {
  constructor(
    readonly sku: string,
    public batches: Batch[],
    public versionNumber = 0,
  ) {}

  /** Allocates to the best batch and returns its reference; throws OutOfStock when no batch can take the line. */
  allocate(line: OrderLine): string {
    void line;
    throw new Error(
      'To do in src/domain/model.ts: Product.allocate(line): allocate to the best of its batches, as ' +
        'allocate() above does, return the reference, and count a new version (versionNumber + 1)',
    );
  }
}

/** A value object: two lines with the same orderid, sku and qty are the same line. */
export class OrderLine {
  constructor(
    readonly orderid: string,
    readonly sku: string,
    readonly qty: number,
  ) {}

  equals(other: OrderLine): boolean {
    return this.orderid === other.orderid && this.sku === other.sku && this.qty === other.qty;
  }
}

/** An entity: a batch is the same batch as long as its reference is the same. */
export class Batch {
  _purchasedQuantity: number;
  _allocations: OrderLine[] = []; // the book's set of lines; allocate() keeps it free of duplicates

  constructor(
    readonly reference: string,
    readonly sku: string,
    qty: number,
    readonly eta: IsoDate | null,
  ) {
    this._purchasedQuantity = qty;
  }

  equals(other: Batch): boolean {
    return other.reference === this.reference;
  }

  allocate(line: OrderLine): void {
    if (this.canAllocate(line) && !this.isAllocated(line)) this._allocations.push(line);
  }

  deallocate(line: OrderLine): void {
    const index = this._allocations.findIndex((allocated) => allocated.equals(line));
    if (index !== -1) this._allocations.splice(index, 1);
  }

  get allocatedQuantity(): number {
    return this._allocations.reduce((total, line) => total + line.qty, 0);
  }

  get availableQuantity(): number {
    return this._purchasedQuantity - this.allocatedQuantity;
  }

  canAllocate(line: OrderLine): boolean {
    return this.sku === line.sku && this.availableQuantity >= line.qty;
  }

  isAllocated(line: OrderLine): boolean {
    return this._allocations.some((allocated) => allocated.equals(line));
  }
}

/** The book's `Batch.__gt__`, as a sort comparator: warehouse stock (eta null) first, then the earliest eta. */
export function compareByEta(a: Batch, b: Batch): number {
  if (a.eta === b.eta) return 0;
  if (a.eta === null) return -1;
  if (b.eta === null) return 1;
  return a.eta < b.eta ? -1 : 1;
}
