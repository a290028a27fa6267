import type { Dependencies } from 'ch13-di/src/service-layer/handlers';
import type { AllocationCancelled, CancelAllocation } from '../../app/messages';

/**
 * The command's handler. An unknown sku throws chapter 13's InvalidSku (a command that fails, fails
 * loudly); an order with nothing allocated of the sku changes nothing.
 */
export async function cancelAllocation(
  cmd: CancelAllocation,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  void [cmd, uow];
  throw todo(
    'cancelAllocation: in a unit of work, get the product of cmd.sku, take the lines of cmd.orderid off the batch ' +
      'that holds them (its _allocations), record an AllocationCancelled on the product (product.events), commit',
  );
}

/** The read model's side: the cancelled line leaves allocations_view. */
export async function removeCancelledAllocationFromReadModel(
  event: AllocationCancelled,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  void [event, uow];
  throw todo(
    "removeCancelledAllocationFromReadModel: DELETE the order's row of this sku from allocations_view",
  );
}

function todo(what: string): Error {
  return new Error(`To do in src/service-layer/handlers.ts: ${what}`);
}
