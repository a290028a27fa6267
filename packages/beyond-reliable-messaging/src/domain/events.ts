export abstract class Event {
  declare private readonly eventBrand: void; // emits nothing; keeps other classes from passing as events
}

export class Allocated extends Event {
  constructor(
    readonly orderid: string,
    readonly sku: string,
    readonly qty: number,
    readonly batchref: string,
  ) {
    super();
  }
}

export class Deallocated extends Event {
  constructor(
    readonly orderid: string,
    readonly sku: string,
    readonly qty: number,
  ) {
    super();
  }
}

export class OutOfStock extends Event {
  constructor(readonly sku: string) {
    super();
  }
}
