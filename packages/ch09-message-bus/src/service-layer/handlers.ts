import * as email from '../adapters/email';
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

export async function addBatch(event: events.BatchCreated, uow: AbstractUnitOfWork): Promise<void> {
  await uow.run(async () => {
    let product = await uow.products.get(event.sku);
    if (product === null) {
      product = new model.Product(event.sku, []);
      await uow.products.add(product);
    }
    product.batches.push(new model.Batch(event.ref, event.sku, event.qty, event.eta));
    await uow.commit();
  });
}

export async function allocate(
  event: events.AllocationRequired,
  uow: AbstractUnitOfWork,
): Promise<string | null> {
  const line = new OrderLine(event.orderid, event.sku, event.qty);
  return uow.run(async () => {
    const product = await uow.products.get(line.sku);
    if (product === null) throw new InvalidSku(`Invalid sku ${line.sku}`);
    const batchref = product.allocate(line);
    await uow.commit();
    return batchref;
  });
}

export async function changeBatchQuantity(
  event: events.BatchQuantityChanged,
  uow: AbstractUnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    const product = await uow.products.getByBatchref(event.ref);
    if (product === null) throw new InvalidBatchref(`Invalid batchref ${event.ref}`);
    product.changeBatchQuantity(event.ref, event.qty);
    await uow.commit();
  });
}

export async function sendOutOfStockNotification(event: events.OutOfStock): Promise<void> {
  email.send('stock@made.com', `Out of stock for ${event.sku}`);
}
