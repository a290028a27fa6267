import pino from 'pino';
import { isDuplicateMessage } from '../adapters/postgres-errors';
import { getLogLevel } from '../config';
import * as commands from '../domain/commands';
import type { MessageBus } from '../service-layer/messagebus';
import { ChangeBatchQuantityMessage } from './message-schemas';
import {
  type ConsumerGroup,
  type ConsumerGroupOptions,
  consumeGroup,
  parseMessage,
} from './redis-consumer-group';
import { alreadyHandled } from './inbox';

export const logger = pino({ name: 'redis-eventconsumer', level: getLogLevel() });

/** The book's `main()`: every message on the `change_batch_quantity` stream becomes a command for a bus. */
export async function startConsumer(
  redisUrl: string,
  bus: () => MessageBus,
  options: Omit<ConsumerGroupOptions, 'logger'> = {},
): Promise<ConsumerGroup> {
  const handle = (m: string | undefined, messageId: string) => handleChangeBatchQuantity(m, messageId, bus());
  const group = await consumeGroup(redisUrl, 'change_batch_quantity', handle, { logger, ...options });
  logger.info('Redis streams starting: reading change_batch_quantity');
  return group;
}

/** Handles the message once in effect: its id goes in the inbox in the transaction of its effect. */
export async function handleChangeBatchQuantity(
  m: string | undefined,
  messageId: string,
  bus: MessageBus,
): Promise<void> {
  logger.info({ data: m, messageId }, 'handling message');
  const data = parseMessage(ChangeBatchQuantityMessage, m);
  if (await alreadyHandled(messageId, bus.uow)) return logger.info({ messageId }, 'already handled');
  const cmd = new commands.ChangeBatchQuantity(data.batchref, data.qty);
  bus.uow.messageId = messageId;
  await bus.handle(cmd).catch((error: unknown) => {
    if (!isDuplicateMessage(error)) throw error; // else a delivery beside this one committed it first
    logger.info({ messageId }, 'already handled');
  });
}
