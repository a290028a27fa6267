import { Command } from 'ch13-di/src/domain/commands';
import { Event } from 'ch13-di/src/domain/events';

/** The customer cancels an order's line of a sku: its stock is free again, and nobody reallocates it. */
export class CancelAllocation extends Command {
  constructor(
    readonly orderid: string,
    readonly sku: string,
  ) {
    super();
  }
}

/**
 * What happened when an allocation was cancelled. Not chapter 9's `Deallocated`: that one means "this
 * line lost its batch, find it another", and its handlers reallocate the line.
 */
export class AllocationCancelled extends Event {
  constructor(
    readonly orderid: string,
    readonly sku: string,
    readonly batchref: string,
  ) {
    super();
  }
}
