import { type AbstractNotifications, EmailNotifications, LogNotifications } from './adapters/notifications';
import { getSmtpUrl } from './config';
import type { Event } from './domain/events';
import {
  type Class,
  COMMAND_HANDLERS,
  type Dependencies,
  EVENT_HANDLERS,
  type Handler,
  type Message,
  TRANSACTION_HANDLERS,
} from './service-layer/handlers';
import { type InjectedHandler, MessageBus } from './service-layer/messagebus';
import type { AbstractUnitOfWork } from './service-layer/unit-of-work';

export interface BootstrapOptions<U extends AbstractUnitOfWork> {
  /** A unit of work needs a connected DataSource, so there is no default: server.ts makes one. */
  uow: U;
  /** Default: email to SMTP_URL when it is set, otherwise a log line. */
  notifications?: AbstractNotifications;
}

/**
 * The composition root: injects the dependencies into every handler and returns a message bus.
 * Entrypoints call it once with the real adapters; tests call it with fakes.
 */
export function bootstrap<U extends AbstractUnitOfWork>({
  uow,
  notifications = defaultNotifications(),
}: BootstrapOptions<U>): MessageBus<U> {
  const dependencies: Dependencies = { uow, notifications };
  const inject = (table: typeof EVENT_HANDLERS) =>
    new Map(
      [...table].map(
        ([eventType, eventHandlers]) =>
          [eventType, eventHandlers.map((handler) => injectDependencies(handler, dependencies))] as const,
      ),
    );
  const injectedEventHandlers = inject(EVENT_HANDLERS);
  const transactionHandlers = inject(TRANSACTION_HANDLERS);
  uow.inTransaction = async (event) => {
    for (const handler of transactionHandlers.get(event.constructor as Class<Event>) ?? [])
      await handler(event);
  };
  const injectedCommandHandlers = new Map(
    [...COMMAND_HANDLERS].map(
      ([commandType, handler]) => [commandType, injectDependencies(handler, dependencies)] as const,
    ),
  );
  return new MessageBus(uow, injectedEventHandlers, injectedCommandHandlers);
}

/**
 * The book picks each handler's dependencies by parameter name; TypeScript keeps no names at run
 * time, so every handler gets them all and destructures the ones it declares.
 */
export function injectDependencies<M extends Message>(
  handler: Handler<M>,
  dependencies: Dependencies,
): InjectedHandler<M> {
  const injected: InjectedHandler<M> = (message) => handler(message, dependencies);
  return Object.defineProperty(injected, 'name', { value: handler.name }); // for the logs
}

/** Email to SMTP_URL when it is set, otherwise a log line. */
export function defaultNotifications(): AbstractNotifications {
  const smtpUrl = getSmtpUrl();
  return smtpUrl === undefined ? new LogNotifications() : new EmailNotifications(smtpUrl);
}
