import * as events from './events';

/** A calendar day, 'YYYY-MM-DD': sorts like the day it names and cannot drift across time zones. */
export type IsoDate = string;

/** The aggregate: all changes to a sku's batches go through its product, whose version guards them. */
export class Product {
  events: events.Event[] = [];

  constructor(
    readonly sku: string,
    public batches: Batch[],
    public versionNumber = 0,
  ) {}

  /** Allocates to the best batch and returns its reference; when out of stock, records an event and returns null. */
  allocate(line: OrderLine): string | null {
    // the book would bump the version and, from chapter 11, announce an allocation that did not happen
    const holder = this.batches.find((b) => b.isAllocated(line));
    if (holder !== undefined) return holder.reference;
    const batch = [...this.batches].sort(compareByEta).find((b) => b.canAllocate(line));
    if (batch === undefined) {
      this.events.push(new events.OutOfStock(line.sku));
      return null;
    }
    batch.allocate(line);
    this.versionNumber += 1;
    this.events.push(new events.Allocated(line.orderid, line.sku, line.qty, batch.reference));
    return batch.reference;
  }

  /** Sets a batch's quantity, deallocating lines until what is allocated fits; each one is a Deallocated event. */
  changeBatchQuantity(ref: string, qty: number): void {
    const batch = this.batches.find((b) => b.reference === ref);
    if (batch === undefined) throw new Error(`Batch ${ref} is not a batch of sku ${this.sku}`);
    batch._purchasedQuantity = qty;
    this.versionNumber += 1; // not in the book: without it an allocation running alongside could over-allocate
    while (batch.availableQuantity < 0) {
      const line = batch.deallocateOne();
      this.events.push(new events.Deallocated(line.orderid, line.sku, line.qty));
    }
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

  deallocateOne(): OrderLine {
    const line = this._allocations.pop();
    if (line === undefined) throw new Error(`Batch ${this.reference} has no allocations to take back`);
    return line;
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
