export abstract class Event {
  declare private readonly eventBrand: void; // emits nothing; keeps other classes from passing as events
}

export class OutOfStock extends Event {
  constructor(readonly sku: string) {
    super();
  }
}
