import * as model from 'ch06-unit-of-work/src/domain/model';
import { type IsoDate, OrderLine } from 'ch06-unit-of-work/src/domain/model';
import type { AbstractUnitOfWork } from './unit-of-work';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

function isValidSku(sku: string, batches: readonly model.Batch[]): boolean {
  return batches.some((batch) => batch.sku === sku);
}

export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: IsoDate | null,
  uow: AbstractUnitOfWork,
): Promise<void> {
  await uow.run(async () => {
    await uow.batches.add(new model.Batch(ref, sku, qty, eta));
    await uow.commit();
  });
}

export async function allocate(
  orderid: string,
  sku: string,
  qty: number,
  uow: AbstractUnitOfWork,
): Promise<string> {
  const line = new OrderLine(orderid, sku, qty);
  return uow.run(async () => {
    const batches = await uow.batches.list();
    if (!isValidSku(line.sku, batches)) throw new InvalidSku(`Invalid sku ${line.sku}`);
    const batchref = model.allocate(line, batches);
    await uow.commit();
    return batchref;
  });
}
