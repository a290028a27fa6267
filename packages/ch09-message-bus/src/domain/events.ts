export abstract class Event {
  declare private readonly eventBrand: void; // emits nothing; keeps other classes from passing as events
}

export class BatchCreated extends Event {
  constructor(
    readonly ref: string,
    readonly sku: string,
    readonly qty: number,
    readonly eta: string | null = null, // model's IsoDate, 'YYYY-MM-DD' (importing it would be circular)
  ) {
    super();
  }
}

export class BatchQuantityChanged extends Event {
  constructor(
    readonly ref: string,
    readonly qty: number,
  ) {
    super();
  }
}

export class AllocationRequired extends Event {
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
