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
type Class<T> = abstract new (...args: never[]) => T;

/** Handles a message and then every event raised while handling it, in order. */
export async function handle(message: Message, uow: AbstractUnitOfWork): Promise<void> {
  const queue: Message[] = [message];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next instanceof events.Event) await handleEvent(next, queue, uow);
    else if (next instanceof commands.Command) await handleCommand(next, queue, uow);
    else throw new Error(`${String(next)} was not an Event or Command`);
  }
}

/** Every handler of an event runs; one that keeps failing is logged, and the others still run. */
async function handleEvent(event: events.Event, queue: Message[], uow: AbstractUnitOfWork): Promise<void> {
  for (const handler of lookup(EVENT_HANDLERS, event) as Handler<events.Event>[]) {
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
    const handler = lookup(COMMAND_HANDLERS, command) as Handler<commands.Command>;
    await handler(command, uow);
    queue.push(...uow.collectNewEvents());
  } catch (error) {
    logger.debug({ err: error, command: describe(command) }, 'Exception handling command');
    throw error;
  }
}

/** Chapter 10: try a failing event handler 3 times with exponential back-off before giving up. */
const EVENT_RETRY = { numOfAttempts: 3, startingDelay: 50, timeMultiple: 2, jitter: 'full' } as const;

function lookup<T>(table: ReadonlyMap<Class<Message>, T>, message: Message): T {
  const found = table.get(message.constructor as Class<Message>);
  if (found === undefined) throw new Error(`no handler for ${message.constructor.name}`);
  return found;
}

function describe(message: Message): string {
  return `${message.constructor.name}${JSON.stringify(message)}`;
}

/** One entry of a handler table; a handler registered for the wrong message does not compile. */
const on = <E extends events.Event>(type: Class<E>, ...eventHandlers: Handler<E>[]) =>
  [type, eventHandlers] as [Class<events.Event>, Handler<never>[]];

const when = <C extends commands.Command>(type: Class<C>, commandHandler: Handler<C>) =>
  [type, commandHandler] as [Class<commands.Command>, Handler<never>];

export const EVENT_HANDLERS: ReadonlyMap<Class<events.Event>, Handler<never>[]> = new Map([
  on(events.Allocated, handlers.publishAllocatedEvent, handlers.addAllocationToReadModel),
  on(events.Deallocated, handlers.removeAllocationFromReadModel, handlers.reallocate),
  on(events.OutOfStock, handlers.sendOutOfStockNotification),
]);

export const COMMAND_HANDLERS: ReadonlyMap<Class<commands.Command>, Handler<never>> = new Map([
  when(commands.Allocate, handlers.allocate),
  when(commands.CreateBatch, handlers.addBatch),
  when(commands.ChangeBatchQuantity, handlers.changeBatchQuantity),
]);
