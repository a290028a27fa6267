import type { IsoDate } from '../domain/model';
import type { AbstractUnitOfWork } from './unit-of-work';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

// Chapter 7: the services go through the product of the sku. Chapter 6's versions listed every batch.

export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: IsoDate | null,
  uow: AbstractUnitOfWork,
): Promise<void> {
  void [ref, sku, qty, eta, uow];
  throw todo(
    'addBatch(): in uow.run, get the product of the sku from uow.products (or add a new Product when ' +
      'there is none), give it the new Batch, and commit',
  );
}

export async function allocate(
  orderid: string,
  sku: string,
  qty: number,
  uow: AbstractUnitOfWork,
): Promise<string> {
  void [orderid, sku, qty, uow];
  throw todo(
    'allocate(): in uow.run, get the product of the sku (InvalidSku "Invalid sku <sku>" when there is ' +
      'none), let it allocate the OrderLine, commit, and return the batch reference',
  );
}

function todo(what: string): Error {
  return new Error(`To do in src/service-layer/services.ts: ${what}`);
}
