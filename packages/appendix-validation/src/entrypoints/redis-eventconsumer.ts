import pino from 'pino';
import { getLogLevel } from '../config';
import type { MessageBus } from '../service-layer/messagebus';
import { parseJson } from './message-parsing';
import * as schemas from './message-schemas';
import { subscribe, type Subscription } from './redis-subscription';

export const logger = pino({ name: 'redis-eventconsumer', level: getLogLevel() });

/** The book's `main()`: every message on `change_batch_quantity` becomes a command for a bus. */
export async function startConsumer(
  redisUrl: string,
  bus: () => MessageBus,
  { queueLimit = 100 } = {},
): Promise<Subscription> {
  const handle = (m: string) => handleChangeBatchQuantity(m, bus());
  const subscription = await subscribe(redisUrl, 'change_batch_quantity', handle, { logger, queueLimit });
  logger.info('Redis pubsub starting: listening on change_batch_quantity');
  return subscription;
}

export async function handleChangeBatchQuantity(m: string, bus: MessageBus): Promise<void> {
  logger.info({ data: m }, 'handling message');
  const cmd = schemas.ChangeBatchQuantity.fromJson(parseJson(m)); // as the API builds its commands
  await bus.handle(cmd);
}
