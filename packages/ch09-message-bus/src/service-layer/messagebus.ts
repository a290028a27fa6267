import * as events from '../domain/events';
import * as handlers from './handlers';
import type { AbstractUnitOfWork } from './unit-of-work';

export type Handler<E extends events.Event> = (event: E, uow: AbstractUnitOfWork) => Promise<unknown>;
export type Class<T> = abstract new (...args: never[]) => T;

/** Handles an event and then every event raised while handling it, in order; returns what the handlers returned. */
export async function handle(event: events.Event, uow: AbstractUnitOfWork): Promise<unknown[]> {
  const results: unknown[] = [];
  const queue: events.Event[] = [event];
  while (queue.length > 0) {
    event = queue.shift()!;
    for (const handler of lookup(HANDLERS, event)) {
      results.push(await handler(event, uow));
      queue.push(...uow.collectNewEvents());
    }
  }
  return results;
}

function lookup<T>(table: ReadonlyMap<Class<events.Event>, T>, event: events.Event): T {
  const found = table.get(event.constructor as Class<events.Event>);
  if (found === undefined) throw new Error(`no handler for ${event.constructor.name}`);
  return found;
}

/** One entry of the handler table; a handler registered for the wrong event does not compile. */
export const on = <E extends events.Event>(
  type: Class<E>,
  ...eventHandlers: Handler<E>[]
): [Class<events.Event>, Handler<events.Event>[]] =>
  // sound: the bus looks handlers up by the event's own class, so each gets only the kind it was registered for
  [type, eventHandlers as Handler<events.Event>[]];

export const HANDLERS: ReadonlyMap<Class<events.Event>, Handler<events.Event>[]> = new Map([
  on(events.BatchCreated, handlers.addBatch),
  on(events.BatchQuantityChanged, handlers.changeBatchQuantity),
  on(events.AllocationRequired, handlers.allocate),
  on(events.OutOfStock, handlers.sendOutOfStockNotification),
]);
