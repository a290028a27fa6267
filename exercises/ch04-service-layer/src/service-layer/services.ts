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

/** The exercise, part 1: a new batch of stock. */
export async function addBatch(
  ref: string,
  sku: string,
  qty: number,
  eta: model.IsoDate | null,
  repo: AbstractRepository,
  session: Session,
): Promise<void> {
  void [ref, sku, qty, eta, repo, session];
  throw todo('addBatch: add a new model.Batch to the repository, then commit the session');
}

/** The exercise, part 2: take an order's line of this sku off the batch it was allocated to. */
export async function deallocate(
  orderid: string,
  sku: string,
  repo: AbstractRepository,
  session: Session,
): Promise<void> {
  void [orderid, sku, repo, session];
  throw todo(
    "deallocate: find the batch of this sku holding the order's line, batch.deallocate(line), commit " +
      '(an unknown sku throws InvalidSku, as allocate does)',
  );
}

function todo(what: string): Error {
  return new Error(`To do in src/service-layer/services.ts: ${what}`);
}
