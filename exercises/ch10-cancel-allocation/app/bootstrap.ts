import { type BootstrapOptions, injectDependencies } from 'ch13-di/src/bootstrap';
import { defaultNotifications } from 'ch13-di/src/bootstrap';
import { publish as redisPublish } from 'ch13-di/src/adapters/redis-eventpublisher';
import {
  COMMAND_HANDLERS,
  type Dependencies,
  EVENT_HANDLERS,
  on,
  when,
} from 'ch13-di/src/service-layer/handlers';
import { MessageBus } from 'ch13-di/src/service-layer/messagebus';
import type { AbstractUnitOfWork } from 'ch13-di/src/service-layer/unit-of-work';
import { AllocationCancelled, CancelAllocation } from './messages';
import { cancelAllocation, removeCancelledAllocationFromReadModel } from '../src/service-layer/handlers';

/** Chapter 13's handler tables, and this exercise's two handlers beside them. */
const COMMANDS = new Map([...COMMAND_HANDLERS, when(CancelAllocation, cancelAllocation)]);
const EVENTS = new Map([...EVENT_HANDLERS, on(AllocationCancelled, removeCancelledAllocationFromReadModel)]);

/** Chapter 13's composition root, over the larger tables. */
export function bootstrap<U extends AbstractUnitOfWork>({
  uow,
  notifications = defaultNotifications(),
  publish = redisPublish,
}: BootstrapOptions<U>): MessageBus<U> {
  const dependencies: Dependencies = { uow, notifications, publish };
  const eventHandlers = new Map(
    [...EVENTS].map(
      ([type, handlers]) => [type, handlers.map((h) => injectDependencies(h, dependencies))] as const,
    ),
  );
  const commandHandlers = new Map(
    [...COMMANDS].map(([type, handler]) => [type, injectDependencies(handler, dependencies)] as const),
  );
  return new MessageBus(uow, eventHandlers, commandHandlers);
}
