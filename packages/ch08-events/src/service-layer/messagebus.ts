import * as email from '../adapters/email';
import * as events from '../domain/events';

export type Handler<E extends events.Event> = (event: E) => void | Promise<void>;
export type Class<T> = abstract new (...args: never[]) => T;

export async function handle(event: events.Event): Promise<void> {
  const handlers = HANDLERS.get(event.constructor as Class<events.Event>);
  if (handlers === undefined) throw new Error(`no handlers for ${event.constructor.name}`);
  for (const handler of handlers) await handler(event);
}

export function sendOutOfStockNotification(event: events.OutOfStock): void {
  email.sendMail('stock@made.com', `Out of stock for ${event.sku}`);
}

/** One entry of the handler table; a handler registered for the wrong event does not compile. */
export const on = <E extends events.Event>(
  type: Class<E>,
  ...handlers: Handler<E>[]
): [Class<events.Event>, Handler<events.Event>[]] =>
  // sound: the bus looks handlers up by the event's own class, so each gets only the kind it was registered for
  [type, handlers as Handler<events.Event>[]];

export const HANDLERS: ReadonlyMap<Class<events.Event>, Handler<events.Event>[]> = new Map([
  on(events.OutOfStock, sendOutOfStockNotification),
]);
