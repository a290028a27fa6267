import { type Dependencies, InvalidSku } from 'ch13-di/src/service-layer/handlers';
import { AllocationCancelled, type CancelAllocation } from '../../app/messages';

/**
 * The command's handler. An unknown sku throws chapter 13's InvalidSku (a command that fails, fails
 * loudly); an order with nothing allocated of the sku changes nothing.
 */
export async function cancelAllocation(
  cmd: CancelAllocation,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.run(async () => {
    const product = await uow.products.get(cmd.sku);
    if (product === null) throw new InvalidSku(`Invalid sku ${cmd.sku}`);
    for (const batch of product.batches) {
      // chapter 13's Batch has no deallocate(line) (only chapter 9's deallocateOne), and its code is not ours to change
      if (!batch._allocations.some((line) => line.orderid === cmd.orderid)) continue;
      batch._allocations = batch._allocations.filter((line) => line.orderid !== cmd.orderid);
      product.versionNumber += 1; // a change to the aggregate, as every change is
      product.events.push(new AllocationCancelled(cmd.orderid, cmd.sku, batch.reference));
    }
    await uow.commit();
  });
}

/** The read model's side: the cancelled line leaves allocations_view. */
export async function removeCancelledAllocationFromReadModel(
  event: AllocationCancelled,
  { uow }: Pick<Dependencies, 'uow'>,
): Promise<void> {
  await uow.run(async () => {
    await uow.session.execute(
      'DELETE FROM allocations_view WHERE orderid = $1 AND sku = $2 AND batchref = $3',
      [event.orderid, event.sku, event.batchref],
    );
    await uow.commit();
  });
}
