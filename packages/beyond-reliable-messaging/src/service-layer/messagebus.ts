import { backOff } from 'exponential-backoff';
import pino from 'pino';
import { getLogLevel } from '../config';
import * as commands from '../domain/commands';
import * as events from '../domain/events';
import type { Class, Message } from './handlers';
import type { AbstractUnitOfWork } from './unit-of-work';

export const logger = pino({ name: 'messagebus', level: getLogLevel() });

/** A handler with its dependencies injected: all it still needs is the message. */
export type InjectedHandler<M extends Message> = (message: M) => Promise<void>;

export class MessageBus<U extends AbstractUnitOfWork = AbstractUnitOfWork> {
  constructor(
    readonly uow: U,
    private readonly eventHandlers: ReadonlyMap<Class<events.Event>, InjectedHandler<events.Event>[]>,
    private readonly commandHandlers: ReadonlyMap<Class<commands.Command>, InjectedHandler<commands.Command>>,
  ) {}

  /** Handles a message and then every event raised while handling it, in order. */
  async handle(message: Message): Promise<void> {
    const queue: Message[] = [message];
    while (queue.length > 0) {
      message = queue.shift()!;
      if (message instanceof events.Event) await this.handleEvent(message, queue);
      else if (message instanceof commands.Command) await this.handleCommand(message, queue);
      else throw new Error(`${describe(message)} was not an Event or Command`);
    }
  }

  /** Every handler of an event runs; one that keeps failing is logged, and the others still run. */
  private async handleEvent(event: events.Event, queue: Message[]): Promise<void> {
    for (const handler of lookup(this.eventHandlers, event)) {
      try {
        logger.debug({ event: describe(event), handler: handler.name }, 'handling event');
        await backOff(() => handler(event), EVENT_RETRY);
        queue.push(...this.uow.collectNewEvents());
      } catch (error) {
        logger.error(
          { err: error, event: describe(event), handler: handler.name },
          'Exception handling event',
        );
      }
    }
  }

  /** A command has exactly one handler, and its failure is the caller's to see. */
  private async handleCommand(command: commands.Command, queue: Message[]): Promise<void> {
    logger.debug({ command: describe(command) }, 'handling command');
    try {
      const handler = lookup(this.commandHandlers, command);
      await handler(command);
      queue.push(...this.uow.collectNewEvents());
    } catch (error) {
      logger.error({ err: error, command: describe(command) }, 'Exception handling command');
      throw error;
    }
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
