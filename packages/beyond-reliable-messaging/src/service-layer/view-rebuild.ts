import * as events from '../domain/events';
import { addAllocationToReadModel, removeAllocationFromReadModel } from './handlers';
import type { AbstractUnitOfWork } from './unit-of-work';

/** An order and sku to rebuild, with one of its allocations (none: the view holds what is no more). */
interface Allocation {
  orderid: string;
  sku: string;
  qty: number | null;
  batchref: string | null;
}

/**
 * The book's answer to a view that missed an update (chapter 12, "Rebuilding from Scratch"): build it
 * again from the write side with the read-model handlers. Each order and sku whose rows in the view
 * differ from its allocations is removed and added again, one handler call per allocation, in one
 * transaction; the others are left alone, so the view never empties, and a second run changes nothing.
 */
export async function rebuildAllocationsView(uow: AbstractUnitOfWork): Promise<{ rebuilt: number }> {
  const allocations = await uow.run(() =>
    uow.session.execute<Allocation[]>(
      `WITH written AS (
         SELECT l.orderid, l.sku, l.qty, b.reference AS batchref FROM allocations a
         JOIN order_lines l ON l.id = a.orderline_id JOIN batches b ON b.id = a.batch_id),
       differing AS (
         SELECT orderid, sku FROM (SELECT orderid, sku, batchref, count(*) AS n FROM written GROUP BY 1, 2, 3) w
         FULL JOIN (SELECT orderid, sku, batchref, count(*) AS n FROM allocations_view GROUP BY 1, 2, 3) v
         USING (orderid, sku, batchref) WHERE w.n IS DISTINCT FROM v.n)
       SELECT DISTINCT d.orderid, d.sku, w.qty, w.batchref FROM differing d LEFT JOIN written w USING (orderid, sku)`,
    ),
  );
  const keys = new Map(allocations.map((a) => [`${a.orderid}\u0000${a.sku}`, a])); // NUL is in no text here
  // the read-model handlers write in the unit of work's transaction: one for the whole rebuild
  await uow.run(async () => {
    for (const { orderid, sku } of keys.values())
      await removeAllocationFromReadModel(new events.Deallocated(orderid, sku, 0), { uow }); // it reads orderid and sku
    for (const { orderid, sku, qty, batchref } of allocations)
      if (batchref !== null && qty !== null)
        await addAllocationToReadModel(new events.Allocated(orderid, sku, qty, batchref), { uow });
    await uow.commit();
  });
  return { rebuilt: keys.size };
}
