import type { IsoDate } from './model';

export abstract class Command {
  declare private readonly commandBrand: void; // emits nothing; keeps events from passing as commands
}

export class Allocate extends Command {
  constructor(
    readonly orderid: string,
    readonly sku: string,
    readonly qty: number,
  ) {
    super();
  }
}

export class CreateBatch extends Command {
  constructor(
    readonly ref: string,
    readonly sku: string,
    readonly qty: number,
    readonly eta: IsoDate | null = null,
  ) {
    super();
  }
}

export class ChangeBatchQuantity extends Command {
  constructor(
    readonly ref: string,
    readonly qty: number,
  ) {
    super();
  }
}
