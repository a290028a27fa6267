import type * as commands from '../domain/commands';
import type { AbstractUnitOfWork } from './unit-of-work';

/**
 * A command that is well formed but means nothing here (it names a product or a batch we do not
 * have): its semantics fail. The bus logs it and gives it back; the API answers 422, the consumer
 * skips it. Never a 500: nothing went wrong on our side.
 */
export class MessageUnprocessable extends Error {
  override name = 'MessageUnprocessable';
}

export class InvalidSku extends MessageUnprocessable {
  override name = 'InvalidSku';
}

export class InvalidBatchref extends MessageUnprocessable {
  override name = 'InvalidBatchref';
}

// The checks read in a unit of work of their own, before the handler's. What they find cannot go
// stale before the handler runs: products and batches are never deleted.

/** The product a command is about must exist. */
export async function productExists(
  cmd: commands.Allocate,
  { uow }: { uow: AbstractUnitOfWork },
): Promise<void> {
  const product = await uow.run(() => uow.products.get(cmd.sku));
  if (product === null) throw new InvalidSku(`Invalid sku ${cmd.sku}`);
}

/** The batch a command is about must exist. */
export async function batchExists(
  cmd: commands.ChangeBatchQuantity,
  { uow }: { uow: AbstractUnitOfWork },
): Promise<void> {
  const product = await uow.run(() => uow.products.getByBatchref(cmd.ref));
  if (product === null) throw new InvalidBatchref(`Invalid batchref ${cmd.ref}`);
}
