import pino from 'pino';
import type { DataSource } from 'typeorm';
import { getLogLevel } from '../config';
import * as commands from '../domain/commands';
import * as messagebus from '../service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../service-layer/unit-of-work';
import { ChangeBatchQuantityMessage } from './message-schemas';
import { parseMessage, subscribe, type Subscription } from './redis-subscription';

export const logger = pino({ name: 'redis-eventconsumer', level: getLogLevel() });

/** The book's `main()`: every message on `change_batch_quantity` becomes a command for the bus. */
export async function startConsumer(
  redisUrl: string,
  dataSource: DataSource,
  { queueLimit = 100 } = {},
): Promise<Subscription> {
  const handle = (m: string) => handleChangeBatchQuantity(m, dataSource);
  const subscription = await subscribe(redisUrl, 'change_batch_quantity', handle, { logger, queueLimit });
  logger.info('Redis pubsub starting: listening on change_batch_quantity');
  return subscription;
}

export async function handleChangeBatchQuantity(m: string, dataSource: DataSource): Promise<void> {
  logger.info({ data: m }, 'handling message');
  const data = parseMessage(ChangeBatchQuantityMessage, m);
  const cmd = new commands.ChangeBatchQuantity(data.batchref, data.qty);
  await messagebus.handle(cmd, new TypeOrmUnitOfWork(dataSource));
}
