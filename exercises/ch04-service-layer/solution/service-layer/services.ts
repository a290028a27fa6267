import * as model from 'ch04-service-layer/src/domain/model';
import type { OrderLine } from 'ch04-service-layer/src/domain/model';
import type { AbstractRepository } from 'ch04-service-layer/src/adapters/repository';

export class InvalidSku extends Error {
  override name = 'InvalidSku';
}

/** What the services need of the book's session: committing the work. */
export interface Session {
  commit(): Promise<void>;
}

function isValidSku(sku: string, batches: readonly model.Batch[]): boolean {
  return batches.some((batch) => batch.sku === sku);
}

export async function allocate(line: OrderLine, repo: AbstractRepository, session: Session): Promise<string> {
  const batches = await repo.list();
  if (!isValidSku(line.sku, batches)) throw new InvalidSku(`Invalid sku ${line.sku}`);
  const batchref = model.allocate(line, batches);
  await session.commit();
  return batchref;
}

/** A new batch of stock (chapter 5 brings this service too). */
export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: model.IsoDate | null,
  repo: AbstractRepository,
  session: Session,
): Promise<void> {
  await repo.add(new model.Batch(ref, sku, qty, eta));
  await session.commit();
}

/**
 * Takes an order's line of this sku off the batch that holds it. A line that no batch holds is left
 * as it is: deallocating twice is the same as once, as `Batch.deallocate` is.
 */
export async function deallocate(
  orderid: string,
  sku: string,
  repo: AbstractRepository,
  session: Session,
): Promise<void> {
  const batches = await repo.list();
  if (!isValidSku(sku, batches)) throw new InvalidSku(`Invalid sku ${sku}`);
  for (const batch of batches)
    for (const line of [...batch._allocations])
      if (line.orderid === orderid && line.sku === sku) batch.deallocate(line);
  await session.commit();
}
