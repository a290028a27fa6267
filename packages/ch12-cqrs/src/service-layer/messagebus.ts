import { backOff } from 'exponential-backoff';
import pino from 'pino';
import { getLogLevel } from '../config';
import * as commands from '../domain/commands';
import * as events from '../domain/events';
import * as handlers from './handlers';
import type { AbstractUnitOfWork } from './unit-of-work';

export const logger = pino({ name: 'messagebus', level: getLogLevel() });

export type Message = commands.Command | events.Event;
export type Handler<M extends Message> = (message: M, uow: AbstractUnitOfWork) => Promise<void>;
export type Class<T> = abstract new (...args: never[]) => T;

/** Handles a message and then every event raised while handling it, in order. */
export async function handle(message: Message, uow: AbstractUnitOfWork): Promise<void> {
  const queue: Message[] = [message];
  while (queue.length > 0) {
    message = queue.shift()!;
    if (message instanceof events.Event) await handleEvent(message, queue, uow);
    else if (message instanceof commands.Command) await handleCommand(message, queue, uow);
    else throw new Error(`${describe(message)} was not an Event or Command`);
  }
}

/** Every handler of an event runs; one that keeps failing is logged, and the others still run. */
async function handleEvent(event: events.Event, queue: Message[], uow: AbstractUnitOfWork): Promise<void> {
  for (const handler of lookup(EVENT_HANDLERS, event)) {
    try {
      logger.debug({ event: describe(event), handler: handler.name }, 'handling event');
      await backOff(() => handler(event, uow), EVENT_RETRY);
      queue.push(...uow.collectNewEvents());
    } catch (error) {
      logger.error({ err: error, event: describe(event), handler: handler.name }, 'Exception handling event');
    }
  }
}

/** A command has exactly one handler, and its failure is the caller's to see. */
async function handleCommand(
  command: commands.Command,
  queue: Message[],
  uow: AbstractUnitOfWork,
): Promise<void> {
  logger.debug({ command: describe(command) }, 'handling command');
  try {
    const handler = lookup(COMMAND_HANDLERS, command);
    await handler(command, uow);
    queue.push(...uow.collectNewEvents());
  } catch (error) {
    logger.error({ err: error, command: describe(command) }, 'Exception handling command');
    throw error;
  }
}

/** The book's chapter 10 (tenacity's `Retrying`): a failing event handler is tried 3 times, with exponential back-off. */
const EVENT_RETRY = { numOfAttempts: 3, startingDelay: 50, timeMultiple: 2, jitter: 'full' } as const;

function lookup<T>(table: ReadonlyMap<Class<Message>, T>, message: Message): T {
  const found = table.get(message.constructor as Class<Message>);
  if (found === undefined) throw new Error(`no handler for ${message.constructor.name}`);
  return found;
}

function describe(message: Message): string {
  return `${message.constructor.name}${JSON.stringify(message)}`;
}

// The casts are sound: the bus looks handlers up by the message's own class, so each gets only its kind.

/** One entry of the event handler table; a handler registered for the wrong event does not compile. */
export const on = <E extends events.Event>(
  type: Class<E>,
  ...eventHandlers: Handler<E>[]
): [Class<events.Event>, Handler<events.Event>[]] => [type, eventHandlers as Handler<events.Event>[]];

/** One entry of the command handler table; a handler registered for the wrong command does not compile. */
export const when = <C extends commands.Command>(
  type: Class<C>,
  commandHandler: Handler<C>,
): [Class<commands.Command>, Handler<commands.Command>] => [
  type,
  commandHandler as Handler<commands.Command>,
];

export const EVENT_HANDLERS: ReadonlyMap<Class<events.Event>, Handler<events.Event>[]> = new Map([
  on(events.Allocated, handlers.publishAllocatedEvent, handlers.addAllocationToReadModel),
  on(events.Deallocated, handlers.removeAllocationFromReadModel, handlers.reallocate),
  on(events.OutOfStock, handlers.sendOutOfStockNotification),
]);

export const COMMAND_HANDLERS: ReadonlyMap<Class<commands.Command>, Handler<commands.Command>> = new Map([
  when(commands.Allocate, handlers.allocate),
  when(commands.CreateBatch, handlers.addBatch),
  when(commands.ChangeBatchQuantity, handlers.changeBatchQuantity),
]);
