import * as email from '../adapters/email';
import * as events from '../domain/events';

export type Handler<E extends events.Event> = (event: E) => void | Promise<void>;

type EventClass<E extends events.Event> = abstract new (...args: never[]) => E;

/** One entry of the handler table; a handler registered for the wrong event does not compile. */
const on = <E extends events.Event>(type: EventClass<E>, ...handlers: Handler<E>[]) =>
  [type, handlers] as [EventClass<events.Event>, Handler<never>[]];

export async function handle(event: events.Event): Promise<void> {
  const handlers = HANDLERS.get(event.constructor as EventClass<events.Event>);
  if (handlers === undefined) throw new Error(`no handlers for ${event.constructor.name}`);
  for (const handler of handlers as Handler<events.Event>[]) await handler(event);
}

export function sendOutOfStockNotification(event: events.OutOfStock): void {
  email.sendMail('stock@made.com', `Out of stock for ${event.sku}`);
}

export const HANDLERS = new Map([on(events.OutOfStock, sendOutOfStockNotification)]);
