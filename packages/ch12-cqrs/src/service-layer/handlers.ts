import * as email from '../adapters/email';
import * as redisEventpublisher from '../adapters/redis-eventpublisher';
import * as commands from '../domain/commands';
import type * as events from '../domain/events';
import * as model from '../domain/model';
import { OrderLine } from '../domain/model';
import type { AbstractUnitOfWork } from './unit-of-work';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

export class InvalidBatchref extends Error {
  override name = 'InvalidBatchref';
}

export async function addBatch(cmd: commands.CreateBatch, uow: AbstractUnitOfWork): Promise<void> {
  await uow.run(async () => {
    let product = await uow.products.get(cmd.sku);
    if (product === null) {
      product = new model.Product(cmd.sku, []);
      await uow.products.add(product);
    }
    product.batches.push(new model.Batch(cmd.ref, cmd.sku, cmd.qty, cmd.eta));
    await uow.commit();
  });
}

export async function allocate(cmd: commands.Allocate, uow: AbstractUnitOfWork): Promise<void> {
  const line = new OrderLine(cmd.orderid, cmd.sku, cmd.qty);
  await uow.run(async () => {
    const product = await uow.products.get(line.sku);
    if (product === null) throw new InvalidSku(`Invalid sku ${line.sku}`);
    product.allocate(line);
    await uow.commit();
  });
}

/** The book queues an Allocate command on the product's events here; a direct call keeps both lists typed. */
export async function reallocate(event: events.Deallocated, uow: AbstractUnitOfWork): Promise<void> {
  await allocate(new commands.Allocate(event.orderid, event.sku, event.qty), uow);
}

export async function changeBatchQuantity(
  cmd: commands.ChangeBatchQuantity,
  uow: AbstractUnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    const product = await uow.products.getByBatchref(cmd.ref);
    if (product === null) throw new InvalidBatchref(`Invalid batchref ${cmd.ref}`);
    product.changeBatchQuantity(cmd.ref, cmd.qty);
    await uow.commit();
  });
}

export async function sendOutOfStockNotification(event: events.OutOfStock): Promise<void> {
  email.send('stock@made.com', `Out of stock for ${event.sku}`);
}

export async function publishAllocatedEvent(event: events.Allocated): Promise<void> {
  await redisEventpublisher.publish('line_allocated', event);
}

export async function addAllocationToReadModel(
  event: events.Allocated,
  uow: AbstractUnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    await uow.session.execute('INSERT INTO allocations_view (orderid, sku, batchref) VALUES ($1, $2, $3)', [
      event.orderid,
      event.sku,
      event.batchref,
    ]);
    await uow.commit();
  });
}

export async function removeAllocationFromReadModel(
  event: events.Deallocated,
  uow: AbstractUnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    await uow.session.execute('DELETE FROM allocations_view WHERE orderid = $1 AND sku = $2', [
      event.orderid,
      event.sku,
    ]);
    await uow.commit();
  });
}
