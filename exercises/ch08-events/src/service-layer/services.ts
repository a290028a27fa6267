import * as model from 'ch08-events/src/domain/model';
import { type IsoDate, OrderLine } from 'ch08-events/src/domain/model';
import type { UnitOfWork } from './unit-of-work';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: IsoDate | null,
  uow: UnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    let product = await uow.products.get(sku);
    if (product === null) {
      product = new model.Product(sku, []);
      await uow.products.add(product);
    }
    product.batches.push(new model.Batch(ref, sku, qty, eta));
    await uow.commit();
  });
}

export async function allocate(
  orderid: string,
  sku: string,
  qty: number,
  uow: UnitOfWork,
): Promise<string | null> {
  const line = new OrderLine(orderid, sku, qty);
  return uow.run(async () => {
    const product = await uow.products.get(line.sku);
    if (product === null) throw new InvalidSku(`Invalid sku ${line.sku}`);
    const batchref = product.allocate(line);
    await uow.commit();
    return batchref;
  });
}
