import * as model from '../domain/model';
import { type IsoDate, OrderLine } from '../domain/model';
import type { AbstractRepository } from '../adapters/repository';

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

export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: IsoDate | null,
  repo: AbstractRepository,
  session: Session,
): Promise<void> {
  await repo.add(new model.Batch(ref, sku, qty, eta));
  await session.commit();
}

export async function allocate(
  orderid: string,
  sku: string,
  qty: number,
  repo: AbstractRepository,
  session: Session,
): Promise<string> {
  const line = new OrderLine(orderid, sku, qty);
  const batches = await repo.list();
  if (!isValidSku(line.sku, batches)) throw new InvalidSku(`Invalid sku ${line.sku}`);
  const batchref = model.allocate(line, batches);
  await session.commit();
  return batchref;
}
